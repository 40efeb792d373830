import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaveQueueId } from '../../adapters/slack/render-pairing.ts';
import { wording } from '../../adapters/slack/wording.ts';
import { pairMessages } from '../../src/core/pairing/pair-messages.ts';
import { queueName } from '../../src/core/pairing/pair-queue.ts';
import { encodeEntry } from '../../src/core/pairing/pair-request.ts';
import { createPairScheduler } from '../../src/core/pairing/pair-scheduler.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import type { ResponseUrlCall, SlackCall } from '../fakes/slack-server.ts';
import { buttonsOf, openSlackHarness, type SlackHarness, textOf, valuesOf } from './harness.ts';

let h: SlackHarness;
const clock = new ManualClock();
const instructor = 'UTEACH';

beforeAll(async () => {
  h = await openSlackHarness({ clock, instructors: [instructor] });
});
afterAll(async () => {
  await h.close();
});

let responses = 0;

/** Runs `/coach <text>` and returns what it said privately through its response_url. */
async function coach(text: string, user: string, channel = 'C40'): Promise<ResponseUrlCall[]> {
  const id = `pair-cmd-${++responses}`;
  const response = await h.requests.command('/coach', text, {
    user,
    channel,
    responseUrl: h.fake.responseUrl(id),
  });
  expect(response.status).toBe(200);
  // Joins a moment apart: one join per member every few seconds is allowed.
  clock.advance(10_000);
  return h.fake.responses.filter((call) => call.id === id);
}

/** Presses a button of an ephemeral message, as Slack delivers it, and returns what replaced or joined it. */
async function press(actionId: string, value: string, user: string, channel: string) {
  const id = `pair-press-${++responses}`;
  const response = await h.requests.action(actionId, {
    user,
    channel,
    responseUrl: h.fake.responseUrl(id),
    value,
  });
  expect(response.status).toBe(200);
  return h.fake.responses.filter((call) => call.id === id);
}

const ephemeralsTo = (user: string) =>
  h.fake.callsTo('chat.postEphemeral').filter((call) => call.body.user === user);

interface Element {
  action_id?: string;
  value?: string;
  style?: string;
  text?: { text?: string };
}

/** Every button of a message: rows of buttons, and a section's own button (a red flag's toggle). */
function elementsOf(call: SlackCall | ResponseUrlCall): Element[] {
  const blocks = (call.body.blocks ?? []) as { elements?: Element[]; accessory?: Element }[];
  return blocks.flatMap((block) => [
    ...(block.elements ?? []),
    ...(block.accessory ? [block.accessory] : []),
  ]);
}

/** The newest scorecard a member was shown, as buttons they can press. */
function cardOf(card: SlackCall | ResponseUrlCall) {
  const elements = elementsOf(card).filter((element) => element.action_id);
  const actions = elements.map((element) => element.action_id!);
  const values = elements.map((element) => element.value ?? '');
  return {
    text: [textOf(card), ...elements.map((element) => element.text?.text ?? '')].join('\n'),
    buttons: actions,
    button(actionId: string) {
      const index = actions.indexOf(actionId);
      if (index < 0) throw new Error(`no button ${actionId} in ${actions.join(', ')}`);
      return { actionId, value: values[index]! };
    },
  };
}

/** Marks every key point covered and an overall score on the card, pressing its buttons. */
async function markWholeCard(card: ReturnType<typeof cardOf>, user: string, channel: string) {
  let latest: ReturnType<typeof cardOf> = card;
  for (const actionId of card.buttons.filter((id) => id.endsWith(':covered'))) {
    const { value } = latest.button(actionId);
    const [replaced] = await press(actionId, value, user, channel);
    latest = cardOf(replaced!);
  }
  const overall = latest.button('starcoach:pair:overall:4');
  const [replaced] = await press(overall.actionId, overall.value, user, channel);
  return cardOf(replaced!);
}

describe('/coach pair', () => {
  it('matches the second member: a group DM with both, the intro, the scorecard to the interviewer alone', async () => {
    const [waiting] = await coach('pair medical-coding', 'UANN');
    expect(waiting?.body.response_type).toBe('ephemeral');
    expect(textOf(waiting!)).toMatch(/You’re in the workspace’s queue .* up to 15 minutes/);
    expect(buttonsOf(waiting!)).toEqual([leaveQueueId]);

    const [matched] = await coach('pair medical-coding', 'UBOB');
    expect(textOf(matched!)).toContain('<@UANN>');
    const opened = h.fake.callsTo('conversations.open').at(-1)!;
    expect(opened.body.users).toBe('UANN,UBOB');
    const space = 'GUANNUBOB';
    const intro = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(intro.body.channel).toBe(space);
    expect(textOf(intro)).toContain('<@UANN> interviews <@UBOB> first');
    expect(ephemeralsTo('UBOB')).toEqual([]);
    const [card] = ephemeralsTo('UANN');
    expect(card?.body.channel).toBe(space);
    const view = cardOf(card!);
    expect(view.text).toContain('You interview <@UBOB>');
    expect(view.buttons).toContain('starcoach:pair:point:0:covered');
    expect(view.buttons).toContain('starcoach:pair:flag:0');
    expect(view.buttons).toContain('starcoach:pair:overall:5');
    expect(view.buttons).toContain('starcoach:pair:end');
    expect(view.buttons).not.toContain('starcoach:pair:submit');
    expect((card!.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
  });

  it('marks update the card in place; submit swaps roles, and the second submit sends both summaries', async () => {
    await coach('pair medical-coding', 'UCAT');
    await coach('pair medical-coding', 'UDAN');
    const space = 'GUCATUDAN';
    const first = cardOf(ephemeralsTo('UCAT').at(-1)!);

    const point = first.button('starcoach:pair:point:0:partly');
    const [marked] = await press(point.actionId, point.value, 'UCAT', space);
    expect(marked?.body.replace_original).toBe(true);
    const after = cardOf(marked!);
    const styles = elementsOf(marked!).filter((element) =>
      element.action_id?.startsWith('starcoach:pair:point:0:'),
    );
    expect(styles.map((element) => element.style ?? null)).toEqual([null, 'primary', null]);
    const flag = after.button('starcoach:pair:flag:0');
    const [heard] = await press(flag.actionId, flag.value, 'UCAT', space);
    expect(cardOf(heard!).text).toContain('Heard ✓');

    // The candidate cannot mark the interviewer's card.
    const [refused] = await press(point.actionId, point.value, 'UDAN', space);
    expect(refused?.body.replace_original).toBe(false);
    expect(textOf(refused!)).toBe(pairMessages.notInterviewer);

    const complete = await markWholeCard(cardOf(heard!), 'UCAT', space);
    const submit = complete.button('starcoach:pair:submit');
    const [submitted] = await press(submit.actionId, submit.value, 'UCAT', space);
    expect(textOf(submitted!)).toBe(wording.pairSubmitted(false));
    expect(textOf(h.fake.callsTo('chat.postMessage').at(-1)!)).toContain('<@UDAN> now interviews <@UCAT>');
    const second = cardOf(ephemeralsTo('UDAN').at(-1)!);
    expect(second.text).toContain('You interview <@UCAT>');

    // The first round's card is over: pressing it again is refused, privately.
    const [stale] = await press(point.actionId, point.value, 'UCAT', space);
    expect(textOf(stale!)).toBe(pairMessages.roundOver);

    const done = await markWholeCard(second, 'UDAN', space);
    const finish = done.button('starcoach:pair:submit');
    const [finished] = await press(finish.actionId, finish.value, 'UDAN', space);
    expect(textOf(finished!)).toBe(wording.pairSubmitted(true));
    const summaryFor = (user: string) => textOf(ephemeralsTo(user).at(-1)!);
    expect(summaryFor('UCAT')).toContain('Your peer mock interview with <@UDAN>');
    expect(summaryFor('UCAT')).toContain('scored it 4/5');
    expect(summaryFor('UDAN')).toContain('Your peer mock interview with <@UCAT>');
    // Each member's round is in their history once, scored by the other, apart from graded answers.
    const historyOf = async (user: string) =>
      (await h.store.getHistory({ platform: 'slack', tenant: 'T1', user })).peer;
    expect(await historyOf('UDAN')).toMatchObject([{ partner: 'UCAT', score: 4, flags: 1 }]);
    expect(await historyOf('UCAT')).toMatchObject([{ partner: 'UDAN', score: 4, flags: 0 }]);
    // Progress shows the round as peer-scored, apart from graded answers, and it counts as practice today.
    const progress = await h.coach.progress({ platform: 'slack', tenant: 'T1', user: 'UDAN' });
    expect(progress.peer).toMatchObject({ answers: 1, average: 4 });
    expect(progress.answered).toBe(0);
    expect(progress.practisedToday).toBe(true);
  });

  it('either member can end the session; the other is told in the group DM', async () => {
    await coach('pair medical-coding', 'UEVE');
    await coach('pair medical-coding', 'UFAY');
    const card = cardOf(ephemeralsTo('UEVE').at(-1)!);
    const end = card.button('starcoach:pair:end');
    const [ended] = await press(end.actionId, end.value, 'UFAY', 'GUEVEUFAY');
    expect(textOf(ended!)).toBe(wording.pairEnded());
    const note = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(note.body.channel).toBe('GUEVEUFAY');
    expect(textOf(note)).toContain('<@UFAY> ended the session');
    const [gone] = await press(end.actionId, end.value, 'UEVE', 'GUEVEUFAY');
    expect(textOf(gone!)).toBe(pairMessages.sessionGone);
  });

  it('leaves the queue with `/coach pair cancel` or the Leave queue button', async () => {
    await coach('pair', 'UGUS');
    const [left] = await coach('pair cancel', 'UGUS');
    expect(textOf(left!)).toBe(wording.pairLeft());
    const [again] = await coach('pair cancel', 'UGUS');
    expect(textOf(again!)).toBe(wording.pairNotWaiting());

    const [waiting] = await coach('pair', 'UHAL');
    const [value] = valuesOf(waiting!);
    const [pressed] = await press(leaveQueueId, value!, 'UHAL', 'C40');
    expect(pressed?.body.replace_original).toBe(true);
    expect(textOf(pressed!)).toBe(wording.pairLeft());
    // Nobody is waiting now: the next member waits instead of being matched.
    const [alone] = await coach('pair', 'UIDA');
    expect(textOf(alone!)).toMatch(/You’re in the workspace’s queue/);
    await coach('pair cancel', 'UIDA');
  });

  it('says so when a member joins twice, and refuses a join right after a join', async () => {
    await coach('pair', 'UJON');
    const [twice] = await coach('pair', 'UJON');
    expect(textOf(twice!)).toMatch(/You’re already in the queue/);
    await coach('pair cancel', 'UJON');
    // A join that stands (the helper moves the clock on after each command)…
    const id = `pair-cmd-${++responses}`;
    await h.requests.command('/coach', 'pair', {
      user: 'UJON',
      channel: 'C40',
      responseUrl: h.fake.responseUrl(id),
    });
    const [first] = h.fake.responses.filter((call) => call.id === id);
    expect(textOf(first!)).toMatch(/You’re in the workspace’s queue/);
    await coach('pair cancel', 'UJON');
    // …then, back at that join's instant, another join is refused.
    clock.advance(-10_000);
    const [limited] = await coach('pair', 'UJON');
    expect(textOf(limited!)).toMatch(/Wait a few seconds/);
    expect(limited?.body.response_type).toBe('ephemeral');
  });

  it('never matches a member with someone they blocked, and unblocking matches again', async () => {
    const [blocked] = await coach('pair block <@UMAX|max>', 'ULEA');
    expect(textOf(blocked!)).toBe(wording.pairBlocked('UMAX'));
    await coach('pair', 'UMAX');
    const [lea] = await coach('pair', 'ULEA');
    expect(textOf(lea!)).toMatch(/You’re in the workspace’s queue/);
    await coach('pair cancel', 'ULEA');
    await coach('pair unblock <@UMAX>', 'ULEA');
    const [matched] = await coach('pair', 'ULEA');
    expect(textOf(matched!)).toContain('paired with <@UMAX>');
    const [self] = await coach('pair block <@ULEA>', 'ULEA');
    expect(textOf(self!)).toMatch(/cannot block yourself/);
  });

  it('in a cohort’s drill channel the queue is the cohort’s, apart from the workspace’s', async () => {
    await coach('config time 09:00', instructor, 'CCOHORT');
    await coach('pair', 'UNED');
    const [inCohort] = await coach('pair', 'UOLA', 'CCOHORT');
    expect(textOf(inCohort!)).toMatch(/You’re in the cohort’s queue/);
    const [matched] = await coach('pair', 'UPAM', 'CCOHORT');
    expect(textOf(matched!)).toContain('paired with <@UOLA>');
    const [left] = await coach('pair cancel', 'UNED');
    expect(textOf(left!)).toBe(wording.pairLeft());
  });

  it('explains the command when it cannot be read, and lists it in help', async () => {
    const [usage] = await coach('pair block someone', 'UQIN');
    expect(textOf(usage!)).toBe(wording.pairUsage());
    const [unknownPack] = await coach('pair no-such-pack', 'UQIN');
    expect(textOf(unknownPack!)).toMatch(/no-such-pack/);
    const [help] = await coach('help', 'UQIN');
    expect(textOf(help!)).toContain('/coach pair');
  });
});

describe('in the group DM', () => {
  let events = 0;
  /** A member's message at the top of the group DM, as the Events API delivers it. */
  async function say(
    user: string,
    channel: string,
    text: string,
    eventId = `Ev-pair-${++events}`,
    retryNum?: number,
  ) {
    const ts = `1800000100.${String(++events).padStart(6, '0')}`;
    const event = { type: 'message', channel, channel_type: 'mpim', user, text, ts, event_ts: ts };
    const response = await h.requests.event(event, { eventId, retryNum });
    expect(response.status).toBe(200);
  }

  it('saves what the candidate types, once per delivery, and the summary has the coach’s grade of it', async () => {
    await coach('pair medical-coding', 'UQUE');
    await coach('pair medical-coding', 'URIA');
    const space = 'GUQUEURIA';
    const saved = () => ephemeralsTo('URIA').filter((call) => call.body.text === pairMessages.answerSaved);
    await say(
      'URIA',
      space,
      'I would query the physician before assigning a code; MRN 99120345.',
      'Ev-typed-1',
    );
    expect(saved()).toHaveLength(1);
    // Slack retries a slow event with the same id: kept once. The interviewer's own words are no answer.
    await say(
      'URIA',
      space,
      'I would query the physician before assigning a code; MRN 99120345.',
      'Ev-typed-1',
      1,
    );
    await say('UQUE', space, 'Thanks, go on.');
    const session = (await h.coach.pairing.sessions.inSpace('slack', 'T1', space))!;
    const stored = await h.store.getPairSession('slack', 'T1', session.id);
    expect(stored?.typed[0]?.parts).toHaveLength(1);
    expect(stored?.typed[0]?.parts[0]).not.toContain('99120345');
    expect(saved()).toHaveLength(1);
    expect(ephemeralsTo('UQUE').filter((call) => call.body.text === pairMessages.answerSaved)).toEqual([]);

    const first = await markWholeCard(cardOf(ephemeralsTo('UQUE').at(-1)!), 'UQUE', space);
    const submit = first.button('starcoach:pair:submit');
    await press(submit.actionId, submit.value, 'UQUE', space);
    const second = await markWholeCard(cardOf(ephemeralsTo('URIA').at(-1)!), 'URIA', space);
    const finish = second.button('starcoach:pair:submit');
    await press(finish.actionId, finish.value, 'URIA', space);
    const [attempt] = (await h.store.getHistory({ platform: 'slack', tenant: 'T1', user: 'URIA' })).peer;
    expect(attempt?.botScore).toBeGreaterThanOrEqual(1);
    const summary = textOf(ephemeralsTo('URIA').at(-1)!);
    expect(summary).toContain(`graded your typed answer ${attempt?.botScore}/5`);
    expect(textOf(ephemeralsTo('UQUE').at(-1)!)).not.toContain('typed answer');
  });

  it('`/coach pair card` sends the interviewer the card again; the candidate and others are told why not', async () => {
    await coach('pair medical-coding', 'USAM');
    await coach('pair medical-coding', 'UTOM');
    const before = ephemeralsTo('USAM').length;
    const [sent] = await coach('pair card', 'USAM', 'GUSAMUTOM');
    expect(textOf(sent!)).toBe(wording.pairCardSent());
    expect(ephemeralsTo('USAM')).toHaveLength(before + 1);
    expect(cardOf(ephemeralsTo('USAM').at(-1)!).text).toContain('You interview <@UTOM>');
    const [candidate] = await coach('pair card', 'UTOM', 'GUSAMUTOM');
    expect(textOf(candidate!)).toBe(pairMessages.notInterviewer);
    const [nobody] = await coach('pair card', 'UXYZ');
    expect(textOf(nobody!)).toBe(pairMessages.noSession);
  });

  it('a member deactivated in the workspace ends the session, with a note to the partner', async () => {
    await coach('pair medical-coding', 'UUMA');
    await coach('pair medical-coding', 'UVIC');
    const response = await h.requests.event({
      type: 'user_change',
      user: { id: 'UVIC', team_id: 'T1', deleted: true, name: 'vic' },
      event_ts: '1800000200.000001',
    });
    expect(response.status).toBe(200);
    const posts = h.fake.callsTo('chat.postMessage').filter((call) => call.body.channel === 'GUUMAUVIC');
    expect(posts).toHaveLength(2);
    expect(textOf(h.fake.callsTo('chat.postMessage').at(-1)!)).toBe(pairMessages.left('UVIC'));
    expect(await h.coach.pairing.sessions.inSpace('slack', 'T1', 'GUUMAUVIC')).toBeNull();
    // A profile edit is no departure.
    await coach('pair medical-coding', 'UWIN');
    await coach('pair medical-coding', 'UXAN');
    await h.requests.event({ type: 'user_change', user: { id: 'UXAN', team_id: 'T1', deleted: false } });
    expect(await h.coach.pairing.sessions.inSpace('slack', 'T1', 'GUWINUXAN')).not.toBeNull();
  });
});

describe('when Slack refuses the group DM', () => {
  it('tells the member what to do, logs the code, and stores no session', async () => {
    await coach('pair', 'UVAL');
    h.fake.fail('conversations.open', { error: 'missing_scope' });
    const [said] = await coach('pair', 'UWES');
    expect(textOf(said!)).toBe(wording.pairOpenFailed('UVAL', true));
    expect(h.logs).toContainEqual(
      expect.objectContaining({ event: 'slack-pair-start-failed', fields: { code: 'missing_scope' } }),
    );
    expect(ephemeralsTo('UVAL')).toEqual([]);
    // The member who waited has no command to answer: told in a direct message.
    const notice = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(notice.body.channel).toBe('DUVAL');
    expect(textOf(notice)).toBe(pairMessages.openFailed('UWES'));
    // Both can join again: they are no longer waiting, and the next join waits afresh.
    const [again] = await coach('pair', 'UVAL');
    expect(textOf(again!)).toMatch(/You’re in the workspace’s queue/);
    await coach('pair cancel', 'UVAL');
  });
});

describe('the pair sweep through the Slack adapter', () => {
  const sweep = () =>
    createPairScheduler({
      pairing: h.coach.pairing,
      rooms: [h.adapter.pairRooms],
      messengers: [h.adapter.directMessenger],
      logger: h.logger,
    }).runOnce();

  it('starts a match a race left waiting, in a group DM, with the card to the one who waited longest', async () => {
    const queue = queueName({ platform: 'slack', tenant: 'T1', cohort: null });
    const entry = (id: string, user: string, at: number) =>
      encodeEntry({ id, user, packId: 'medical-coding', kind: null, level: null, at, channel: null });
    await h.store.joinPairQueue(queue, entry('race-1', 'URAY', clock.now() - 2000));
    await h.store.joinPairQueue(queue, entry('race-2', 'USUE', clock.now() - 1000));
    expect((await sweep()).started).toBe(1);
    expect(h.fake.callsTo('conversations.open').at(-1)?.body.users).toBe('URAY,USUE');
    const card = ephemeralsTo('URAY').at(-1)!;
    expect(card.body.channel).toBe('GURAYUSUE');
    expect(cardOf(card).text).toContain('You interview <@USUE>');
  });

  it('tells a member in a direct message that nobody came within the wait', async () => {
    await coach('pair', 'UTOM');
    clock.advance(h.coach.pairing.waitMinutes * 60_000);
    expect((await sweep()).expired).toBe(1);
    const dm = h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'DUTOM');
    expect(dm?.body.text).toBe(pairMessages.expired(h.coach.pairing.waitMinutes));
    const [left] = await coach('pair cancel', 'UTOM');
    expect(textOf(left!)).toBe(wording.pairNotWaiting());
  });
});
