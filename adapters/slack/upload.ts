import type { webApi } from '@slack/bolt';

export interface Upload {
  /** Where the file is shared: a channel or a DM id. */
  channel: string;
  bytes: Uint8Array;
  filename: string;
  title: string;
  comment?: string;
}

const uploadTimeoutMs = 30_000;

/**
 * Slack's external upload flow (files.upload is retired): ask for an upload URL, POST the bytes to it,
 * then complete the upload, which shares the file in the channel. Throws on any step's failure.
 */
export async function uploadFile(client: webApi.WebClient, upload: Upload): Promise<string> {
  const ticket = await client.files.getUploadURLExternal({
    filename: upload.filename,
    length: upload.bytes.byteLength,
  });
  if (!ticket.upload_url || !ticket.file_id) throw new Error('files.getUploadURLExternal gave no upload URL');
  const posted = await fetch(ticket.upload_url, {
    method: 'POST',
    body: upload.bytes,
    headers: { 'content-type': 'application/octet-stream' },
    signal: AbortSignal.timeout(uploadTimeoutMs),
  });
  // The URL is Slack's file store, not the Web API: it answers 200 with a short text body.
  await posted.arrayBuffer();
  if (!posted.ok) throw new Error(`file upload failed with HTTP ${posted.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: ticket.file_id, title: upload.title }],
    channel_id: upload.channel,
    ...(upload.comment ? { initial_comment: upload.comment } : {}),
  });
  return ticket.file_id;
}
