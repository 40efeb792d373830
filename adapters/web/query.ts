import { z } from 'zod';

/**
 * Every query parameter a page takes, checked with zod. Unknown parameters are refused too, so a typo
 * shows as an error rather than a page that quietly ignored it.
 */
export const rosterColumns = [
  'user',
  'lastActive',
  'answers',
  'average',
  'trend',
  'streak',
  'assignments',
  'peer',
] as const;
export type RosterColumn = (typeof rosterColumns)[number];

export const periods = { '7d': 7, '30d': 30, '90d': 90 } as const;
export type PeriodName = keyof typeof periods;

const period = z
  .enum(Object.keys(periods) as [PeriodName, ...PeriodName[]], {
    error: 'period must be one of 7d, 30d or 90d',
  })
  .default('30d');

export const pageQuery = z.strictObject({ period });

export const rosterQuery = z.strictObject({
  period,
  sort: z.enum(rosterColumns, { error: `sort must be one of ${rosterColumns.join(', ')}` }).optional(),
  dir: z.enum(['asc', 'desc'], { error: 'dir must be asc or desc' }).default('asc'),
  q: z.string().max(100, { error: 'the filter text must be at most 100 characters' }).default(''),
});

export type PageQuery = z.output<typeof pageQuery>;
export type RosterQuery = z.output<typeof rosterQuery>;

export type QueryResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The parsed query, or one sentence per problem for the 400 page. */
export function parseQuery<T>(schema: z.ZodType<T>, query: Record<string, string>): QueryResult<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? `unknown parameter: ${issue.keys.join(', ')}` : issue.message,
  );
  return { ok: false, problems };
}
