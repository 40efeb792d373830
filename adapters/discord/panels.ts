import {
  type APIEmbedField,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import type { ProgressReport, TenantConfig } from '../../src/index.ts';
import { answerMaxLength, customIds } from './custom-ids.ts';
import {
  colors,
  embedPayloads,
  humanize,
  type Payload,
  practiceCommand,
  rows,
  scoreColor,
  textPayloads,
} from './render.ts';
import { labels, wording } from './wording.ts';

/** `/progress`, shown only to the user: figures, a small bar per competency, what to practise next. */
export function progressPayloads(report: ProgressReport): Payload[] {
  if (report.answered === 0) return textPayloads(wording.progressEmpty());
  const fields: APIEmbedField[] = [
    { name: labels.sessions, value: String(report.sessions), inline: true },
    { name: labels.answered, value: String(report.answered), inline: true },
    { name: labels.average, value: report.average === null ? '—' : `${report.average}/5`, inline: true },
  ];
  if (report.byCompetency.length) {
    const lines = report.byCompetency.map((row) =>
      barLine(humanize(row.competency), row.average, row.attempts),
    );
    fields.push({ name: labels.byCompetency, value: lines.join('\n'), inline: false });
  }
  if (report.byKind.length) {
    const lines = report.byKind.map((row) => barLine(row.kind, row.average, row.attempts));
    fields.push({ name: labels.byKind, value: lines.join('\n'), inline: false });
  }
  if (report.weakest.length)
    fields.push({ name: labels.workOn, value: report.weakest.join(', '), inline: false });
  fields.push({ name: labels.nextPractice, value: `\`${practiceCommand(report.next)}\``, inline: false });
  const color = report.average === null ? colors.brand : scoreColor(Math.round(report.average));
  return embedPayloads({ title: labels.progress, color, fields });
}

function barLine(name: string, average: number, attempts: number): string {
  const filled = Math.max(0, Math.min(5, Math.round(average)));
  return `\`${'█'.repeat(filled)}${'░'.repeat(5 - filled)}\` ${average}/5 · ${name} (${attempts})`;
}

/** `/coach-config` without options: the server's current settings. */
export function configPayloads(config: TenantConfig): Payload[] {
  return embedPayloads({
    title: labels.settings,
    color: colors.brand,
    fields: [
      {
        name: labels.drillChannel,
        value: config.drillChannel ? `<#${config.drillChannel}>` : labels.notSet,
        inline: true,
      },
      { name: labels.drillTime, value: config.drillTime, inline: true },
      { name: labels.timezone, value: config.timezone, inline: true },
      { name: labels.pack, value: config.packId ?? labels.notSet, inline: true },
    ],
  });
}

export function forgetConfirmPayload(): Payload[] {
  return textPayloads(wording.forgetConfirm(), [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Danger,
      label: labels.deleteData,
      custom_id: customIds.forgetConfirm,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: labels.cancel,
      custom_id: customIds.forgetCancel,
    },
  ]);
}

/** Clears a message's buttons once they have done their job. */
export function withoutButtons(payloads: Payload[]): Payload[] {
  return payloads.map((item) => ({ ...item, components: rows([]) }));
}

// A text display in a modal is capped at 4,000 characters; the prompt is context, so a cut one is fine.
const promptLimit = 1000;

/**
 * The Answer modal: the prompt the button was under (so it stays in view while typing) and one paragraph
 * field. Discord caps a text input at 4,000 characters.
 */
export function answerModal(
  prompt: string | null,
  questionId?: string,
): APIModalInteractionResponseCallbackData {
  const input = {
    type: ComponentType.Label as const,
    label: labels.answer,
    component: {
      type: ComponentType.TextInput as const,
      custom_id: customIds.answerInput,
      style: TextInputStyle.Paragraph,
      min_length: 1,
      max_length: answerMaxLength,
      required: true,
    },
  };
  const shown = prompt && prompt.length > promptLimit ? `${prompt.slice(0, promptLimit - 1)}…` : prompt;
  return {
    custom_id: customIds.answerModal(questionId),
    title: labels.answerModalTitle,
    components: shown ? [{ type: ComponentType.TextDisplay, content: shown }, input] : [input],
  };
}
