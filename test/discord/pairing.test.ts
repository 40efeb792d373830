import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairIds } from '../../adapters/discord/custom-ids.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/index.ts';
import { labels, wording } from '../../adapters/discord/wording.ts';
import { loadPackFile } from '../../src/content/load-pack.ts';
import { type Coach, createCoach } from '../../src/core/coach.ts';
import { pairMessages } from '../../src/core/pairing/pair-messages.ts';
import { queueName } from '../../src/core/pairing/pair-queue.ts';
import { encodeEntry } from '../../src/core/pairing/pair-request.ts';
import { createPairScheduler } from '../../src/core/pairing/pair-scheduler.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { FakeDiscord, type FakeUser } from '../fakes/discord-server.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';
import { callbacksOf, RecordingLogger, StreamingModel, subcommand, user } from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

const medicalCoding = loadPackFile(new URL('../../content/medical-coding.json', import.meta.url).pathname);

interface PairHarness {
  fake: FakeDiscord;
  coach: Coach;
  adapter: DiscordAdapter;
  store: CoachStore;
  clock: ManualClock;
  logger: RecordingLogger;
  close(): Promise<void>;
}

/** The bot with the mini pack and the real medical-coding pack (its cards need the compact layout). */
async function openPairHarness(intents: {
  guildMembers: boolean;
  messageContent: boolean;
}): Promise<PairHarness> {
  const fake = await FakeDiscord.start();
  const clock = new ManualClock();
  const store = await CoachStore.open({
    url: 'memory://',
    cwd: process.cwd(),
    clock,
    prefix: 'discord-pair',
  });
  const logger = new RecordingLogger();
  let id = 0;
  const coach = createCoach({
    store,
    packs: new Map([
      [miniPack.id, miniPack],
      [medicalCoding.id, medicalCoding],
    ]),
    feedback: new StreamingModel(() => gradeOf(3, null, { feedback: 'Fair.' }), { delayMs: 1, pieces: 1 }),
    clock,
    logger,
    random: () => 0,
    newId: () => `pair-${++id}`,
  });
  const adapter = createDiscordAdapter({
    coach,
    logger,
    token: 'test-token',
    applicationId: fake.applicationId,
    ...intents,
    apiUrl: fake.apiUrl,
    restRetries: 0,
    restTimeoutMs: 3000,
  });
  await adapter.start();
  return {
    fake,
    coach,
    adapter,
    store,
    clock,
    logger,
    async close() {
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}

/** The private reply an interaction's deferral was filled with (or, after deferUpdate, its follow-up). */
function privateReply(fake: FakeDiscord, interactionId: string): Promise<Json> {
  return fake.waitFor(() => {
    const reply = [...fake.messages.values()].find(
      (message) =>
        message.interaction_token === `token-${interactionId}` && (message.content || message.embeds.length),
    );
    return reply && callbacksOf(fake, interactionId).length ? reply : undefined;
  }, `the reply to ${interactionId}`);
}

const componentIds = (message: Json): string[] =>
  message.components.flatMap((row: Json) => row.components.map((component: Json) => component.custom_id));

function threadsIn(fake: FakeDiscord): Json[] {
  return [...fake.channels.values()].filter((channel) => channel.type === 12);
}

function messageIn(fake: FakeDiscord, channelId: string, match: (message: Json) => boolean, what: string) {
  return fake.waitFor(() => fake.messagesIn(channelId).filter(match).at(-1), what);
}

/** The newest "your scorecard is ready" note for `user` in the thread, and the pair id its button carries. */
async function readyNote(fake: FakeDiscord, thread: string, member: FakeUser, after = 0) {
  const note = await messageIn(
    fake,
    thread,
    (message) => message.content === wording.pairCardReady(member.id) && Number(message.id) > after,
    `the card note for ${member.username}`,
  );
  const open = componentIds(note)[0]!;
  return { note, pairId: open.slice('starcoach:pair-open:'.length) };
}

describe('Discord /pair', () => {
  let h: PairHarness;
  let ann: FakeUser;
  let bob: FakeUser;

  beforeAll(async () => {
    h = await openPairHarness({ guildMembers: false, messageContent: false });
    ann = h.fake.owner;
    bob = h.fake.other;
  });
  afterAll(async () => h.close());

  /** `/pair <sub>` as `member`; its private answer. Joins a moment apart (one join every few seconds). */
  async function pair(sub: string, options: Json, member: FakeUser): Promise<Json> {
    const command = h.fake.command('pair', { [sub]: subcommand(options) }, { user: member });
    const reply = await privateReply(h.fake, command.id);
    h.clock.advance(10_000);
    expect(callbacksOf(h.fake, command.id)[0]).toEqual({ type: 5, data: { flags: 64 } });
    return reply;
  }

  /** Presses a button on a message as `member`; resolves once the interaction has been answered. */
  async function press(messageId: string, customId: string, member: FakeUser) {
    const before = h.fake.messages.get(messageId)?.edits ?? 0;
    const click = h.fake.click(messageId, customId, { user: member });
    await h.fake.waitFor(() => callbacksOf(h.fake, click.id)[0], 'the press acked');
    await h.fake.waitFor(
      () =>
        (h.fake.messages.get(messageId)?.edits ?? 0) > before ||
        h.fake.callsTo('POST', new RegExp(`^/webhooks/\\d+/token-${click.id}$`)).length > 0 ||
        h.fake.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/token-${click.id}/`)).length > 0,
      'the press answered',
    );
    return click;
  }

  /** Opens the scorecard from the note in the thread: the ephemeral card only `member` sees. */
  async function openCard(noteId: string, pairId: string, member: FakeUser): Promise<Json> {
    const click = h.fake.click(noteId, pairIds.open(pairId), { user: member });
    const card = await privateReply(h.fake, click.id);
    expect(card.flags & 64).toBe(64);
    return card;
  }

  /** Marks every key point covered, the overall score `score`, through the card's buttons or menus. */
  async function markAll(card: Json, pairId: string, round: 0 | 1, points: number, member: FakeUser) {
    for (let index = 0; index < points; index++) {
      const spec = `point:${index}:covered`;
      const button = pairIds.mark(pairId, round, spec);
      if (componentIds(h.fake.messages.get(card.id)).includes(button)) await press(card.id, button, member);
      else {
        const menu = pairIds.select(pairId, round, Math.floor(index / 8));
        const before = h.fake.messages.get(card.id).edits ?? 0;
        h.fake.select(card.id, menu, [spec], { user: member });
        await h.fake.waitFor(() => h.fake.messages.get(card.id).edits > before, 'the card updated');
      }
    }
    await press(card.id, pairIds.mark(pairId, round, 'overall:4'), member);
    return h.fake.messages.get(card.id);
  }

  it('matches two members in a private thread with both added, the intro and the card note posted', async () => {
    const waiting = await pair('join', { pack: 'mini' }, ann);
    expect(waiting.content).toMatch(/You’re in the server’s queue for a peer mock interview: Mini Coder/);
    expect(componentIds(waiting)).toEqual([pairIds.leave]);
    const matched = await pair('join', { pack: 'mini' }, bob);
    const [thread] = threadsIn(h.fake);
    expect(matched.content).toBe(wording.pairMatched(ann.id, thread.id));
    const create = h.fake.callsTo('POST', /^\/channels\/\d+\/threads$/).at(-1)!;
    expect(create.path).toBe(`/channels/${h.fake.channelId}/threads`);
    expect(create.body).toMatchObject({ type: 12, invitable: false, name: 'Peer mock interview' });
    expect([...(h.fake.threadMembers.get(thread.id) ?? [])].sort()).toEqual([ann.id, bob.id].sort());
    const intro = await messageIn(h.fake, thread.id, (m) => m.content.includes('interviews'), 'the intro');
    expect(intro.content).toContain(`<@${ann.id}> interviews <@${bob.id}> first`);
    expect(intro.allowed_mentions).toEqual({ parse: [], users: [ann.id, bob.id] });
    expect(componentIds(intro)).toEqual([pairIds.answer]);
    const { note } = await readyNote(h.fake, thread.id, ann);
    expect(note.allowed_mentions).toEqual({ parse: [], users: [ann.id] });
    // The card itself is never posted in the thread.
    expect(h.fake.messagesIn(thread.id).every((message) => message.embeds.length === 0)).toBe(true);
  });

  it('shows the card to the interviewer alone; marks update it in place; submit swaps; summaries are DMed', async () => {
    const [thread] = threadsIn(h.fake);
    const { note, pairId } = await readyNote(h.fake, thread.id, ann);
    const refused = await openCard(note.id, pairId, bob);
    expect(refused.embeds).toEqual([]);
    expect(refused.content).toMatch(/interviewer/);

    const card = await openCard(note.id, pairId, ann);
    expect(card.embeds[0].title).toBe(wording.pairCardTitle(0));
    expect(card.embeds[0].description).toContain(wording.pairYouInterview(bob.id));
    expect(componentIds(card)).toContain(pairIds.mark(pairId, 0, 'point:1:missed'));

    // Submitting early is refused beside the card, which stays as it was.
    const early = await press(card.id, pairIds.submit(pairId, 0), ann);
    const refusal = h.fake.callsTo('POST', new RegExp(`^/webhooks/\\d+/token-${early.id}$`))[0]!;
    expect(refusal.body).toMatchObject({ content: pairMessages.incomplete, flags: 64 });
    expect(h.fake.messages.get(card.id).embeds[0].title).toBe(wording.pairCardTitle(0));

    await press(card.id, pairIds.mark(pairId, 0, 'point:0:partly'), ann);
    const partly = h.fake.messages.get(card.id);
    expect(partly.embeds[0].fields[0].value).toContain(`🟨 **${labels.pairPartly}** 1.`);
    await press(card.id, pairIds.mark(pairId, 0, 'flag:0:on'), ann);
    const done = await markAll(card, pairId, 0, miniPack.questions[0]!.keyPoints.length, ann);
    expect(done.embeds[0].fields.at(-1).value).toBe('**4/5**');
    await press(card.id, pairIds.submit(pairId, 0), ann);
    expect(h.fake.messages.get(card.id)).toMatchObject({
      content: wording.pairSubmitted(false),
      components: [],
    });
    const swap = await messageIn(h.fake, thread.id, (m) => m.content.startsWith('Swap:'), 'the swap');
    expect(swap.content).toContain(`<@${bob.id}> now interviews <@${ann.id}>`);
    expect(componentIds(swap)).toEqual([pairIds.answer]);

    const second = await readyNote(h.fake, thread.id, bob, Number(note.id));
    expect(second.pairId).toBe(pairId);
    const bobCard = await openCard(second.note.id, pairId, bob);
    expect(bobCard.embeds[0].title).toBe(wording.pairCardTitle(1));
    // The first round's note now opens nothing for Ann: the card is Bob's.
    const late = await openCard(note.id, pairId, ann);
    expect(late.embeds).toEqual([]);
    expect(late.content).toMatch(/interviewer/);

    await markAll(bobCard, pairId, 1, miniPack.questions[1]!.keyPoints.length, bob);
    await press(bobCard.id, pairIds.submit(pairId, 1), bob);
    expect(h.fake.messages.get(bobCard.id).content).toBe(wording.pairSubmitted(true));
    const summaries = await h.fake.waitFor(() => {
      const dms = [...h.fake.channels.values()].filter((channel) => channel.type === 1);
      const texts = dms.map((dm) => [
        dm.recipients[0].id,
        h.fake
          .messagesIn(dm.id)
          .map((m) => m.content)
          .join('\n'),
      ]);
      return (
        texts.length >= 2 && texts.every(([, text]) => text.includes('Your peer mock interview')) && texts
      );
    }, 'both summaries');
    const byUser = Object.fromEntries(summaries);
    expect(byUser[ann.id]).toContain(`Your peer mock interview with <@${bob.id}>`);
    expect(byUser[ann.id]).toContain('scored it 4/5');
    expect(byUser[bob.id]).toContain(`Your peer mock interview with <@${ann.id}>`);
    const historyOf = async (member: FakeUser) =>
      (await h.store.getHistory({ platform: 'discord', tenant: h.fake.guildId, user: member.id })).peer;
    expect(await historyOf(bob)).toMatchObject([{ partner: ann.id, score: 4, flags: 1 }]);
    expect(await historyOf(ann)).toMatchObject([{ partner: bob.id, score: 4, flags: 0 }]);
  });

  it('leaves the queue with /pair cancel and with the Leave queue button', async () => {
    const cat = h.fake.user('cat');
    await pair('join', {}, cat);
    expect((await pair('cancel', {}, cat)).content).toBe(wording.pairLeft());
    expect((await pair('cancel', {}, cat)).content).toBe(wording.pairNotWaiting());
    const waiting = await pair('join', {}, cat);
    await press(waiting.id, pairIds.leave, cat);
    expect(h.fake.messages.get(waiting.id)).toMatchObject({ content: wording.pairLeft(), components: [] });
    // Nobody waits now: the next member waits instead of being matched.
    const dan = h.fake.user('dan');
    expect((await pair('join', {}, dan)).content).toMatch(/You’re in the server’s queue/);
    expect((await pair('join', {}, dan)).content).toMatch(/You’re already in the queue/);
    await pair('cancel', {}, dan);
  });

  it('never pairs a member with someone they blocked, and unblocking pairs them again', async () => {
    const eve = h.fake.user('eve');
    const fay = h.fake.user('fay');
    expect((await pair('block', { member: user(fay.id) }, eve)).content).toBe(wording.pairBlocked(fay.id));
    await pair('join', {}, fay);
    expect((await pair('join', {}, eve)).content).toMatch(/You’re in the server’s queue/);
    await pair('cancel', {}, eve);
    expect((await pair('unblock', { member: user(fay.id) }, eve)).content).toBe(
      wording.pairUnblocked(fay.id),
    );
    expect((await pair('join', {}, eve)).content).toContain(`paired with <@${fay.id}>`);
    expect((await pair('block', { member: user(eve.id) }, eve)).content).toMatch(/cannot block yourself/);
  });

  it('marks a long card through its menus, shows it again with /pair card, and keeps a refused summary private', async () => {
    const gus = h.fake.user('gus');
    const hal = h.fake.user('hal');
    h.fake.closedDms.add(hal.id);
    await pair('join', { pack: 'medical-coding' }, gus);
    const matched = await pair('join', { pack: 'medical-coding' }, hal);
    const thread = /<#(\d+)>/.exec(matched.content)![1]!;
    const { pairId } = await readyNote(h.fake, thread, gus);
    const card = await pair('card', {}, gus);
    expect(card.embeds[0].title).toBe(wording.pairCardTitle(0));
    expect(card.components.length).toBeLessThanOrEqual(5);
    const points = medicalCoding.questions[0]!.keyPoints.length;
    expect(componentIds(card)).toContain(pairIds.select(pairId, 0, 0));
    const marked = await markAll(card, pairId, 0, points, gus);
    expect(marked.embeds[0].fields[0].value.match(/✅/g)).toHaveLength(points);
    await press(card.id, pairIds.submit(pairId, 0), gus);
    const second = await readyNote(h.fake, thread, hal);
    const halCard = await openCard(second.note.id, pairId, hal);
    await markAll(halCard, pairId, 1, medicalCoding.questions[1]!.keyPoints.length, hal);
    await press(halCard.id, pairIds.submit(pairId, 1), hal);
    const note = await messageIn(
      h.fake,
      thread,
      (m) => m.content === wording.pairOpenDms(hal.id),
      'the DM note',
    );
    expect(note.allowed_mentions.users).toEqual([hal.id]);
    expect(h.fake.messagesIn(thread).some((m) => m.content.includes('Your peer mock interview'))).toBe(false);
    const gone = await pair('card', {}, gus);
    expect(gone.embeds).toEqual([]);
    expect(gone.content).not.toBe('');
  });

  it('stores an answer written in the modal for the candidate, and tells the interviewer it is not theirs', async () => {
    const ivy = h.fake.user('ivy');
    const jon = h.fake.user('jon');
    await pair('join', {}, ivy);
    const matched = await pair('join', {}, jon);
    const thread = /<#(\d+)>/.exec(matched.content)![1]!;
    const intro = await messageIn(h.fake, thread, (m) => m.content.includes('interviews'), 'the intro');
    const click = h.fake.click(intro.id, pairIds.answer, { user: jon });
    const modal = await h.fake.waitFor(
      () => callbacksOf(h.fake, click.id).find((callback) => callback.type === 9),
      'the answer modal',
    );
    expect(modal.data.custom_id).toBe(pairIds.answerModal);
    const answer = 'I code R07.9 and query the physician.';
    const submitted = h.fake.submitModal(pairIds.answerModal, { answer }, intro.id, { user: jon });
    expect((await privateReply(h.fake, submitted.id)).content).toBe(pairMessages.answerSaved);
    const sessions = await Promise.all(
      (await h.store.activePairSessions()).map(({ platform, tenant, id }) =>
        h.store.getPairSession(platform, tenant, id),
      ),
    );
    const stored = sessions.find((session) => session?.members.includes(jon.id));
    expect(stored?.typed[0]?.parts).toEqual([answer]);
    const wrong = h.fake.submitModal(pairIds.answerModal, { answer: 'mine' }, intro.id, { user: ivy });
    expect((await privateReply(h.fake, wrong.id)).content).toBe(wording.pairNotCandidate());
  });

  it('tells both what to do when the thread cannot be opened, and keeps nobody waiting', async () => {
    const kit = h.fake.user('kit');
    const leo = h.fake.user('leo');
    await pair('join', {}, kit);
    h.fake.failWith('POST', /^\/channels\/\d+\/threads$/, { status: 403, code: 50013 }, 1);
    const refused = await pair('join', {}, leo);
    expect(refused.content).toBe(pairMessages.openFailed(kit.id));
    const dm = await h.fake.waitFor(
      () =>
        [...h.fake.channels.values()].find(
          (channel) => channel.type === 1 && channel.recipients[0].id === kit.id,
        ),
      'the DM to the member who waited',
    );
    const told = await messageIn(h.fake, dm.id, (m) => m.content !== '', 'the notice');
    expect(told.content).toBe(pairMessages.openFailed(leo.id));
    expect((await pair('join', {}, leo)).content).toMatch(/You’re in the server’s queue/);
    await pair('cancel', {}, leo);
  });

  it('deletes a private thread a member could not be added to, and says so to the joiner', async () => {
    const nia = h.fake.user('nia');
    const oli = h.fake.user('oli');
    await pair('join', {}, nia);
    const threads = threadsIn(h.fake).length;
    h.fake.failWith('PUT', /^\/channels\/\d+\/thread-members\/\d+$/, { status: 403, code: 50001 }, 1);
    expect((await pair('join', {}, oli)).content).toBe(pairMessages.openFailed(nia.id));
    const created = threadsIn(h.fake)[threads];
    expect(h.fake.callsTo('DELETE', new RegExp(`^/channels/${created.id}$`))).toHaveLength(1);
  });

  it('without the Server Members intent, hears nothing of a member leaving: the session runs on', async () => {
    const mia = h.fake.user('mia');
    const ned = h.fake.user('ned');
    await pair('join', {}, mia);
    const matched = await pair('join', {}, ned);
    const thread = /<#(\d+)>/.exec(matched.content)![1]!;
    const before = (await h.store.activePairSessions()).length;
    h.fake.leaveThread(thread, ned);
    await h.fake.quiet(200);
    expect((await h.store.activePairSessions()).length).toBe(before);
    expect(h.fake.messagesIn(thread).some((m) => m.content === pairMessages.left(ned.id))).toBe(false);
  });

  it('through the sweep: starts a match a race left waiting in its channel, and ends an idle session there', async () => {
    const sweep = () =>
      createPairScheduler({
        pairing: h.coach.pairing,
        rooms: [h.adapter.pairRooms],
        messengers: [h.adapter.directMessenger],
        logger: h.logger,
      }).runOnce();
    const ray = h.fake.user('ray');
    const sue = h.fake.user('sue');
    const queue = queueName({ platform: 'discord', tenant: h.fake.guildId, cohort: null });
    const entry = (id: string, member: FakeUser, at: number) =>
      encodeEntry({
        id,
        user: member.id,
        packId: 'mini',
        kind: null,
        level: null,
        at,
        channel: h.fake.channelId,
      });
    await h.store.joinPairQueue(queue, entry('race-1', ray, h.clock.now() - 2000));
    await h.store.joinPairQueue(queue, entry('race-2', sue, h.clock.now() - 1000));
    expect((await sweep()).started).toBe(1);
    const thread = threadsIn(h.fake).at(-1);
    expect(thread.parent_id).toBe(h.fake.channelId);
    expect([...(h.fake.threadMembers.get(thread.id) ?? [])].sort()).toEqual([ray.id, sue.id].sort());
    await readyNote(h.fake, thread.id, ray);
    h.clock.advance(10 * 60_000);
    expect((await sweep()).idleEnded).toBeGreaterThanOrEqual(1);
    await messageIn(h.fake, thread.id, (m) => m.content === pairMessages.idle, 'the idle note');
  });

  it('logged no error along the way', () => {
    expect(h.logger.errors).toEqual([]);
  });
});

describe('Discord /pair with the Server Members and Message Content intents', () => {
  let h: PairHarness;

  beforeAll(async () => {
    h = await openPairHarness({ guildMembers: true, messageContent: true });
  });
  afterAll(async () => h.close());

  async function matchedThread(first: FakeUser, second: FakeUser): Promise<string> {
    for (const member of [first, second]) {
      const command = h.fake.command('pair', { join: subcommand({}) }, { user: member });
      await privateReply(h.fake, command.id);
      h.clock.advance(10_000);
    }
    const thread = threadsIn(h.fake).at(-1);
    await readyNote(h.fake, thread.id, first);
    return thread.id;
  }

  it('asks Discord for the Server Members intent', () => {
    expect(h.fake.intents & (1 << 1)).toBe(1 << 1);
  });

  it('reacts to the candidate’s message in the thread and stores it as the answer', async () => {
    const kim = h.fake.user('kim');
    const lou = h.fake.user('lou');
    const thread = await matchedThread(kim, lou);
    const said = h.fake.userMessage(thread, 'I would query the physician first.', lou);
    await h.fake.waitFor(() => h.fake.reactions.get(said), 'the reaction');
    expect(h.fake.reactions.get(said)).toEqual(['✅']);
    const chat = h.fake.userMessage(thread, 'Take your time.', kim);
    await h.fake.quiet(200);
    expect(h.fake.reactions.get(chat)).toBeUndefined();
    expect(h.fake.messagesIn(thread).filter((m) => m.author.id === h.fake.bot.id && m.embeds.length)).toEqual(
      [],
    );
  });

  it('ends the session when a member leaves its thread, with a note to the other', async () => {
    const max = h.fake.user('max');
    const ned = h.fake.user('ned');
    const thread = await matchedThread(max, ned);
    const before = (await h.store.activePairSessions()).length;
    h.fake.leaveThread(thread, ned);
    const note = await messageIn(h.fake, thread, (m) => m.content === pairMessages.left(ned.id), 'the note');
    expect(note.allowed_mentions.users).toEqual([ned.id]);
    expect((await h.store.activePairSessions()).length).toBe(before - 1);
  });

  it('ends the session when a member leaves the server', async () => {
    const oda = h.fake.user('oda');
    const pat = h.fake.user('pat');
    const thread = await matchedThread(oda, pat);
    h.fake.leaveGuild(oda);
    await messageIn(h.fake, thread, (m) => m.content === pairMessages.left(oda.id), 'the note');
    const sessions = await Promise.all(
      (await h.store.activePairSessions()).map(({ platform, tenant, id }) =>
        h.store.getPairSession(platform, tenant, id),
      ),
    );
    expect(sessions.some((session) => session?.members.includes(pat.id))).toBe(false);
  });

  it('logged no error along the way', () => {
    expect(h.logger.errors).toEqual([]);
  });
});
