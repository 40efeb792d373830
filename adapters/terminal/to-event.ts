import type { Actor, InboundEvent, Place } from '../../src/index.ts';

export type LineMeaning =
  | { kind: 'event'; event: InboundEvent }
  | { kind: 'help' }
  /** `/audio PATH`: answer with a recording; the caller checks the file before it becomes an event. */
  | { kind: 'audio'; path: string }
  | { kind: 'unknown'; command: string }
  | { kind: 'blank' };

const commands = {
  '/hint': 'hint-request',
  '/skip': 'question-skip',
  '/next': 'question-next',
  '/end': 'session-end',
  '/sample': 'sample-show',
} as const;

/** One input line as the core sees it: a slash command, or the next answer. Pure. */
export function lineToEvent(line: string, deliveryId: string, actor: Actor, place: Place): LineMeaning {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  const base = { deliveryId, actor, place };
  if (!text.startsWith('/')) return { kind: 'event', event: { ...base, type: 'answer-submit', text: line } };
  const command = text.split(/\s+/)[0]!.toLowerCase();
  if (command === '/help' || command === '/?') return { kind: 'help' };
  if (command === '/audio') {
    const path = text
      .slice(command.length)
      .trim()
      .replace(/^(['"])(.*)\1$/, '$2');
    return { kind: 'audio', path };
  }
  if (command === '/resume')
    return { kind: 'event', event: { ...base, type: 'session-start', options: { mode: 'resume' } } };
  if (command === '/restart')
    return { kind: 'event', event: { ...base, type: 'session-start', options: { mode: 'new' } } };
  const type = commands[command as keyof typeof commands];
  if (!type) return { kind: 'unknown', command };
  return { kind: 'event', event: { ...base, type } };
}

export const terminalHelp =
  'Type your answer and press Enter, or answer out loud with /audio PATH (a recording). Commands: /hint · /skip · /next · /sample (a strong answer) · /end · /help';
