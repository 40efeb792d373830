import { readFileSync } from 'node:fs';
import { loadConfig, processEnv } from '../config.ts';
import { ConfigError, PackError, StoreError, UserFacingError } from '../errors.ts';
import { packagePath } from '../package-root.ts';
import type { CliContext, Command, OutputLost } from './cli-context.ts';
import { OutputClosedError, outputLost, writeLine } from './cli-context.ts';
import { dataCommand } from './commands/data.ts';
import { exportCommand } from './commands/export.ts';
import { forgetCommand } from './commands/forget.ts';
import { gradeCommand } from './commands/grade.ts';
import { packValidateCommand } from './commands/pack-validate.ts';
import { practiceCommand } from './commands/practice.ts';
import { progressCommand } from './commands/progress.ts';
import { questionsCommand } from './commands/questions.ts';
import { discordCommand, serveAdapters, slackCommand } from './commands/serve.ts';
import { safeStderr } from './safe-stderr.ts';
import { UsageError } from './usage-error.ts';

const commands: Record<string, Command> = {
  practice: practiceCommand,
  terminal: { ...practiceCommand, name: 'terminal', summary: 'Same as practice' },
  questions: questionsCommand,
  grade: gradeCommand,
  progress: progressCommand,
  forget: forgetCommand,
  export: exportCommand,
  data: dataCommand,
  'pack validate': packValidateCommand,
  slack: slackCommand,
  discord: discordCommand,
};

/** No command: the chat platforms whose tokens are set, in one process; the terminal when none are. */
const defaultCommand: Command = {
  ...practiceCommand,
  async run(args, context) {
    const platforms = [context.config.slack && 'slack', context.config.discord && 'discord'].filter(
      (name): name is 'slack' | 'discord' => Boolean(name),
    );
    if (args.length > 0 || platforms.length === 0) return practiceCommand.run(args, context);
    return serveAdapters(platforms, context);
  },
};

function mainHelp(): string {
  const rows = Object.values(commands).map((command) => `  ${command.name.padEnd(15)} ${command.summary}`);
  return `starcoach: practise interviews with STAR feedback, key points, red flags and follow-ups

Usage: starcoach [command] [options]

Commands:
${rows.join('\n')}

With no command, starcoach runs the Slack app and/or Discord bot whose tokens are set
(SLACK_BOT_TOKEN, DISCORD_TOKEN), and practises in the terminal when none are.
Run starcoach <command> --help for a command's options.

Options:
  -h, --help     show this help
  -v, --version  print the version`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Picks the command: `pack validate` is two words; no command means practice. */
function resolveCommand(argv: string[]): { command: Command; args: string[] } {
  const [first, second, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) return { command: defaultCommand, args: argv };
  if (first === 'pack') {
    if (second === 'validate') return { command: packValidateCommand, args: rest };
    if (second === '--help' || second === '-h') return { command: packValidateCommand, args: [second] };
    throw new UsageError(
      `Unknown pack command "${second ?? ''}". Did you mean: starcoach pack validate PATH`,
    );
  }
  const command = commands[first];
  if (!command) throw new UsageError(`Unknown command "${first}". Run starcoach --help for the list.`);
  return { command, args: argv.slice(1) };
}

/** Runs the CLI and returns the exit code: 0 done, 1 failed, 2 bad usage or configuration. */
export async function runCli(
  argv: string[],
  streams: Omit<CliContext, 'config'>,
  env = processEnv(),
  cwd = process.cwd(),
) {
  const stdoutLost = outputLost(streams.stdout);
  // Nothing useful can be done when stderr itself cannot be written.
  void outputLost(streams.stderr);
  try {
    if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      writeLine(streams.stdout, mainHelp());
      return 0;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      writeLine(streams.stdout, version());
      return 0;
    }
    const { command, args } = resolveCommand(argv);
    if (args.includes('--help') || args.includes('-h')) {
      writeLine(streams.stdout, command.usage);
      return 0;
    }
    const context: CliContext = { ...streams, config: loadConfig(env, cwd) };
    const outcome = await Promise.race([command.run(args, context), stdoutLost]);
    return typeof outcome === 'number' ? outcome : endWithoutOutput(outcome, streams);
  } catch (error) {
    if (error instanceof OutputClosedError) return endWithoutOutput({ readerGone: true, error }, streams);
    return reportFailure(error, await safeStderr(streams.stderr));
  }
}

/**
 * The output went away before the command finished. A closed pipe is how `| head -1` says it has read
 * enough, so the command ends quietly with 0, as a program stopped by SIGPIPE would; the rest of its
 * work (more answers to grade, perhaps by the LLM) has no reader, so the process ends here rather than
 * finish it.
 */
function endWithoutOutput(lost: OutputLost, streams: Omit<CliContext, 'config'>): number {
  const code = lost.readerGone ? 0 : 1;
  if (!lost.readerGone)
    writeLine(streams.stderr, `starcoach: cannot write the output: ${lost.error.message}`);
  if (streams.stdout === process.stdout) process.exit(code);
  return code;
}

function reportFailure(error: unknown, stderr: NodeJS.WritableStream): number {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof UserFacingError) {
    writeLine(stderr, `starcoach: ${error.message}`);
    return 2;
  }
  if (error instanceof PackError || error instanceof StoreError) {
    writeLine(stderr, `starcoach: ${error.message}`);
    return 1;
  }
  writeLine(stderr, `starcoach: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.stack) writeLine(stderr, error.stack);
  return 1;
}
