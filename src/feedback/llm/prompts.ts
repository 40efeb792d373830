/**
 * The prompt files in `prompts/`, loaded once, and the messages built from them.
 *
 * The question and its rubric (trusted pack content) go in the system message; the candidate's
 * answer (untrusted) goes in the user message only, inside `<answer>` tags it cannot close early.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Question } from '../../content/pack-schema.ts';
import type { SummaryRequest } from '../../core/feedback-model.ts';
import { packagePath } from '../../package-root.ts';
import { redactIdentifiers } from '../../privacy/index.ts';

export const promptNames = [
  'system',
  'behavioral-rubric',
  'technical-rubric',
  'follow-up',
  'session-summary',
] as const;
export type PromptName = (typeof promptNames)[number];
export type Prompts = Record<PromptName, string>;

/** `prompts/` at the repository (or installed package) root. */
export const promptsDir = pathToFileURL(`${packagePath('prompts')}/`);

let cache: Prompts | null = null;

/** Reads every prompt file on first use; later calls return the same texts. Throws if one is missing. */
export function loadPrompts(): Prompts {
  if (cache) return cache;
  const loaded = {} as Prompts;
  for (const name of promptNames) {
    loaded[name] = readFileSync(new URL(`${name}.md`, promptsDir), 'utf8').trim();
  }
  cache = loaded;
  return loaded;
}

/** Fills `{{name}}` placeholders; a placeholder with no value is a bug in the caller, so it throws. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`prompt placeholder {{${key}}} has no value`);
    return value;
  });
}

/** Signals listed per key point or red flag: enough to show the idea, few enough to keep the prompt small. */
const MAX_KEY_POINT_SIGNALS = 1;
/** Why a red flag matters, clipped to about this length: every flag is listed, so each line stays short. */
const MAX_WHY_CHARS = 64;
/** What the interviewer is checking, clipped to about this length. */
const MAX_CHECKING_CHARS = 140;

/** The first `max` signals that add something to the label (a signal the label already contains adds nothing). */
function signalList(label: string, signals: readonly string[], max: number): string {
  const known = label.toLowerCase();
  const fresh = signals.filter((signal) => !known.includes(signal.toLowerCase()));
  return (fresh.length > 0 ? fresh : signals).slice(0, max).join('; ');
}

/** A sentence ends at . ! or ? followed by a space: "R07.9" stays whole. */
function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?]["')\]]*)\s+/).filter((s) => s.length > 0);
}

/** Whole sentences from the start up to about `max` characters (at least the first sentence). */
export function firstSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const sentence of splitSentences(text)) {
    if (out.length > 0 && out.length + sentence.length + 1 > max) break;
    out = out ? `${out} ${sentence}` : sentence;
  }
  return out;
}

/** Whole sentences when they fit; otherwise cut at a word boundary before `max`, marked with "…". */
export function clip(text: string, max: number): string {
  const whole = firstSentences(text, max);
  if (whole.length <= max) return whole;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s,;:]+$/, '')}…`;
}

/** Newlines in pack fields would break the one-item-per-line lists. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Rendered rubrics by question object: packs are loaded once and not mutated, so a rubric renders once. */
const rubricCache = new WeakMap<Prompts, WeakMap<Question, string>>();

export function renderRubric(prompts: Prompts, question: Question): string {
  let byQuestion = rubricCache.get(prompts);
  if (!byQuestion) {
    byQuestion = new WeakMap();
    rubricCache.set(prompts, byQuestion);
  }
  let rubric = byQuestion.get(question);
  if (rubric === undefined) {
    rubric = buildRubric(prompts, question);
    byQuestion.set(question, rubric);
  }
  return rubric;
}

function buildRubric(prompts: Prompts, question: Question): string {
  const template =
    question.kind === 'behavioral' ? prompts['behavioral-rubric'] : prompts['technical-rubric'];
  return fillTemplate(template, {
    kind: question.kind,
    question: oneLine(question.text),
    checking: clip(oneLine(question.checking), MAX_CHECKING_CHARS),
    keyPoints: question.keyPoints
      .map(
        (kp) => `- ${oneLine(kp.label)}: ${oneLine(signalList(kp.label, kp.signals, MAX_KEY_POINT_SIGNALS))}`,
      )
      .join('\n'),
    redFlags: [
      ...question.redFlags
        .filter((rf) => !rf.common)
        .map((rf) => `- ${oneLine(rf.label)}. ${clip(oneLine(rf.why), MAX_WHY_CHARS)}`),
      // The pack's common flags on one line: they apply to every question, their labels say enough.
      ...commonFlagsLine(question),
    ].join('\n'),
  });
}

function commonFlagsLine(question: Question): string[] {
  const common = question.redFlags.filter((rf) => rf.common).map((rf) => oneLine(rf.label));
  return common.length === 0 ? [] : [`- Also, on any question: ${common.join('; ')}.`];
}

export function renderFollowUp(prompts: Prompts, followUpsAsked: readonly string[]): string {
  const asked =
    followUpsAsked.length === 0 ? 'none' : followUpsAsked.map((f) => `"${oneLine(f)}"`).join('; ');
  return fillTemplate(prompts['follow-up'], { followUpsAsked: asked });
}

export function gradeSystemMessage(
  prompts: Prompts,
  question: Question,
  followUpsAsked: readonly string[],
): string {
  return [prompts.system, renderRubric(prompts, question), renderFollowUp(prompts, followUpsAsked)].join(
    '\n\n',
  );
}

/**
 * Makes an answer safe to put between `<answer>` tags: identifiers redacted (defence in depth: the
 * core redacts first) and any `<answer>` / `</answer>` tag inside it defused, so the text cannot end
 * the data block and speak as the prompt.
 */
export function prepareAnswer(text: string): string {
  return redactIdentifiers(text)
    .text.replace(/<\s*(\/?)\s*answer\b[^>]*>/gi, (_m, slash: string) => `[${slash}answer]`)
    .trim();
}

/** The user message: the answer parts (earlier answers first, then the new one), each in its own tags. */
export function gradeUserMessage(parts: readonly string[]): string {
  if (parts.length === 1) return `<answer>\n${parts[0]}\n</answer>`;
  return parts.map((part, i) => `<answer part="${i + 1}">\n${part}\n</answer>`).join('\n');
}

/** One question's line in the summary prompt: the port's own shape. */
export type SummaryPromptResult = SummaryRequest['results'][number];

export function summarySystemMessage(prompts: Prompts, packTitle: string): string {
  return fillTemplate(prompts['session-summary'], { packTitle: oneLine(packTitle) });
}

export function summaryUserMessage(results: readonly SummaryPromptResult[]): string {
  const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.map(oneLine).join('; '));
  return results
    .map((r, i) =>
      [
        `${i + 1}. ${oneLine(r.questionText)} (${r.kind}; ${list(r.competencies)})`,
        `   score: ${r.score === null ? 'skipped' : r.score}`,
        `   missed: ${list(r.missingPoints)}`,
        `   red flags: ${list(r.redFlags)}`,
        ...(r.kind === 'behavioral' ? [`   STAR gaps: ${list(r.starGaps)}`] : []),
      ].join('\n'),
    )
    .join('\n');
}
