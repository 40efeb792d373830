/**
 * The follow-up question for a thin answer, aimed at its weakest part: a whole story when three or
 * more STAR parts are missing, then STAR parts that are not present (Result > Action > Task > Situation), then missing key points in pack
 * order (their probe, or one built from the label), then raised red flags, then the question's own
 * follow-ups, then generic ones. Targets already asked are skipped, so a follow-up never repeats.
 */
import type { Question } from '../content/pack-schema.ts';
import type { StarPart } from '../core/grade-types.ts';
import { followUpText } from './feedback-text.ts';
import type { CompiledKeyPoint } from './match-signals.ts';
import type { RaisedFlag } from './red-flags.ts';
import type { StarDetection } from './star-parts.ts';

export interface FollowUpTarget {
  /** Stable identity of what the follow-up aims at, e.g. `star:result`, `point:<label>`. */
  key: string;
  kind: 'story' | 'star' | 'key-point' | 'red-flag' | 'question' | 'generic';
  part?: StarPart;
  label?: string;
  /** The STAR action is thin because only "we" acted. */
  teamOnly?: boolean;
  text: string;
}

const STAR_PRIORITY: readonly StarPart[] = ['result', 'action', 'task', 'situation'];
/** With this many STAR parts missing, the first follow-up asks for a whole story. */
const STORY_MISSING_PARTS = 3;

export interface TargetInput {
  question: Question;
  star: StarDetection | null;
  missing: readonly CompiledKeyPoint[];
  flags: readonly RaisedFlag[];
}

/** Every follow-up target for this grade, weakest first. */
export function followUpTargets({ question, star, missing, flags }: TargetInput): FollowUpTarget[] {
  const targets: FollowUpTarget[] = [];
  if (star) {
    // Hardly a story at all: ask for one before asking for its parts.
    const missingParts = STAR_PRIORITY.filter((part) => star.states[part] === 'missing').length;
    if (missingParts >= STORY_MISSING_PARTS)
      targets.push({ key: 'star:story', kind: 'story', text: followUpText.story });
    for (const part of STAR_PRIORITY) {
      if (star.states[part] === 'present') continue;
      const teamOnly = part === 'action' && star.actionOnlyWe;
      targets.push({
        key: `star:${part}`,
        kind: 'star',
        part,
        teamOnly,
        text: teamOnly ? followUpText.star.actionWe : followUpText.star[part],
      });
    }
  }
  for (const kp of missing) {
    targets.push({
      key: `point:${kp.label}`,
      kind: 'key-point',
      label: kp.label,
      text: kp.probe ?? followUpText.keyPoint(kp.label),
    });
  }
  for (const flag of flags) {
    targets.push({
      key: `flag:${flag.label}`,
      kind: 'red-flag',
      label: flag.label,
      text: followUpText.redFlag(flag.label),
    });
  }
  (question.followUps ?? []).forEach((text, i) => {
    targets.push({ key: `question:${i}`, kind: 'question', text });
  });
  followUpText.generic.forEach((text, i) => {
    targets.push({ key: `generic:${i}`, kind: 'generic', text });
  });
  return targets;
}

/**
 * The weakest target not asked yet (`asked` holds target keys and follow-up texts). When every one has been asked, the last generic question is
 * asked again (a thin answer always gets a follow-up; the caller limits how many it asks).
 */
export function pickFollowUp(targets: readonly FollowUpTarget[], asked: ReadonlySet<string>): FollowUpTarget {
  for (const t of targets) {
    if (!asked.has(t.key) && !asked.has(t.text)) return t;
  }
  return targets[targets.length - 1]!;
}
