import { cancel, isCancel, select } from '@clack/prompts';
import type { QuestionKind, QuestionLevel, SessionStartOptions } from '../../src/index.ts';
import { safeText } from './safe-text.ts';

export interface PackChoice {
  id: string;
  title: string;
  count: number;
}

/**
 * Pack, kind and level menus for a person at a TTY. Only ever called when stdin is a TTY: @clack/prompts
 * never resolves on piped input. Returns null when the user cancels (Ctrl-C or Esc).
 */
export async function chooseSessionOptions(
  packs: PackChoice[],
  defaultPackId: string,
): Promise<SessionStartOptions | null> {
  const packId = await select({
    message: 'Which interview do you want to practise?',
    options: packs.map((pack) => ({
      value: pack.id,
      label: safeText(pack.title),
      hint: `${pack.count} questions`,
    })),
    initialValue: defaultPackId,
  });
  if (isCancel(packId)) return cancelled();
  const kind = await select<QuestionKind | 'mixed'>({
    message: 'Which kind of questions?',
    options: [
      { value: 'mixed', label: 'Mixed' },
      { value: 'behavioral', label: 'Behavioral', hint: 'answer with STAR' },
      { value: 'technical', label: 'Technical' },
      { value: 'situational', label: 'Situational' },
    ],
  });
  if (isCancel(kind)) return cancelled();
  const level = await select<QuestionLevel | 'any'>({
    message: 'Which level?',
    options: [
      { value: 'any', label: 'Any level' },
      { value: 'junior', label: 'Junior', hint: '0-2 years' },
      { value: 'mid', label: 'Mid', hint: '2-5 years' },
      { value: 'senior', label: 'Senior', hint: '5+ years' },
    ],
  });
  if (isCancel(level)) return cancelled();
  return {
    packId: String(packId),
    ...(kind === 'mixed' ? {} : { kind }),
    ...(level === 'any' ? {} : { level }),
  };
}

function cancelled(): null {
  cancel('No session started.');
  return null;
}
