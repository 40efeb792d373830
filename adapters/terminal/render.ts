import type { GradeResult, Reply, SessionStartOptions } from '../../src/index.ts';
import type { Style } from './style.ts';

const starMarks = { present: '✓', thin: '~', missing: '✗' } as const;

/** Turns a core reply into terminal text. Pure: the wording comes from the core. */
export function renderReply(reply: Reply, style: Style): string {
  switch (reply.type) {
    case 'question':
      return [
        '',
        `${style.bold(`Q${reply.number}/${reply.total}`)}  ${reply.question.text}`,
        style.dim(
          `${reply.question.kind} · ${reply.question.level} · ${reply.question.competencies.join(', ')}`,
        ),
      ].join('\n');
    case 'feedback':
      return reply.grade
        ? renderGrade(reply.grade, reply.text || null, reply.notes, style)
        : style.dim(reply.text);
    case 'follow-up':
      return `${style.cyan('Follow-up:')} ${reply.text}\n${style.dim(actionLine(reply.actions.map((action) => action.id)))}`;
    case 'hint':
      return `${style.yellow('Hint:')} ${reply.text}`;
    case 'sample-answer':
      return `${style.bold('A strong answer:')}\n${reply.text}`;
    case 'summary':
      return renderSummary(reply, style);
    case 'notice':
      return style.dim(reply.text);
    case 'error':
      return style.red(reply.text);
    case 'transcript':
      return renderTranscript(reply, style);
  }
}

/** The grade under its feedback text; `text` is null when it already streamed above. */
export function renderGrade(grade: GradeResult, text: string | null, notes: string[], style: Style): string {
  const scoreColour = grade.score >= 4 ? style.green : grade.score === 3 ? style.yellow : style.red;
  const lines = [
    [
      scoreColour(style.bold(`Score ${grade.score}/5`)),
      grade.coveredPoints.length ? `covered: ${grade.coveredPoints.join(' · ')}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  ];
  if (grade.missingPoints.length) lines.push(`missing: ${grade.missingPoints.join(' · ')}`);
  if (grade.star) {
    const parts = Object.entries(grade.star).map(
      ([part, state]) => `${starMarks[state]} ${capitalize(part)}`,
    );
    lines.push(`STAR: ${parts.join(' · ')}`);
  }
  for (const flag of grade.redFlags) lines.push(style.red(`Red flag: ${flag}`));
  if (text !== null) lines.push(text);
  for (const note of notes) lines.push(style.dim(note));
  return lines.join('\n');
}

function renderSummary(reply: Extract<Reply, { type: 'summary' }>, style: Style): string {
  const { summary } = reply;
  const average = summary.average === null ? '' : ` · average ${summary.average}/5`;
  const previous = summary.previousAverage === null ? '' : ` (last session ${summary.previousAverage})`;
  const lines = [
    '',
    style.bold(`Summary · ${summary.answered} of ${summary.total} answered${average}${previous}`),
  ];
  if (summary.strengths.length) lines.push(`Strong: ${summary.strengths.join(', ')}`);
  if (summary.workOn.length) lines.push(`Work on: ${summary.workOn.join(' · ')}`);
  lines.push(`Next practice: ${summary.nextPractice}: ${practiceCommand(summary.nextOptions)}`);
  return lines.join('\n');
}

export function practiceCommand(options: SessionStartOptions): string {
  const flags = [
    options.packId && `--pack ${options.packId}`,
    options.kind && `--kind ${options.kind}`,
    options.level && `--level ${options.level}`,
  ];
  return ['starcoach practice', ...flags.filter(Boolean)].join(' ');
}

const commandNames: Record<string, string> = {
  hint: '/hint',
  skip: '/skip',
  next: '/next',
  end: '/end',
  sample: '/sample',
  resume: '/resume',
  restart: '/restart',
};

export function actionLine(ids: string[]): string {
  return `Commands: ${ids.map((id) => commandNames[id] ?? `/${id}`).join(' · ')}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What was heard, quoted so it reads as the member's words, with the delivery figures above it. */
function renderTranscript(reply: Extract<Reply, { type: 'transcript' }>, style: Style): string {
  if (reply.status === 'failed') return style.red(reply.text);
  if (reply.status === 'pending' || reply.transcript === null) return style.dim(reply.text);
  const quoted = reply.transcript
    .split('\n')
    .map((line) => style.dim(`  > ${line}`))
    .join('\n');
  const [heard, ...rest] = reply.text.split('\n');
  return [style.cyan(heard ?? ''), quoted, ...rest.map((line) => style.yellow(line))].join('\n');
}
