import { relative } from 'node:path';
import { loadPacks } from '../content/load-pack.ts';
import type { Question } from '../content/pack-schema.ts';
import { gradeAnswer } from '../feedback/index.ts';
import { redactIdentifiers } from '../privacy/index.ts';
import { parseEvalArgs, setFilesIn } from './eval-cli.ts';
import { type EvalReport, evaluate, type GradedAnswer, rankedPairs } from './eval-metrics.ts';
import { type LabelledAnswer, readEvalSet } from './eval-set.ts';

const USAGE = `Usage: npm run eval [-- FILE.json ...] [--failures]

Grades every answer of the labelled sets with the built-in grader and prints pairwise agreement with
the labels, the same for partial-vs-weak pairs, unsafe answers caught, STAR-part agreement and two
baselines (longer answer wins; more words shared with the question wins).

  FILE.json     sets to grade (default: every set in test/eval/sets/)
  --failures    also list the pairs ordered wrongly and the unsafe answers missed
  -h, --help    show this help

Exit codes: 0 every target met, 1 a target missed, 2 bad usage or an unreadable set.`;

const defaultSets = (): string[] => setFilesIn('test', 'eval', 'sets');

function grade(labelled: readonly LabelledAnswer[], questions: Map<string, Question>): GradedAnswer[] {
  return labelled.map((label) => {
    const question = questions.get(`${label.pack}/${label.question}`);
    if (!question) throw new Error(`${label.id}: pack ${label.pack} has no question "${label.question}"`);
    const result = gradeAnswer({ question, answer: redactIdentifiers(label.answer).text });
    return { label, score: result.score, redFlags: result.redFlags, star: result.star };
  });
}

const pct = (n: number): string => `${n.toFixed(1)}%`;

function printReport(title: string, r: EvalReport): void {
  const lines = [
    `${title}: ${r.answers} answers, ${r.questions} questions`,
    `  pairwise agreement:        ${pct(r.pairwise.percent)} (${r.pairwise.agree} of ${r.pairwise.pairs} pairs, ${r.pairwise.ties} ties)`,
    `  partial vs weak:           ${pct(r.partialVsWeak.percent)} (${r.partialVsWeak.agree} of ${r.partialVsWeak.pairs}, ${r.partialVsWeak.ties} ties)`,
    `  unsafe caught (<=2, flag): ${pct(r.safety.percent)} (${r.safety.caught} of ${r.safety.unsafe})`,
    `  red flags on strong:       ${r.safety.falseAlarms} of ${r.safety.strong}`,
    r.star.parts > 0
      ? `  STAR parts:                ${pct(r.star.exactPercent)} exact, ${pct(r.star.loosePercent)} present-or-not (${r.star.parts} parts)`
      : '  STAR parts:                (no labelled STAR parts)',
    `  baseline, longer wins:     ${pct(r.lengthBaseline.percent)}`,
    `  baseline, question words:  ${pct(r.overlapBaseline.percent)}`,
    r.failures.length === 0 ? '  targets: all met' : `  targets missed: ${r.failures.join('; ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printFailures(graded: readonly GradedAnswer[]): void {
  for (const p of rankedPairs(graded)) {
    if (p.better.score > p.worse.score) continue;
    process.stdout.write(
      `  ${p.better.score <= p.worse.score ? 'misordered' : ''} ${p.better.label.id} (rank ${p.better.label.rank}, score ${p.better.score}) vs ${p.worse.label.id} (rank ${p.worse.label.rank}, score ${p.worse.score})\n`,
    );
  }
  for (const a of graded) {
    if (a.label.unsafe && !(a.score <= 2 && a.redFlags.length > 0))
      process.stdout.write(
        `  unsafe missed: ${a.label.id} score ${a.score}, flags [${a.redFlags.join('; ')}]\n`,
      );
    if (a.label.rank === 3 && a.redFlags.length > 0)
      process.stdout.write(`  false alarm: ${a.label.id} flags [${a.redFlags.join('; ')}]\n`);
  }
}

function main(argv: string[]): number {
  const args = parseEvalArgs('eval', USAGE, argv, defaultSets);
  if ('exitCode' in args) return args.exitCode;
  const { files } = args;
  const questions = new Map<string, Question>();
  for (const pack of loadPacks().values())
    for (const q of pack.questions) questions.set(`${pack.id}/${q.id}`, q);
  const questionText = (a: GradedAnswer): string =>
    questions.get(`${a.label.pack}/${a.label.question}`)?.text ?? '';
  let all: GradedAnswer[] = [];
  try {
    for (const file of files) {
      const graded = grade(readEvalSet(file), questions);
      printReport(relative(process.cwd(), file) || file, evaluate(graded, questionText));
      if (args.failures) printFailures(graded);
      all = all.concat(graded);
    }
  } catch (error) {
    process.stderr.write(`eval: ${(error as Error).message}\n`);
    return 2;
  }
  if (files.length === 1) return evaluate(all, questionText).failures.length === 0 ? 0 : 1;
  const overall = evaluate(all, questionText);
  printReport('all sets', overall);
  return overall.failures.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
