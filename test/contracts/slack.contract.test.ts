import { createSlackAdapter } from '../../adapters/slack/index.ts';
import { createCoach } from '../../src/core/coach.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import {
  FakeSlackServer,
  type SlackCall,
  SlackRequests,
  type ThreadReplyOptions,
} from '../fakes/slack-server.ts';
import { buttonsOf, textOf, valuesOf } from '../slack/harness.ts';
import {
  type ContractDriver,
  type ContractSetup,
  errorRecordingLogger,
  runAdapterContract,
  type Shown,
  type Who,
} from './adapter.contract.ts';

const signingSecret = 'contract-signing-secret';
const channel = 'C-contract';
const users: Record<Who, string> = { owner: 'U-owner', other: 'U-other' };

let stores = 0;

/** The real Bolt app over HTTP (requests return once handled) against the fake Slack. */
async function openSlack({ pack, feedback }: ContractSetup): Promise<ContractDriver> {
  const fake = await FakeSlackServer.start();
  const clock = new ManualClock();
  const store = await CoachStore.open({
    url: 'memory://',
    cwd: process.cwd(),
    clock,
    prefix: `slack-contract-${++stores}`,
  });
  const logger = errorRecordingLogger();
  const coach = createCoach({
    store,
    packs: new Map([[pack.id, pack]]),
    feedback,
    clock,
    logger,
    random: () => 0,
  });
  const adapter = createSlackAdapter({
    coach,
    logger,
    botToken: 'xoxb-contract',
    signingSecret,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    instructors: [],
    processBeforeResponse: true,
    clientRetries: 0,
    botUserId: 'UBOT',
  });
  const { port } = await adapter.start();
  const requests = new SlackRequests(`http://127.0.0.1:${port}/slack/events`, signingSecret);
  let responses = 0;
  let events = 0;
  let lastAnswer: ThreadReplyOptions | null = null;
  const responseUrl = (who: Who) => fake.responseUrl(`${who}-${++responses}`);

  const posts = () => fake.callsTo('chat.postMessage');
  const questions = () => posts().filter((call) => buttonsOf(call).includes('starcoach:skip'));
  /** The session's thread: the newest question that opened one. */
  const thread = () => {
    const opener = questions().findLast((call) => call.body.thread_ts === undefined);
    if (!opener) throw new Error('no session thread in the fake Slack');
    return String(opener.result.ts);
  };

  function shownOf(call: SlackCall): string {
    const edits = fake.callsTo('chat.update').filter((edit) => edit.body.ts === call.result.ts);
    return textOf(edits.at(-1) ?? call);
  }

  return {
    async start() {
      await requests.command('/coach', `start ${pack.id}`, {
        user: users.owner,
        channel,
        responseUrl: responseUrl('owner'),
      });
    },
    async answer(text) {
      lastAnswer = {
        user: users.owner,
        channel,
        thread: thread(),
        text,
        eventId: `Ev-contract-${++events}`,
        ts: `1800000000.${String(events).padStart(6, '0')}`,
      };
      await requests.reply(lastAnswer);
    },
    async answerAgain() {
      if (!lastAnswer) throw new Error('nothing answered yet');
      await requests.reply({ ...lastAnswer, retryNum: 1 });
    },
    async press(action, options = {}) {
      const all = questions();
      const question = options.question === 'first' ? all[0] : all.at(-1);
      if (!question) throw new Error('no question to press a button under');
      const actionId = `starcoach:${action}`;
      const value = valuesOf(question)[buttonsOf(question).indexOf(actionId)];
      await requests.action(actionId, {
        user: users[options.as ?? 'owner'],
        channel,
        responseUrl: responseUrl(options.as ?? 'owner'),
        message: { ts: String(question.result.ts), thread_ts: thread() },
        ...(value ? { value } : {}),
      });
    },
    refuse(kind, times) {
      fake.fail(kind === 'post' ? 'chat.postMessage' : 'chat.update', { status: 500 }, times);
    },
    shown(who = 'owner') {
      const items: (Shown & { seq: number })[] = [
        ...posts().map((call) => ({
          key: String(call.result.ts),
          text: shownOf(call),
          private: false,
          seq: call.seq,
        })),
        ...fake
          .callsTo('chat.postEphemeral')
          .filter((call) => call.body.user === users[who])
          .map((call) => ({
            key: `ephemeral-${call.seq}`,
            text: textOf(call),
            private: true,
            seq: call.seq,
          })),
        ...fake.responses
          .filter((response) => response.id.startsWith(`${who}-`))
          .map((response) => ({
            key: `respond-${response.seq}`,
            text: textOf(response),
            private: true,
            seq: response.seq,
          })),
      ];
      return items.sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...shown }) => shown);
    },
    errors: () => [...logger.errors],
    async close() {
      requests.close();
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}

runAdapterContract({ name: 'Slack', open: openSlack });
