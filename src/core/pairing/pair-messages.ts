import type { Question } from '../../content/pack-schema.ts';
import { type Scorecard, type ScorecardView, scorecardLines } from './scorecard.ts';

/** People are written `<@id>`, which Slack and Discord both show as a mention. */
const at = (user: string) => `<@${user}>`;
const markWord = { covered: 'covered', partly: 'partly', missed: 'missed' } as const;

function clip(text: string, max: number): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** What peer mock interviews say. */
export const pairMessages = {
  started: (members: readonly [string, string], roleTitle: string, question: string) =>
    [
      `Peer mock interview (${roleTitle}): ${at(members[0])} interviews ${at(members[1])} first, then you swap.`,
      `${at(members[0])}, you have a private scorecard: ask this question out loud (a call or here), listen, mark it, then submit.`,
      `Question: ${question}`,
      `${at(members[1])}, answer out loud, or type your answer here. Either of you can end the session at any time.`,
    ].join('\n'),
  scorecard: (card: ScorecardView) =>
    [
      `Your scorecard for ${at(card.candidate)} (only you see it).`,
      `Ask: ${card.question}`,
      `What you are really checking: ${card.checking}`,
      'Key points (mark each: covered, partly, missed):',
      ...card.keyPoints.map(
        (point) => `  ${point.index + 1}. ${point.label}${point.mark ? ` [${markWord[point.mark]}]` : ''}`,
      ),
      'Red flags to listen for (mark if heard):',
      ...card.redFlags.map((flag) => `  - ${flag.label}${flag.heard ? ' [heard]' : ''}: ${flag.why}`),
      ...(card.followUps.length
        ? ['Follow-ups you can ask:', ...card.followUps.map((text) => `  - ${text}`)]
        : []),
      `Overall: ${card.overall === null ? 'not scored yet (1–5)' : `${card.overall}/5`}`,
      card.complete ? 'Ready to submit.' : 'Mark every key point and give an overall score to submit.',
    ].join('\n'),
  swapped: (interviewer: string, candidate: string, question: string) =>
    `Swap: ${at(interviewer)} now interviews ${at(candidate)}.\nQuestion: ${question}`,
  summary: (input: {
    partner: string;
    answered: Question;
    card: Scorecard;
    asked: Question;
    gave: number | null;
    /** The bot's grade of what the member typed as their answer, when they typed one. */
    bot: { score: number; feedback: string; source: 'llm' | 'offline' } | null;
  }) =>
    [
      `Your peer mock interview with ${at(input.partner)} (only you see this).`,
      `You answered: ${input.answered.text}`,
      `${at(input.partner)} scored it ${input.card.overall ?? '–'}/5.`,
      ...scorecardLines(input.answered, input.card).map((line) => `  ${line}`),
      ...(input.bot
        ? [
            `The coach graded your typed answer ${input.bot.score}/5${input.bot.source === 'offline' ? ' (offline rubric)' : ''}:`,
            `  ${clip(input.bot.feedback, 700)}`,
          ]
        : []),
      `You asked: ${input.asked.text} (you scored ${input.gave ?? '–'}/5).`,
      'It is saved in your progress as a peer-scored answer. `/coach pair` or `/pair` for another.',
    ].join('\n'),
  ended: (user: string) =>
    `${at(user)} ended the session. Rounds already submitted are saved; nothing else is.`,
  left: (user: string) => `${at(user)} left, so the session has ended. Rounds already submitted are saved.`,
  idle: 'Nobody marked or answered for 10 minutes, so the session has ended. Rounds already submitted are saved.',
  expired: (minutes: number) =>
    `Nobody joined the pairing queue within ${minutes} minutes, so you have left it. Try again later with \`/coach pair\` (Slack) or \`/pair\` (Discord), or practise alone meanwhile.`,
  noSession:
    'You are not in a peer session now. Join the queue with `/coach pair` (Slack) or `/pair join` (Discord).',
  openFailed: (partner: string) =>
    `You were matched with ${at(partner)}, but the bot could not open a private conversation for you two, so nothing started and you are out of the queue. Ask an admin to check the bot's permissions (Slack: the mpim:write scope; Discord: Create Private Threads in this channel), then pair again.`,
  answerTooLong: (max: number) =>
    `Your typed answer for this round is past ${max} characters, so this part was not saved. Finish out loud, or keep the rest short.`,
  answerSaved:
    'Saved your typed answer (identifiers removed). The coach grades it when your interviewer submits the scorecard; you will see its grade in your summary.',
  sessionGone: 'That peer session has ended. Start another with `/coach pair` (Slack) or `/pair` (Discord).',
  questionGone: 'The question of this session is no longer in its pack; end the session and pair again.',
  roundOver: 'That round is over: use the newest scorecard.',
  notInterviewer: 'Only this round’s interviewer can mark and submit the scorecard.',
  incomplete:
    'Mark every key point (covered, partly or missed) and give an overall score from 1 to 5, then submit.',
};
