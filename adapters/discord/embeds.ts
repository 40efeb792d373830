import type { APIEmbed, APIEmbedField } from 'discord.js';
import { splitText } from '../../src/index.ts';
import { labels } from './wording.ts';

/** Discord's embed limits: a longer field is rejected with 400, so text is split, never cut. */
export const embedLimits = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  total: 6000,
} as const;

/** Discord's 2,000-character limit for a message's content. */
export const contentLimit = 2000;

/** An embed before it is fitted to the limits: any lengths, any number of fields. */
export interface EmbedDraft {
  title?: string;
  description?: string;
  color?: number;
  fields?: APIEmbedField[];
  footer?: string;
}

// Discord rejects an empty field name; a zero-width space is the usual stand-in for a continuation.
const continued = '\u200b';

/**
 * Splits a draft into embeds that each fit every limit (one embed per message keeps each message under
 * the 6,000-character total). Descriptions and field values are split at sentence or word breaks.
 */
export function fitEmbeds(draft: EmbedDraft): APIEmbed[] {
  const color = draft.color === undefined ? {} : { color: draft.color };
  const descriptions = draft.description ? splitText(draft.description, embedLimits.description) : [];
  let fields = (draft.fields ?? []).flatMap(splitField);
  let footer = draft.footer;
  if (footer && footer.length > embedLimits.footer) {
    fields = [...fields, ...splitField({ name: labels.notes, value: footer })];
    footer = undefined;
  }
  const embeds: APIEmbed[] = [];
  let current: APIEmbed = { ...color, ...(draft.title ? { title: draft.title } : {}) };
  if (descriptions[0]) current.description = descriptions[0];
  for (const description of descriptions.slice(1)) {
    embeds.push(current);
    current = { ...color, description };
  }
  for (const field of fields) {
    const full = (current.fields?.length ?? 0) >= embedLimits.fields;
    if (full || sizeOf(current) + field.name.length + field.value.length > embedLimits.total) {
      embeds.push(current);
      current = { ...color };
    }
    current.fields = [...(current.fields ?? []), field];
  }
  if (footer) {
    if (sizeOf(current) + footer.length > embedLimits.total) {
      embeds.push(current);
      current = { ...color };
    }
    current.footer = { text: footer };
  }
  embeds.push(current);
  return embeds;
}

function splitField(field: APIEmbedField): APIEmbedField[] {
  const name = field.name.slice(0, embedLimits.fieldName) || continued;
  const values = splitText(field.value || continued, embedLimits.fieldValue);
  return values.map((value, index) => ({
    name: index === 0 ? name : continued,
    value,
    ...(field.inline && values.length === 1 ? { inline: true } : {}),
  }));
}

/** What Discord counts toward an embed's 6,000 characters. */
export function sizeOf(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}
