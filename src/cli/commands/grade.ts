import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { Question, QuestionPack } from '../../content/pack-schema.ts';
import {
  type AnswerProblem,
  checkAnswerText,
  decodeAnswerBytes,
  maxAnswerLength,
} from '../../core/answer-limits.ts';
import { systemClock } from '../../core/clock.ts';
import type { FeedbackModel, GradeOutcome } from '../../core/feedback-model.ts';
import { messages } from '../../core/messages.ts';
import type { DeliveryReport } from '../../core/ports.ts';
import { TranscriptionFailed } from '../../core/transcriber.ts';
import { audioProblemText, deliveryLine } from '../../core/voice-messages.ts';
import { createMemoryUsageLedger } from '../../feedback/usage-ledger.ts';
import { describeRedaction, redactIdentifiers } from '../../privacy/index.ts';
import { AudioRejected, maxAudioBytes } from '../../voice/audio-rejected.ts';
import { hearRecording } from '../../voice/hear.ts';
import type { CliContext, Command } from '../cli-context.ts';
import { writeLine } from '../cli-context.ts';
import { cliLogger } from '../cli-logger.ts';
import { createFeedbackModel, createTranscriber, loadAllPacks, offlineNotice } from '../compose.ts';
import { parseFlags } from '../parse-flags.ts';
import { requirePack } from '../require-pack.ts';
import { UsageError } from '../usage-error.ts';

const batchLineSchema = z.object({ question: z.string().min(1), answer: z.string() });

export const gradeCommand: Command = {
  name: 'grade',
  summary: 'Grade one answer, or a JSONL batch of answers',
  usage: `Usage: starcoach grade --pack ID --question QID (--answer TEXT | --answer-file PATH | --audio-file PATH) [--json]
       starcoach grade --pack ID --batch FILE.jsonl [--json]

Grades answers without starting a session. Patient identifiers are removed before grading.
A recording (--audio-file) is transcribed first, then graded like text, with delivery figures.

Options:
  --pack ID            the pack the question belongs to
  --question QID       the question id (see: starcoach questions --pack ID)
  --answer TEXT        the answer text
  --answer-file PATH   read the answer from a file
  --audio-file PATH    answer out loud: a recording (mp3, mp4, m4a, wav, webm or ogg, up to 25 MB and
                       STARCOACH_MAX_AUDIO_SECONDS), transcribed through OPENAI_BASE_URL
  --batch FILE.jsonl   one {"question": QID, "answer": TEXT} per line; one result per line, in order
  --llm                grade with the LLM (needs OPENAI_API_KEY; falls back to the built-in grader)
  --json               print JSON only on stdout (notices go to stderr)
  -h, --help           show this help

Answers are UTF-8 text of up to ${maxAnswerLength.toLocaleString('en')} characters (a byte-order mark is fine); empty, longer or
binary answers are refused, with the same message practice gives.

JSON fields: question, score (1-5), star (null unless behavioral), evidence, coveredPoints,
missingPoints, redFlags, followUp, feedback, source, usage, transcript (null for typed answers),
delivery (null for typed answers; else seconds, wordsPerMinute, fillers {word: count},
fillersPerMinute, longPauses [{atSeconds, seconds}] or null without timestamps, note).
Exit codes: 0 graded, 1 a batch line could not be graded or the recording could not be transcribed,
2 bad usage or an answer that cannot be graded.`,
  async run(args, context) {
    const { values } = parseFlags('grade', args, {
      pack: { type: 'string' },
      question: { type: 'string' },
      answer: { type: 'string' },
      'answer-file': { type: 'string' },
      'audio-file': { type: 'string' },
      batch: { type: 'string' },
      json: { type: 'boolean' },
      llm: { type: 'boolean' },
    });
    refuseConflicts(values);
    const pack = requirePack(loadAllPacks(context.config), values.pack);
    const config = context.config;
    if (values.llm && !config.llm) writeLine(context.stderr, offlineNotice);
    const llmConfig = values.llm ? config : { ...config, llm: null };
    // One-off grading keeps no history, so its token ledger lives for this run only.
    const model = await createFeedbackModel(llmConfig, createMemoryUsageLedger(), cliLogger(context));
    const print = await resultPrinter(context, values.json ?? false);
    if (values.batch !== undefined) {
      return gradeBatch(pack, batchLines(readBytes(values.batch, '--batch')), model, print, context);
    }
    const question = requireQuestion(pack, values.question);
    const audioFile = values['audio-file'];
    if (audioFile !== undefined) {
      const heard = await hearAudioFile(audioFile, context);
      if (heard === null) return 1;
      const { answer: transcript, ...result } = await gradeOne(model, question, heard.text, context);
      print({ question: question.id, ...result, transcript, delivery: heard.delivery });
      return 0;
    }
    const answer = answerText(values.answer, values['answer-file']);
    const { answer: _graded, ...result } = await gradeOne(model, question, answer, context);
    print({ question: question.id, ...result, transcript: null, delivery: null });
    return 0;
  },
};

function requireQuestion(pack: QuestionPack, id: string | undefined): Question {
  if (!id)
    throw new UsageError(`--question is required. List them with: starcoach questions --pack ${pack.id}`);
  const question = pack.questions.find((candidate) => candidate.id === id);
  if (!question) {
    throw new UsageError(
      `Pack ${pack.id} has no question "${id}". List them with: starcoach questions --pack ${pack.id}`,
    );
  }
  return question;
}

/** Before anything is loaded: a command line that says two things at once is not guessed at. */
function refuseConflicts(values: {
  answer?: string;
  'answer-file'?: string;
  'audio-file'?: string;
  batch?: string;
  question?: string;
}) {
  const given = (['answer', 'answer-file', 'audio-file'] as const).filter(
    (flag) => values[flag] !== undefined,
  );
  if (given.length > 1) {
    throw new UsageError(
      `Give one of --answer, --answer-file or --audio-file, not ${given.map((flag) => `--${flag}`).join(' and ')}.`,
    );
  }
  if (values.batch === undefined) return;
  const extra = (['answer', 'answer-file', 'audio-file', 'question'] as const).filter(
    (flag) => values[flag] !== undefined,
  );
  if (extra.length > 0) {
    throw new UsageError(
      `--batch takes questions and answers from the file: leave out ${extra.map((flag) => `--${flag}`).join(' and ')}.`,
    );
  }
}

/** The answer from the flag or the file, refused here with the reason when it cannot be graded. */
function answerText(answer: string | undefined, file: string | undefined): string {
  if (answer === undefined && file === undefined)
    throw new UsageError('Give the answer with --answer TEXT or --answer-file PATH.');
  const text = file === undefined ? answer! : decodeAnswerBytes(readBytes(file, '--answer-file'));
  const problem = typeof text === 'string' ? checkAnswerText(text) : text;
  if (problem) {
    const source = file === undefined ? '--answer' : `--answer-file ${file}`;
    throw new UsageError(`${source}: ${problem.message}`, { cause: problem });
  }
  return text as string;
}

/** A batch file's lines, each decoded on its own: one line that is not UTF-8 does not stop the rest. */
function batchLines(bytes: Buffer): (string | AnswerProblem)[] {
  const lines: (string | AnswerProblem)[] = [];
  let start = 0;
  while (start <= bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    lines.push(decodeAnswerBytes(bytes.subarray(start, stop)));
    start = stop + 1;
  }
  return lines;
}

function readBytes(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(
      `${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`,
      {
        cause: error,
      },
    );
  }
}

/**
 * A recording's transcript and delivery, or null (said on stderr) when the speech server failed. A file
 * that cannot be used (too large, too long, not audio, silent) is bad input: a UsageError, exit 2.
 */
async function hearAudioFile(path: string, context: CliContext) {
  const transcriber = await createTranscriber(context.config, systemClock);
  if (!transcriber) throw new UsageError(messages.voiceOffCli());
  const flag = `--audio-file ${path}`;
  const size = fileSize(path, '--audio-file');
  const maxSeconds = context.config.voice.maxAudioSeconds;
  try {
    if (size > maxAudioBytes) throw new AudioRejected('AUDIO_TOO_LARGE', size);
    const bytes = new Uint8Array(readBytes(path, '--audio-file'));
    const heard = await hearRecording(bytes, path, maxSeconds, (upload) => transcriber.transcribe(upload));
    const problem = checkAnswerText(heard.text);
    if (problem) throw new UsageError(`${flag}: ${problem.message}`, { cause: problem });
    return heard;
  } catch (error) {
    if (error instanceof AudioRejected)
      throw new UsageError(`${flag}: ${audioProblemText(error, maxSeconds)}`, { cause: error });
    if (!(error instanceof TranscriptionFailed)) throw error;
    writeLine(context.stderr, `starcoach: ${flag}: ${messages.transcribeFailed()} (${error.reason})`);
    return null;
  }
}

function fileSize(path: string, flag: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    throw new UsageError(
      `${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`,
      { cause: error },
    );
  }
}

async function gradeOne(model: FeedbackModel, question: Question, answer: string, context: CliContext) {
  const redaction = redactIdentifiers(answer);
  const note = describeRedaction(redaction.found, 'grading');
  if (note) writeLine(context.stderr, note);
  const outcome = await model.grade({
    question,
    answer: redaction.text,
    previous: [],
    followUpsAsked: [],
    userKey: 'cli',
  });
  if (outcome.fallback === 'llm-failed') writeLine(context.stderr, messages.offlineFallback());
  if (outcome.fallback === 'budget-exhausted') writeLine(context.stderr, messages.budgetFallback());
  return { ...jsonResult(outcome), answer: redaction.text };
}

/** Every field, always, in a stable order: other tools parse this. */
function jsonResult(outcome: GradeOutcome) {
  const { score, star, evidence, coveredPoints, missingPoints, redFlags, followUp, feedback } =
    outcome.result;
  return {
    score,
    star,
    evidence,
    coveredPoints,
    missingPoints,
    redFlags,
    followUp,
    feedback,
    source: outcome.source,
    usage: outcome.usage,
  };
}

async function gradeBatch(
  pack: QuestionPack,
  lines: (string | AnswerProblem)[],
  model: FeedbackModel,
  print: Print,
  context: CliContext,
) {
  let failed = false;
  for (const [index, line] of lines.entries()) {
    if (typeof line !== 'string') {
      failed = true;
      print({ question: null, error: `line ${index + 1}: ${line.message}` });
      continue;
    }
    if (line.trim() === '') continue;
    const row = parseBatchLine(line, index + 1);
    if ('error' in row) {
      failed = true;
      print(row);
      continue;
    }
    const question = pack.questions.find((candidate) => candidate.id === row.question);
    if (!question) {
      failed = true;
      print({
        question: row.question,
        error: `line ${index + 1}: pack ${pack.id} has no question "${row.question}"`,
      });
      continue;
    }
    const problem = checkAnswerText(row.answer);
    if (problem) {
      failed = true;
      print({ question: row.question, error: `line ${index + 1}: ${problem.message}` });
      continue;
    }
    const { answer: _graded, ...result } = await gradeOne(model, question, row.answer, context);
    print({ question: question.id, ...result, transcript: null, delivery: null });
  }
  return failed ? 1 : 0;
}

function parseBatchLine(
  line: string,
  number: number,
): { question: string; answer: string } | { question: string | null; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return {
      question: null,
      error: `line ${number}: not valid JSON; each line must be {"question": QID, "answer": TEXT}`,
    };
  }
  const parsed = batchLineSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const question =
    typeof (data as { question?: unknown })?.question === 'string'
      ? (data as { question: string }).question
      : null;
  const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'line').join(', ');
  return {
    question,
    error: `line ${number}: missing or invalid ${fields}; each line must be {"question": QID, "answer": TEXT}`,
  };
}

type Print = (result: Record<string, unknown>) => void;

/** Questions and answers come from files: nothing in them may steer the terminal the results go to. */
async function resultPrinter(context: CliContext, json: boolean): Promise<Print> {
  const { safeJson, safeText } = await import('../../../adapters/terminal/safe-text.ts');
  return (result) => writeLine(context.stdout, json ? safeJson(result) : safeText(formatResult(result)));
}

function formatResult(result: Record<string, unknown>): string {
  if ('error' in result) return `${result.question ?? '(no question)'}: error: ${result.error}`;
  const r = result as ReturnType<typeof jsonResult> & {
    question: string;
    transcript: string | null;
    delivery: DeliveryReport | null;
  };
  const lines = [`${r.question}: Score ${r.score}/5`];
  if (r.transcript !== null) lines.push(`Heard: "${r.transcript}"`);
  if (r.delivery) lines.push(deliveryLine(r.delivery), r.delivery.note);
  if (r.star)
    lines.push(
      `STAR: ${Object.entries(r.star)
        .map(([part, state]) => `${part} ${state}`)
        .join(' · ')}`,
    );
  if (r.coveredPoints.length) lines.push(`Covered: ${r.coveredPoints.join(' · ')}`);
  if (r.missingPoints.length) lines.push(`Missing: ${r.missingPoints.join(' · ')}`);
  if (r.redFlags.length) lines.push(`Red flags: ${r.redFlags.join(' · ')}`);
  lines.push(r.feedback);
  if (r.followUp) lines.push(`Follow-up: ${r.followUp}`);
  return `${lines.join('\n')}\n`;
}
