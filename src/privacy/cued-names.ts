import { CAPITALISED, nameTokens } from './name-tokens.ts';
import { isNear, type NameStepResult } from './names.ts';
import { ANCHOR_AFTER } from './patterns.ts';

/**
 * Names after a patient cue, typed in any case: "Pt li wei (dob …)", "the patient, yuki tanaka,",
 * "PATIENT: robert mcallister", "Patient Ann Lee was seen".
 */

const TOKEN = String.raw`[\p{L}][\p{L}'’-]*`;
const PATIENT_CUE = String.raw`\b(?:the\s+)?(?:patient|pt)(?:'s)?(?:\s+name)?\.?\s*(?:[:,=]\s*|-\s+|\s+(?:is|was)\s+|\s+)`;
const TITLE = String.raw`(?:mr|mrs|ms|miss|mx)\.?\s+`;
const CUED_RUN = new RegExp(String.raw`(${PATIENT_CUE})(${TITLE})?((?:${TOKEN})(?:\s+${TOKEN}){0,3})`, 'giu');
const LABEL_CUE = /:|name/i;
const NAME_LABEL = /name/i;

function anchorFollows(text: string, end: number): boolean {
  const after = text.slice(end, end + 80);
  const next = ANCHOR_AFTER.exec(after);
  return next !== null && isNear(after.slice(0, next.index), 6);
}

/**
 * A run after a patient cue is a name when the cue is a label ("patient name:", "PATIENT:"), when
 * it is two or more capitalised words ("Patient Ann Lee"), or when an identifier follows it.
 */
export function redactCuedNames(text: string): NameStepResult {
  const names: string[] = [];
  const out = text.replace(
    CUED_RUN,
    (whole: string, cue: string, title: string | undefined, run: string, offset: number) => {
      const label = LABEL_CUE.test(cue);
      // Only "name" itself vouches for a word shaped like a verb ("pt name mohammed …"); after a bare
      // colon it is more often one ("Patient: improved after …").
      const tokens = nameTokens(run, NAME_LABEL.test(cue));
      if (tokens.length === 0) return whole;
      // "PT" in capitals is as often physical therapy ("PT Initial Evaluation") as a patient.
      if (cue.startsWith('PT') && !cue.includes(':')) return whole;
      const name = tokens.join(' ');
      const end = offset + cue.length + (title?.length ?? 0) + name.length;
      const capitalised = tokens.every((t) => CAPITALISED.test(t));
      // One word after "patient" is too often an ordinary word ("patient anxious, MRN …") unless
      // it is capitalised and an identifier follows ("Patient Smith, MRN …").
      // A title says a person is meant ("the pt, mrs. okafor, dob …").
      const isName =
        title !== undefined ||
        (tokens.length === 1
          ? label || (capitalised && anchorFollows(text, end))
          : label || capitalised || anchorFollows(text, end));
      if (!isName) return whole;
      names.push(`${title ?? ''}${name}`);
      return `${cue}[NAME]${run.slice(name.length)}`;
    },
  );
  return { text: out, count: names.length, names };
}
