import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions, createDiscordAdapter, registerCommands } from '../../adapters/discord/index.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { ConfigError } from '../../src/errors.ts';
import { FakeDiscord, manageGuild } from '../fakes/discord-server.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';
import {
  answerThroughModal,
  buttonIds,
  callbacksOf,
  type DiscordHarness,
  embedTitle,
  hasButton,
  openDiscordHarness,
  StreamingModel,
  waitForMessage,
} from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

/** The ephemeral reply an interaction ended with: its original response as last edited. */
function finalReply(fake: FakeDiscord, interactionId: string, match = (_: Json) => true): Promise<Json> {
  return fake.waitFor(() => {
    const original = [...fake.messages.values()].find(
      (m) => m.interaction_token === `token-${interactionId}`,
    );
    return original && (original.content || original.embeds.length) && match(original) ? original : undefined;
  }, `the reply to ${interactionId}`);
}

describe('Discord slash commands', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    h = await openDiscordHarness({
      feedback: new StreamingModel(() => gradeOf(4, null, { feedback: 'Good.' })),
    });
  });
  afterAll(async () => h.close());

  it('/coach-config is refused to a member without Manage Server', async () => {
    const { fake } = h;
    const change = fake.command('coach-config', { timezone: 'Europe/Berlin' }, { memberPermissions: '0' });
    const show = fake.command('coach-config', {}, { memberPermissions: '0' });
    const refusal =
      'Only workspace or server admins and instructors can see or change these settings. Ask one of them.';
    expect((await finalReply(fake, change.id)).content).toBe(refusal);
    expect((await finalReply(fake, show.id)).content).toBe(refusal);
    expect(callbacksOf(fake, change.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
  });

  it('/coach-config makes the channel a cohort, changes and shows it, for Manage Server', async () => {
    const { fake } = h;
    const options = {
      'drill-channel': { type: 7, value: fake.channelId },
      'drill-time': '07:30',
      timezone: 'Europe/Berlin',
      pack: 'mini',
    };
    const set = fake.command('coach-config', options, { memberPermissions: manageGuild });
    const fields = (await finalReply(fake, set.id)).embeds[0].fields.map((field: Json) => field.value);
    expect(fields).toEqual([
      `<#${fake.channelId}>`,
      '07:30',
      'Europe/Berlin',
      'Mon–Fri',
      'mini',
      'any',
      'none coming up',
      'not set',
      // Whoever made the cohort teaches it; nobody has joined yet.
      `<@${fake.owner.id}>`,
      '0',
    ]);
    const show = fake.command('coach-config', {}, { memberPermissions: manageGuild });
    expect((await finalReply(fake, show.id)).embeds[0].title).toBe('Cohort settings');
    const bad = fake.command(
      'coach-config',
      { timezone: 'Mars/Olympus' },
      { memberPermissions: manageGuild },
    );
    expect((await finalReply(fake, bad.id)).content).toContain('"Mars/Olympus" is not a timezone I know');
  });

  it('/drill asks the question of the day in a thread, once a day', async () => {
    const { fake } = h;
    fake.command('drill');
    const thread = await fake.waitFor(
      () => [...fake.channels.values()].find((channel) => channel.type === 12),
      'thread',
    );
    expect(thread.name).toBe('ada · Question of the day 2026-11-23');
    const question = await waitForMessage(
      fake,
      thread.id,
      hasButton('starcoach:answer'),
      'the drill question',
    );
    expect(question.embeds[0].footer.text).toBe('Question of the day · 2026-11-23 · Mini Coder');
    const submit = await answerThroughModal(fake, question.id, 'R07.9 and a non-leading query.');
    await waitForMessage(fake, thread.id, (m) => embedTitle(m) === 'Score 4/5', 'the feedback');
    // A one-question drill ends with a private line, not a summary, and its thread is archived.
    const done = await fake.waitFor(
      () => fake.messagesIn(thread.id).find((m: Json) => m.interaction_token === `token-${submit.id}`),
      'the closing line',
    );
    expect(done).toMatchObject({
      flags: 64,
      content: 'That was today’s drill: 4/5. A new question comes tomorrow.',
    });
    await fake.waitFor(() => fake.callsTo('PATCH', new RegExp(`^/channels/${thread.id}$`))[0], 'archived');
    expect(fake.messagesIn(thread.id).some((m: Json) => embedTitle(m).startsWith('Summary'))).toBe(false);
    const again = fake.command('drill');
    const notOpening = (m: Json) => !m.content.startsWith('Opening');
    expect((await finalReply(fake, again.id, notOpening)).content).toBe(
      'You have already answered today’s question (4/5). A new one comes tomorrow.',
    );
  });

  it('/progress shows the user’s figures privately', async () => {
    const { fake } = h;
    const command = fake.command('progress');
    const reply = await finalReply(fake, command.id);
    expect(callbacksOf(fake, command.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(reply.flags).toBe(64);
    expect(reply.embeds[0].title).toBe('Your progress');
    const byName = Object.fromEntries(reply.embeds[0].fields.map((field: Json) => [field.name, field.value]));
    expect(byName.Answered).toBe('1');
    expect(byName['Next practice']).toBe('`/practice pack:mini`');
  });

  it('/forget deletes only after the confirm button', async () => {
    const { fake } = h;
    const command = fake.command('forget');
    const confirm = await finalReply(fake, command.id);
    expect(buttonIds(confirm)).toEqual(['starcoach:forget-confirm', 'starcoach:forget-cancel']);
    expect(
      await h.store.getHistory({ platform: 'discord', tenant: fake.guildId, user: fake.owner.id }),
    ).toMatchObject({
      attempts: [{ score: 4 }],
    });
    fake.click(confirm.id, 'starcoach:forget-confirm');
    await fake.waitFor(
      () => fake.messages.get(confirm.id).content.startsWith('Deleted all your data'),
      'deleted',
    );
    expect(fake.messages.get(confirm.id).components).toEqual([]);
    const history = await h.store.getHistory({
      platform: 'discord',
      tenant: fake.guildId,
      user: fake.owner.id,
    });
    expect(history.attempts).toEqual([]);
  });

  it('/help answers privately at once', async () => {
    const { fake } = h;
    const command = fake.command('help');
    await fake.waitFor(() => callbacksOf(fake, command.id)[0], 'the help');
    const [callback] = callbacksOf(fake, command.id);
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(64);
    expect(callback.data.content).toContain('/practice');
  });

  it('autocompletes pack names from the coach’s packs', async () => {
    const { fake } = h;
    const typed = fake.autocomplete('practice', 'pack', 'mi');
    await fake.waitFor(() => callbacksOf(fake, typed.id)[0], 'the choices');
    expect(callbacksOf(fake, typed.id)[0]).toEqual({
      type: 8,
      data: { choices: [{ name: 'Mini Coder (mini)', value: 'mini' }] },
    });
  });

  it('an unknown pack becomes a private message in place of the placeholder', async () => {
    const { fake } = h;
    const command = fake.command('practice', { pack: 'nope' }, { user: fake.user('typo') });
    const reply = await finalReply(fake, command.id, (m) => !m.content.startsWith('Opening'));
    expect(reply.content).toBe('There is no pack called "nope". Choose one of: mini.');
    expect(reply.flags).toBe(64);
  });
});

describe('Discord command registration and startup', () => {
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => fake.close());

  it('registers the commands in one server, and globally', async () => {
    const base = {
      token: 't',
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      packIds: [miniPack.id],
    };
    expect(await registerCommands({ ...base, guildId: fake.guildId })).toBe(17);
    expect(await registerCommands(base)).toBe(17);
    const [guild, global] = fake.callsTo('PUT', /\/commands$/);
    expect(guild!.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(global!.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(guild!.body).toEqual(commandDefinitions([miniPack.id]));
    expect(guild!.body.map((command: Json) => command.name)).toEqual([
      'practice',
      'drill',
      'answer',
      'progress',
      'settings',
      'leaderboard',
      'cohort',
      'forget',
      'help',
      'coach-config',
      'cohorts',
      'cohort-member',
      'assign',
      'roster',
      'export',
      'dashboard',
      'pair',
    ]);
    const config = guild!.body.find((command: Json) => command.name === 'coach-config');
    expect(config.default_member_permissions).toBe(manageGuild);
  });

  it('defines every command within Discord’s limits, with the cohort commands’ options', () => {
    const definitions: Json[] = commandDefinitions([miniPack.id]);
    const problems: string[] = [];
    // Discord: lowercase names of 1–32 letters, digits, - or _; descriptions of 1–100 characters; at most
    // 25 options and 25 choices; required options before optional ones; autocomplete never with choices.
    const check = (item: Json, path: string) => {
      if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(item.name)) problems.push(`${path}: name "${item.name}"`);
      if (!item.description || item.description.length > 100) problems.push(`${path}: description`);
      const options: Json[] = item.options ?? [];
      if (options.length > 25) problems.push(`${path}: ${options.length} options`);
      if (new Set(options.map((option) => option.name)).size !== options.length)
        problems.push(`${path}: dup`);
      const firstOptional = options.findIndex((option) => !option.required);
      if (firstOptional !== -1 && options.slice(firstOptional).some((option) => option.required)) {
        problems.push(`${path}: a required option after an optional one`);
      }
      const subcommands = options.filter((option) => option.type === 1 || option.type === 2);
      if (subcommands.length && subcommands.length !== options.length) problems.push(`${path}: mixed`);
      for (const option of options) {
        if ((option.choices?.length ?? 0) > 25) problems.push(`${path}.${option.name}: choices`);
        if (option.autocomplete && option.choices) problems.push(`${path}.${option.name}: both`);
        for (const choice of option.choices ?? []) {
          if (!choice.name || choice.name.length > 100) problems.push(`${path}.${option.name}: choice`);
        }
        check(option, `${path}.${option.name}`);
      }
    };
    for (const command of definitions) check(command, command.name);
    expect(problems).toEqual([]);

    const byName = Object.fromEntries(definitions.map((command) => [command.name, command]));
    const shape = (options: Json[]) =>
      options.map((option) => [option.name, option.type, Boolean(option.required)]);
    expect(shape(byName.assign.options)).toEqual([
      ['pack', 3, true],
      ['due', 3, true],
      ['count', 4, false],
      ['questions', 3, false],
      ['channel', 7, false],
    ]);
    expect(byName.assign.options[0].autocomplete).toBe(true);
    expect(byName['cohort-member'].options.map((sub: Json) => [sub.name, sub.type])).toEqual([
      ['add', 1],
      ['remove', 1],
    ]);
    expect(shape(byName['cohort-member'].options[0].options)).toEqual([
      ['member', 6, true],
      ['role', 3, false],
      ['channel', 7, false],
    ]);
    expect(byName['cohort-member'].options[0].options[1].choices.map((c: Json) => c.value)).toEqual([
      'member',
      'instructor',
    ]);
    expect(shape(byName['cohort-member'].options[1].options)).toEqual([
      ['member', 6, true],
      ['channel', 7, false],
    ]);
    expect(byName.cohorts.options ?? []).toEqual([]);
    expect(shape(byName.answer.options)).toEqual([['recording', 11, true]]);
    expect(byName.answer.contexts).toEqual([0, 1]);
    expect(shape(byName.cohort.options)).toEqual([
      ['period', 3, false],
      ['channel', 7, false],
    ]);
    expect(byName.cohort.options[0].choices.map((c: Json) => c.value)).toEqual(['7d', '30d', '90d']);
    expect(shape(byName.settings.options)).toEqual([
      ['timezone', 3, false],
      ['leaderboard', 5, false],
      ['remind', 3, false],
      ['streak', 5, false],
    ]);
    expect(byName.pair.options.map((sub: Json) => [sub.name, sub.type])).toEqual([
      ['join', 1],
      ['cancel', 1],
      ['block', 1],
      ['unblock', 1],
      ['card', 1],
    ]);
    expect(shape(byName.pair.options[0].options)).toEqual([
      ['pack', 3, false],
      ['kind', 3, false],
      ['level', 3, false],
    ]);
    expect(byName.pair.options[0].options[0].autocomplete).toBe(true);
    expect(byName.pair.options[0].options[2].choices).toEqual(byName.practice.options[2].choices);
    expect(shape(byName.pair.options[2].options)).toEqual([['member', 6, true]]);
    expect(byName.pair.contexts).toEqual([0]);
    const action = byName['coach-config'].options.find((option: Json) => option.name === 'action');
    expect(action.choices.map((c: Json) => c.value)).toEqual(['pause', 'resume', 'skip', 'remove']);
    // Instructors without Manage Server must see the staff commands; the core refuses everyone else.
    for (const name of ['cohorts', 'cohort-member', 'assign', 'cohort']) {
      expect(byName[name].default_member_permissions).toBeUndefined();
      expect(byName[name].contexts).toEqual([0]);
    }
  });

  it('says plainly when Discord rejects the token', async () => {
    fake.failWith('GET', /^\/gateway\/bot$/, { status: 401, code: 0 }, 1);
    const adapter = createDiscordAdapter({
      coach: { packs: new Map() } as never,
      logger: silentLogger,
      token: 'wrong',
      messageContent: false,
      apiUrl: fake.apiUrl,
      restRetries: 0,
    });
    const failure = await adapter.start().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).code).toBe('DISCORD_TOKEN_INVALID');
    await adapter.stop();
  });

  it('says plainly when Discord refuses the Message Content intent (4014)', async () => {
    fake.privilegedIntentsAllowed = false;
    const coach = { packs: new Map() } as never;
    const adapter = createDiscordAdapter({
      coach,
      logger: silentLogger,
      token: 't',
      messageContent: true,
      apiUrl: fake.apiUrl,
      restRetries: 0,
    });
    const failure = await adapter.start().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).code).toBe('DISCORD_DISALLOWED_INTENTS');
    await adapter.stop();
  });
});
