import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSpeechServer } from '../fakes/speech-server.ts';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'starcoach-voice-cli-'));
const fixtures = new URL('../fixtures/audio/', import.meta.url).pathname;

/**
 * Real speech made for the test with espeak-ng (installed by .ci/run); on a machine without it the kept
 * recording of the same kind of sentence stands in, so the test still runs.
 */
function spokenWav(): string {
  const path = join(dir, 'spoken.wav');
  try {
    execFileSync('espeak-ng', ['-w', path, 'I coded chest pain as R07.9 and queried the physician.'], {
      stdio: 'ignore',
    });
  } catch {
    copyFileSync(join(fixtures, 'speech.wav'), path);
  }
  return path;
}

let speech: FakeSpeechServer;
let wav: string;
beforeAll(async () => {
  speech = await FakeSpeechServer.start();
  wav = spokenWav();
});
afterAll(() => speech.close());
beforeEach(() => {
  speech.reset();
  speech.transcript = 'Um, I coded chest pain as R07.9 for patient MRN 4455667 and queried the physician.';
});

const env = () => ({
  STARCOACH_STORE_URL: `sqlite://${join(dir, 'state.sqlite')}`,
  STARCOACH_USER: 'voice-tester',
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: speech.baseURL,
  STARCOACH_TRANSCRIBE_MODEL: 'whisper-1',
  STARCOACH_LLM_TIMEOUT_MS: '400',
});
const grade = ['grade', '--pack', 'medical-coding', '--question', 'chest-pain-unspecified'];

describe('starcoach grade --audio-file', () => {
  it('transcribes the recording, grades the transcript, and adds transcript and delivery to the JSON', async () => {
    const run = await runCli([...grade, '--audio-file', wav, '--json'], { env: env() });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.transcript).toMatch(
      /^Um, I coded chest pain as R07\.9 for patient .* and queried the physician\.$/,
    );
    // Identifiers are gone from what is shown and graded.
    expect(run.stdout).not.toContain('4455667');
    expect(result.delivery).toMatchObject({ wordsPerMinute: expect.any(Number), fillers: { um: 1 } });
    expect(Object.keys(result.delivery)).toEqual([
      'seconds',
      'wordsPerMinute',
      'fillers',
      'fillersPerMinute',
      'longPauses',
      'note',
    ]);
    expect(result.coveredPoints).toContain('Codes what is documented: R07.9');
    expect(speech.requests[0]?.file).toMatchObject({ name: 'answer.wav', type: 'audio/wav' });
    // The file went up as it is: nothing converted.
    expect(speech.requests[0]?.file.bytes.length).toBeGreaterThan(10_000);
  });

  it('prints what was heard and how it was said above the grade, and null fields for typed answers', async () => {
    const human = await runCli([...grade, '--audio-file', join(fixtures, 'speech.m4a')], { env: env() });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^chest-pain-unspecified: Score \d\/5\nHeard: "Um, I coded/);
    expect(human.stdout).toMatch(
      /\nDelivery: \d+ words a minute · [\d.]+ fillers a minute \(um ×1\) · no long pauses\.\n/,
    );
    const typed = await runCli([...grade, '--answer', 'I code R07.9 and query the physician.', '--json'], {
      env: env(),
    });
    expect(JSON.parse(typed.stdout)).toMatchObject({ transcript: null, delivery: null });
  });

  it('refuses files that cannot be used before uploading them, with what to do (exit 2)', async () => {
    const big = join(dir, 'big.ogg');
    writeFileSync(big, '');
    truncateSync(big, 26 * 1024 * 1024);
    const tooBig = await runCli([...grade, '--audio-file', big], { env: env() });
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(/26\.0 MB; the limit is 25 MB\. Record a shorter answer/);
    const tooLong = await runCli([...grade, '--audio-file', join(fixtures, 'speech.ogg')], {
      env: { ...env(), STARCOACH_MAX_AUDIO_SECONDS: '5' },
    });
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/0:07 long; the limit is 0:05/);
    const notAudio = await runCli(
      [...grade, '--audio-file', new URL('../../package.json', import.meta.url).pathname],
      { env: env() },
    );
    expect(notAudio.stderr).toMatch(/mp3, mp4, m4a, wav, webm or ogg/);
    const missing = await runCli([...grade, '--audio-file', join(dir, 'nope.ogg')], { env: env() });
    expect(missing.stderr).toMatch(/cannot read .*nope\.ogg \(ENOENT\)\. Check the path\./);
    const both = await runCli([...grade, '--audio-file', wav, '--answer', 'text'], { env: env() });
    expect(both.stderr).toMatch(/not --answer and --audio-file/);
    expect(speech.requests).toHaveLength(0);
  }, 60_000); // five CLI runs in a row: a busy two-core machine takes longer than the default

  it('says how to turn transcription on when no endpoint is configured', async () => {
    const run = await runCli([...grade, '--audio-file', wav], { env: { ...env(), OPENAI_API_KEY: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Transcription is off: set OPENAI_API_KEY .* --answer\./);
  });

  it('gives a silent recording its own message, and a speech server that keeps failing exit 1', async () => {
    speech.enqueue({ body: { text: '' } });
    const silent = await runCli([...grade, '--audio-file', join(fixtures, 'silence.ogg')], { env: env() });
    expect(silent.code).toBe(2);
    expect(silent.stderr).toMatch(/could not hear any words/);
    for (let i = 0; i < 3; i++) speech.enqueue({ status: 503, body: { error: { message: 'busy' } } });
    const failed = await runCli([...grade, '--audio-file', wav, '--json'], { env: env() });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(
      /Could not transcribe that recording just now\. Please type your answer.*\(http-503\)/,
    );
  });
});

describe('/audio during practice', () => {
  it('answers the question with a recording, then carries on with typed answers', async () => {
    const input = [`/audio ${wav}`, `/audio ${join(dir, 'missing.m4a')}`, '/audio', '/end', ''].join('\n');
    const run = await runCli(
      ['practice', '--pack', 'medical-coding', '--count', '2', '--follow-ups', '0', '--new'],
      {
        input,
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Heard 0:\d\d of speech\. Delivery: \d+ words a minute/);
    expect(run.stdout).toContain('> Um, I coded chest pain as R07.9');
    expect(run.stdout).toMatch(/Score \d\/5/);
    expect(run.stdout).toMatch(
      /Cannot read .*missing\.m4a \(ENOENT\)\. Check the path and try \/audio PATH again\./,
    );
    expect(run.stdout).toMatch(/Give the recording to answer with: \/audio PATH/);
    expect(run.stdout).not.toContain('4455667');
    const progress = await runCli(['progress'], { env: env() });
    expect(progress.stdout).toMatch(/Voice answers: 1 · pace \d+ words a minute/);
  });
});
