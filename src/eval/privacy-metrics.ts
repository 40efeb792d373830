/**
 * Scores a redactor on labelled texts: how many identifiers it removed (recall) and how many
 * strings that must survive it altered. Pure: the redactor is passed in.
 */
import type { LabelledText } from './privacy-set.ts';

export interface ItemResult {
  item: LabelledText;
  output: string;
  /** `remove` strings still readable in the output, whole or in part. */
  leaked: string[];
  /** `keep` strings that no longer occur as often as in the input. */
  altered: string[];
}

export interface PrivacyReport {
  identifiers: number;
  removed: number;
  recall: number;
  survivors: number;
  altered: number;
  /** Items with nothing to remove that came out changed at all: over-redaction beyond the labels. */
  cleanItems: number;
  cleanItemsChanged: number;
  results: ItemResult[];
}

// Cue words a redactor may rightly leave in front of a placeholder ("ext. [PHONE]", "Apt [ADDRESS]").
const CUE_WORDS = new Set(['ext', 'Ext', 'EXT', 'Apt', 'Unit', 'Suite', 'Ste']);
const FRAGMENT = /[\p{L}\p{N}]{2,}/gu;

function countSubstring(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function countToken(text: string, token: string): number {
  let n = 0;
  for (const m of text.matchAll(FRAGMENT)) if (m[0] === token) n++;
  return n;
}

/**
 * A labelled identifier leaks when it is still in the output, or when any of its parts ("Lee",
 * "7946") occurs more often in the output than elsewhere in the input: a half-redacted phone
 * number or a surname left behind counts as a miss.
 */
function leaks(entry: string, input: string, allEntries: readonly string[], output: string): boolean {
  if (output.includes(entry)) return true;
  let rest = input;
  for (const e of allEntries) rest = rest.split(e).join(' ');
  for (const m of entry.matchAll(FRAGMENT)) {
    if (CUE_WORDS.has(m[0])) continue;
    if (countToken(output, m[0]) > countToken(rest, m[0])) return true;
  }
  return false;
}

export function scoreItem(item: LabelledText, output: string): ItemResult {
  return {
    item,
    output,
    leaked: item.remove.filter((entry) => leaks(entry, item.text, item.remove, output)),
    altered: item.keep.filter((s) => countSubstring(output, s) < countSubstring(item.text, s)),
  };
}

export function evaluatePrivacy(
  items: readonly LabelledText[],
  redact: (text: string) => string,
): PrivacyReport {
  const results = items.map((item) => scoreItem(item, redact(item.text)));
  const identifiers = items.reduce((n, item) => n + item.remove.length, 0);
  const leaked = results.reduce((n, r) => n + r.leaked.length, 0);
  const clean = results.filter((r) => r.item.remove.length === 0);
  return {
    identifiers,
    removed: identifiers - leaked,
    recall: identifiers === 0 ? 100 : (100 * (identifiers - leaked)) / identifiers,
    survivors: items.reduce((n, item) => n + item.keep.length, 0),
    altered: results.reduce((n, r) => n + r.altered.length, 0),
    cleanItems: clean.length,
    cleanItemsChanged: clean.filter((r) => r.output !== r.item.text).length,
    results,
  };
}

export const RECALL_TARGET = 99;

/** The targets a report misses, worded for a person; empty when every target is met. */
export function missedTargets(report: PrivacyReport): string[] {
  const missed: string[] = [];
  if (report.recall < RECALL_TARGET) missed.push(`recall ${report.recall.toFixed(1)}% < ${RECALL_TARGET}%`);
  if (report.altered > 0) missed.push(`${report.altered} survivors altered`);
  return missed;
}
