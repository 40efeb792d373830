import type { webApi } from '@slack/bolt';
import { type AudioClip, type Logger, looksLikeRecording, readAtMost } from '../../src/index.ts';
import { slackErrorCode } from './slack-errors.ts';

/** The fields of a file object (in a message event, or from files.info) the adapter reads. */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  /** `slack_audio` / `slack_video`: a clip recorded with Slack's microphone or camera button. */
  subtype?: string;
  size?: number;
  duration_ms?: number;
  url_private?: string;
  url_private_download?: string;
  /** `check_file_info`: the event names the file only (Slack Connect, some shared channels). */
  file_access?: string;
  mode?: string;
}

const clipSubtypes = new Set(['slack_audio', 'slack_video']);
const recordingFiletypes = new Set(['m4a', 'mp4', 'webm', 'ogg', 'mp3', 'wav']);

/** Whether a posted file is a recording (an answer), from what Slack says of it; an image is not. */
export function isRecording(file: SlackFile): boolean {
  if (file.subtype && clipSubtypes.has(file.subtype)) return true;
  if (file.filetype && recordingFiletypes.has(file.filetype.toLowerCase())) return true;
  return looksLikeRecording(file.name ?? '', file.mimetype ?? null);
}

/** The event's file object says too little to tell what it is or where to fetch it: files.info does. */
export function needsFileInfo(file: SlackFile): boolean {
  return file.file_access === 'check_file_info' || (!file.url_private_download && !file.url_private);
}

/**
 * The name the clip goes on with: Slack names some clips without an extension, and its filetype says
 * what the bytes are (the core reads the format from the bytes, but tells m4a from mp4 by the name).
 */
function clipName(file: SlackFile): string {
  const name = file.name || file.title || 'recording';
  if (/\.[a-z0-9]+$/i.test(name) || !file.filetype) return name;
  return `${name}.${file.filetype.toLowerCase()}`;
}

export interface SlackFileAccess {
  botToken: string;
  /** The Web API's base (slack.com, GovSlack, a proxy, a test fake): its host is trusted with the token too. */
  apiUrl?: string;
  logger: Logger;
}

/**
 * Hosts the bot token may be sent to. Events are signed, so the URLs in them come from Slack, but the
 * token opens every file the bot can see: it goes to Slack's own hosts and nowhere else.
 */
function trustsHost(url: URL, access: SlackFileAccess): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'slack.com' || host.endsWith('.slack.com')) return url.protocol === 'https:';
  if (host === 'slack-gov.com' || host.endsWith('.slack-gov.com')) return url.protocol === 'https:';
  if (!access.apiUrl) return false;
  const api = new URL(access.apiUrl);
  return url.origin === api.origin;
}

/**
 * A recording in Slack as the core takes it: size and length as Slack announced them, the bytes
 * downloaded (with the bot token, which needs the files:read scope) only when the core asks.
 */
export function slackAudioClip(file: SlackFile, access: SlackFileAccess): AudioClip {
  return {
    name: clipName(file),
    mimeType: file.mimetype ?? null,
    sizeBytes: typeof file.size === 'number' ? file.size : null,
    durationSeconds: typeof file.duration_ms === 'number' ? file.duration_ms / 1000 : null,
    load: (limit) => downloadSlackFile(file, access, limit),
  };
}

async function downloadSlackFile(
  file: SlackFile,
  access: SlackFileAccess,
  { maxBytes, signal }: { maxBytes: number; signal: AbortSignal },
): Promise<Uint8Array> {
  const address = file.url_private_download ?? file.url_private;
  if (!address) throw new Error('Slack gave no URL for the file');
  const url = new URL(address);
  if (!trustsHost(url, access)) {
    access.logger.warn('slack-file-host-refused', { host: url.hostname });
    throw new Error('the file URL is not on a Slack host, so the bot token was not sent');
  }
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${access.botToken}` },
    signal,
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    access.logger.warn('slack-file-download-failed', { status: response.status });
    throw new Error(`Slack answered HTTP ${response.status} for the file`);
  }
  // Without files:read Slack's file host answers 200 with its sign-in page instead of the file.
  if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel().catch(() => undefined);
    access.logger.warn('slack-file-download-failed', { status: response.status, reason: 'sign-in-page' });
    throw new Error(
      'Slack sent its sign-in page instead of the file: the app needs the files:read scope (add it and reinstall the app)',
    );
  }
  return readAtMost(response.body, maxBytes);
}

/**
 * The event's files, those that named themselves only completed from files.info. A file files.info
 * cannot describe (no files:read, deleted since) stays as the event gave it, and is no recording.
 */
export async function completeFiles(
  files: readonly SlackFile[],
  client: webApi.WebClient,
  logger: Logger,
): Promise<SlackFile[]> {
  return Promise.all(
    files.map(async (file) => {
      if (!needsFileInfo(file) || !file.id) return file;
      try {
        const info = await client.files.info({ file: file.id });
        return (info.file as SlackFile | undefined) ?? file;
      } catch (error) {
        logger.warn('slack-file-info-failed', { code: slackErrorCode(error) });
        return file;
      }
    }),
  );
}
