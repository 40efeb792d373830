/**
 * A tokenizer-free estimate of prompt size: about 4 characters per token for English text, counted over
 * every message's content plus the JSON of the response format (the schema is part of what the model
 * reads). No tokenizer package is installed; real counts for JSON-heavy text run somewhat higher.
 */
export const CHARS_PER_TOKEN = 4;

interface RequestLike {
  messages?: ReadonlyArray<{ content?: unknown }>;
  response_format?: unknown;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimatePromptTokens(body: RequestLike): number {
  let chars = 0;
  for (const message of body.messages ?? []) {
    chars +=
      typeof message.content === 'string'
        ? message.content.length
        : JSON.stringify(message.content ?? '').length;
  }
  if (body.response_format !== undefined) chars += JSON.stringify(body.response_format).length;
  return Math.ceil(chars / CHARS_PER_TOKEN);
}
