import { randomUUID } from 'node:crypto';
import { questionKinds, questionLevels } from '../../content/pack-schema.ts';
import { actorKey } from '../../core/actor-key.ts';
import type { Actor, Place, SessionStartOptions } from '../../core/ports.ts';
import type { SessionRecord } from '../../core/records.ts';
import { isExpired } from '../../core/session-machine.ts';
import type { CliContext, Command } from '../cli-context.ts';
import { writeLine } from '../cli-context.ts';
import { cliLogger } from '../cli-logger.ts';
import { loadAllPacks, offlineNotice, openRuntime, type Runtime } from '../compose.ts';
import { parseChoice, parseCount, parseFlags, refuseTogether } from '../parse-flags.ts';
import { requirePack } from '../require-pack.ts';
import { terminalActor } from '../terminal-actor.ts';
import { UsageError } from '../usage-error.ts';

export const practiceUsage = `Usage: starcoach practice [--pack ID] [--kind K] [--level L] [--count N] [--follow-ups N]
       starcoach practice [--pack ID] --question QID [--follow-ups N]

Runs a mock interview in the terminal. At a terminal, menus ask for what the flags leave out.
With piped input, each non-blank line is the next answer (a follow-up takes the next line),
a line starting with / is a command (/hint, /skip, /next, /sample, /end), and the end of input
ends the session with its summary.

Options:
  --pack ID         question pack (default: medical-coding; see starcoach questions --pack ID)
  --kind K          behavioral, technical or situational (default: mixed)
  --level L         junior, mid or senior (default: any)
  --count N         questions in the session, 1-50 (default: 5)
  --follow-ups N    follow-up questions per thin answer, 0-3 (default: 1)
  --question QID    practise that one question of the pack (see starcoach questions --pack ID)
  --resume          resume the session you left (exits 2 when there is none)
  --new             start over even if a session is in progress (not with --resume)
  -h, --help        show this help`;

export const practiceCommand: Command = {
  name: 'practice',
  summary: 'Practise a mock interview in the terminal (the default)',
  usage: practiceUsage,
  async run(args, context) {
    const { values } = parseFlags('practice', args, {
      pack: { type: 'string' },
      kind: { type: 'string' },
      level: { type: 'string' },
      count: { type: 'string' },
      'follow-ups': { type: 'string' },
      question: { type: 'string' },
      resume: { type: 'boolean' },
      new: { type: 'boolean' },
    });
    for (const other of ['kind', 'level', 'count', 'resume'])
      refuseTogether(values, ['question', other], 'a session on one --question asks that question alone.');
    refuseTogether(
      values,
      ['resume', 'new'],
      'give --resume to continue the session you left, or --new to start over.',
    );
    const packs = loadAllPacks(context.config);
    const interactive = Boolean(context.stdin.isTTY && context.stdout.isTTY);
    let options: SessionStartOptions = {
      packId: values.pack,
      kind: parseChoice('kind', values.kind, questionKinds),
      level: parseChoice('level', values.level, questionLevels),
      count: parseCount('count', values.count, { min: 1, max: 50, example: 5 }),
      followUps: parseCount('follow-ups', values['follow-ups'], { min: 0, max: 3, example: 1 }),
      mode: values.new ? 'new' : values.resume ? 'resume' : interactive ? 'ask' : 'new',
    };
    if (options.packId !== undefined) requirePack(packs, options.packId);
    if (values.question !== undefined) {
      const pack = requirePack(packs, options.packId ?? defaultPack(packs, context));
      if (!pack.questions.some((question) => question.id === values.question)) {
        throw new UsageError(
          `Pack ${pack.id} has no question "${values.question}". List them with: starcoach questions --pack ${pack.id}`,
        );
      }
      options = { ...options, packId: pack.id, questionId: values.question, count: 1 };
    }
    const named = values.pack || values.kind || values.level || values.question;
    if (interactive && !named && options.mode === 'ask') {
      const chosen = await chooseInteractively(packs, context);
      if (!chosen) return 130;
      options = { ...options, ...chosen };
    }
    options = withoutUndefined({ ...options, packId: options.packId ?? defaultPack(packs, context) });
    return runSession(options, interactive, context);
  },
};

async function chooseInteractively(packs: ReturnType<typeof loadAllPacks>, context: CliContext) {
  const { chooseSessionOptions } = await import('../../../adapters/terminal/menus.ts');
  const choices = [...packs.values()].map((pack) => ({
    id: pack.id,
    title: pack.roleTitle,
    count: pack.questions.length,
  }));
  return chooseSessionOptions(choices, defaultPack(packs, context));
}

function defaultPack(packs: ReturnType<typeof loadAllPacks>, context: CliContext): string {
  const wanted = context.config.defaultPackId;
  return packs.has(wanted) ? wanted : (packs.keys().next().value ?? wanted);
}

async function runSession(
  options: SessionStartOptions,
  interactive: boolean,
  context: CliContext,
): Promise<number> {
  const { createTerminalAdapter } = await import('../../../adapters/terminal/index.ts');
  const { chooseStyle } = await import('../../../adapters/terminal/style.ts');
  const runtime = await openRuntime(context.config, cliLogger(context));
  if (!context.config.llm) writeLine(context.stderr, offlineNotice);
  const actor = terminalActor(context.config);
  try {
    if (options.mode === 'resume') await requireSessionToResume(runtime, actor);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const terminal = await reserveTerminalPlace(runtime, actor, options.mode);
  const sessionLabel = async () => {
    const session = await runtime.store.getSession(actor, terminal.place.channel);
    return session ? filterLabel(session.options) : null;
  };
  const adapter = createTerminalAdapter({
    input: context.stdin,
    output: context.stdout,
    actor,
    place: terminal.place,
    startOptions: options,
    interactive,
    style: chooseStyle(context.stdout.isTTY, context.config.noColor),
    filterLabel: filterLabel(options),
    sessionLabel,
  });
  const onInterrupt = () => {
    writeLine(
      context.stderr,
      '\nStopped. Your session is saved: run starcoach practice --resume to continue.',
    );
    void adapter
      .stop()
      .then(() => terminal.release())
      .then(() => runtime.close())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    await adapter.start((event, out) => runtime.coach.handle(event, out));
    return adapter.outcome === 'not-started' ? 1 : 0;
  } finally {
    process.off('SIGINT', onInterrupt);
    await terminal.release();
    await runtime.close();
  }
}

function filterLabel(options: { kind?: string | null; level?: string | null }): string {
  return `${options.kind ?? 'mixed'} · ${options.level ?? 'any level'}`;
}

/** --resume is a promise to continue: with nothing to continue, starting a new session would break it. */
async function requireSessionToResume(runtime: Runtime, actor: Actor) {
  const session: SessionRecord | undefined = await runtime.store.getSession(actor, 'terminal');
  if (session?.status === 'active' && !isExpired(session, runtime.coach.clock.now())) return;
  const why =
    session?.status === 'active' ? 'your last one was idle for 24 hours and expired' : 'none is in progress';
  throw new UsageError(`There is no session to resume: ${why}. Start a new one with: starcoach practice`);
}

/** A run that is never released (a killed process) stops holding the terminal's place after this. */
const terminalPlaceMs = 2 * 60 * 60 * 1000;

/**
 * One run at a time practises in the terminal's place, where --resume finds the session it left. A new
 * session started while another run holds that place gets a place of its own, so two terminals open at
 * once each keep their own session instead of answering into one another's.
 */
async function reserveTerminalPlace(runtime: Runtime, actor: Actor, mode: SessionStartOptions['mode']) {
  const key = `terminal-place:${actorKey(actor)}`;
  const reserved = await runtime.store.claim(key, terminalPlaceMs);
  const release = reserved ? () => runtime.store.releaseClaim(key) : async () => {};
  const shared: Place = { channel: 'terminal' };
  // --resume, and the menu's offer to resume, are about the session in the terminal's place.
  const place = reserved || mode !== 'new' ? shared : { channel: `terminal:${randomUUID()}` };
  return { place, release };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
