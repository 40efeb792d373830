import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePrivacy, missedTargets, RECALL_TARGET } from '../../src/eval/privacy-metrics.ts';
import { readPrivacySet } from '../../src/eval/privacy-set.ts';
import { redactIdentifiers } from '../../src/privacy/index.ts';

const setsDir = new URL('./sets/', import.meta.url).pathname;
const items = readdirSync(setsDir)
  .filter((name) => name.endsWith('.json'))
  .flatMap((name) => readPrivacySet(join(setsDir, name)));

describe('the redactor on the labelled sets (npm run eval:privacy)', () => {
  const report = evaluatePrivacy(items, (text) => redactIdentifiers(text).text);

  it('the sets are as large as issue 12 asks', () => {
    expect(report.identifiers).toBeGreaterThanOrEqual(400);
    expect(report.survivors).toBeGreaterThanOrEqual(500);
  });

  it(`removes at least ${RECALL_TARGET}% of the labelled identifiers`, () => {
    const leaked = report.results.flatMap((r) => r.leaked.map((s) => `${r.item.id}: ${s}`));
    expect(report.recall, leaked.join('\n')).toBeGreaterThanOrEqual(RECALL_TARGET);
  });

  it('alters no survivor and changes no text that has nothing to remove', () => {
    const altered = report.results.flatMap((r) => r.altered.map((s) => `${r.item.id}: ${s}`));
    expect(altered).toEqual([]);
    expect(report.cleanItemsChanged).toBe(0);
    expect(missedTargets(report)).toEqual([]);
  });

  it('is idempotent and counts every placeholder it writes, on every text of the sets', () => {
    const unstable: string[] = [];
    for (const { id, text } of items) {
      const once = redactIdentifiers(text);
      const twice = redactIdentifiers(once.text);
      const placeholders = once.text.match(/\[(?:NAME|DOB|MRN|SSN|PHONE|EMAIL|ADDRESS|MEMBER_ID)\]/g) ?? [];
      if (twice.text !== once.text || placeholders.length !== once.count) unstable.push(id);
    }
    expect(unstable).toEqual([]);
  });
});
