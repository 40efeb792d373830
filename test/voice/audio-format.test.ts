import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audioDurationSeconds } from '../../src/voice/audio-duration.ts';
import { looksLikeRecording, sniffAudioFormat } from '../../src/voice/audio-format.ts';
import { AudioRejected, readAtMost } from '../../src/voice/audio-rejected.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url)));

describe('recording formats', () => {
  it.each([
    ['speech.ogg', 'ogg'],
    ['speech.webm', 'webm'],
    ['speech.mp3', 'mp3'],
    ['speech.m4a', 'm4a'],
    ['speech.mp4', 'mp4'],
    ['speech.wav', 'wav'],
  ])('tells %s from its bytes and reads its length from its headers', async (name, format) => {
    const bytes = fixture(name);
    // The name is not what decides: the same bytes under a misleading name are still what they are.
    expect(sniffAudioFormat(bytes, 'recording.bin')).toBe(format);
    const seconds = await audioDurationSeconds(bytes, sniffAudioFormat(bytes)!);
    // espeak-ng spoke the sentence in about 7.5 s; encoders pad a few milliseconds.
    expect(seconds).toBeGreaterThan(7.3);
    expect(seconds).toBeLessThan(7.7);
  });

  it('refuses what is not a recording, and reads no length from a broken one', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    expect(sniffAudioFormat(png)).toBeNull();
    expect(sniffAudioFormat(new TextEncoder().encode('<!DOCTYPE html><html>sign in</html>'))).toBeNull();
    expect(sniffAudioFormat(new Uint8Array(4))).toBeNull();
    const truncated = fixture('speech.wav').slice(0, 12);
    expect(await audioDurationSeconds(truncated, 'wav')).toBeNull();
  });

  it('tells recordings from other attachments by what the platform says', () => {
    expect(looksLikeRecording('voice-message.ogg', 'audio/ogg')).toBe(true);
    expect(looksLikeRecording('clip', 'video/mp4')).toBe(true);
    expect(looksLikeRecording('answer.m4a')).toBe(true);
    expect(looksLikeRecording('screenshot.png', 'image/png')).toBe(false);
    expect(looksLikeRecording('notes.txt', null)).toBe(false);
  });

  it('stops reading a download as soon as it passes the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const error = await readAtMost(endless, 10_000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AudioRejected);
    expect((error as AudioRejected).code).toBe('AUDIO_TOO_LARGE');
    expect(pulled).toBeLessThan(15);
    const small = new Response(new Uint8Array([1, 2, 3])).body;
    expect([...(await readAtMost(small, 3))]).toEqual([1, 2, 3]);
  });
});
