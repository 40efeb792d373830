import { redactIdentifiers } from '../privacy/index.ts';
import { parseEvalArgs, setFilesIn } from './eval-cli.ts';
import { evaluatePrivacy, missedTargets, type PrivacyReport } from './privacy-metrics.ts';
import { type LabelledText, readPrivacySet } from './privacy-set.ts';

const USAGE = `Usage: npm run eval:privacy [-- FILE.json ...] [--failures]

Redacts every text of the labelled sets and prints the share of labelled identifiers removed
(recall), the survivors (codes, clinicians, dates of service, amounts) altered, and how many texts
with nothing to remove came out changed at all.

  FILE.json     sets to run (default: every set in test/privacy/sets/)
  --failures    also list each identifier left readable and each survivor altered
  -h, --help    show this help

Exit codes: 0 every target met, 1 a target missed, 2 bad usage or an unreadable set.`;

const defaultSets = (): string[] => setFilesIn('test', 'privacy', 'sets');

const pct = (n: number): string => `${n.toFixed(1)}%`;

function printReport(r: PrivacyReport): void {
  const missed = missedTargets(r);
  const lines = [
    `recall: ${pct(r.recall)} (${r.removed} of ${r.identifiers} identifiers removed)`,
    `codes altered: ${r.altered} of ${r.survivors} survivors`,
    `clean texts changed: ${r.cleanItemsChanged} of ${r.cleanItems}`,
    missed.length === 0 ? 'targets: all met' : `targets missed: ${missed.join('; ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printFailures(r: PrivacyReport): void {
  for (const { item, output, leaked, altered } of r.results) {
    const changedClean = item.remove.length === 0 && output !== item.text;
    if (leaked.length === 0 && altered.length === 0 && !changedClean) continue;
    process.stdout.write(`  ${item.id}: ${JSON.stringify(item.text)}\n    -> ${JSON.stringify(output)}\n`);
    for (const s of leaked) process.stdout.write(`    left: ${JSON.stringify(s)}\n`);
    for (const s of altered) process.stdout.write(`    altered: ${JSON.stringify(s)}\n`);
  }
}

function main(argv: string[]): number {
  const args = parseEvalArgs('eval:privacy', USAGE, argv, defaultSets);
  if ('exitCode' in args) return args.exitCode;
  const { files } = args;
  let items: LabelledText[] = [];
  try {
    for (const file of files) items = items.concat(readPrivacySet(file));
  } catch (error) {
    process.stderr.write(`eval:privacy: ${(error as Error).message}\n`);
    return 2;
  }
  const report = evaluatePrivacy(items, (text) => redactIdentifiers(text).text);
  printReport(report);
  if (args.failures) printFailures(report);
  return missedTargets(report).length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
