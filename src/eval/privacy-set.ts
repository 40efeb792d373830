/**
 * A labelled set for the patient-data guard: answer sentences, the exact substrings that must
 * disappear (`remove`) and those that must come through untouched (`keep`). The project's sets
 * live in `test/privacy/sets/`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const labelledTextSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    remove: z.array(z.string().min(1)),
    keep: z.array(z.string().min(1)),
  })
  .refine((item) => [...item.remove, ...item.keep].every((s) => item.text.includes(s)), {
    message: 'every remove and keep string must occur in the text',
  });

export type LabelledText = z.infer<typeof labelledTextSchema>;

export function readPrivacySet(file: string): LabelledText[] {
  const parsed = z.array(labelledTextSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: item ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
