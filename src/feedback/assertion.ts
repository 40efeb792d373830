/**
 * Whether a quoted sentence asserts a key point: used to hold the LLM to the offline grader's
 * judgement of stance. A quote that negates or dismisses the point, or that raises one of the
 * question's red flags, cannot earn it.
 */
import type { Question } from '../content/pack-schema.ts';
import { compileQuestion, matchSignal } from './match-signals.ts';
import { extractCodes, maskCodes } from './medical-codes.ts';
import { findRedFlags } from './red-flags.ts';
import { stanceOf } from './stance.ts';
import { analysePrepared } from './text-analysis.ts';

/**
 * True when `quote` asserts the key point `label` of `question`: its sentences raise no red flag,
 * and where the point's signals match, they match in an asserting sentence; a paraphrase the signals
 * do not know is judged by the polarity of its main clause.
 */
export function quoteAsserts(question: Question, label: string, quote: string): boolean {
  const compiled = compileQuestion(question);
  const codes = extractCodes(quote);
  const analysis = analysePrepared(quote, maskCodes(quote, codes), codes);
  const { tokens, sentences } = analysis;
  if (findRedFlags(compiled, tokens, sentences).length > 0) return false;
  const kp = compiled.keyPoints.find((k) => k.label === label);
  let matched = false;
  for (const s of sentences) {
    for (const signal of kp?.signals ?? []) {
      const positions = matchSignal(s, signal);
      if (!positions) continue;
      matched = true;
      if (signal.hasNegation || stanceOf(tokens, s, positions) === 'asserted') return true;
    }
  }
  if (matched) return false;
  // A paraphrase: the first verb of some sentence must not be negated ("I don't look at…").
  return sentences.some((s) => {
    for (let i = s.from; i < s.to; i++) {
      if (tokens.pos[i] === 'VERB') return stanceOf(tokens, s, [i]) === 'asserted';
    }
    return true;
  });
}
