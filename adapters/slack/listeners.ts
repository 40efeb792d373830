import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  webApi,
} from '@slack/bolt';
import type { Coach, InboundEvent, Logger, PairRooms } from '../../src/index.ts';
import { answerForget, type CommandContext, reportCommandFailure, runOwnCommand } from './commands.ts';
import { SlackOutbox, type SlackReplyTarget } from './outbox.ts';
import { pressPairButton } from './pair-commands.ts';
import { answerInPairSpace, groupMessageText, onUserChange } from './pair-events.ts';
import { completeFiles, type SlackFileAccess, slackAudioClip } from './recordings.ts';
import { answerModal } from './render-drills.ts';
import { decodePairAction, pairActionPrefix } from './render-pairing.ts';
import { forgetCancelId, forgetConfirmId, homeView, textMessage } from './render-views.ts';
import type { RoleResolver } from './roles.ts';
import { slackErrorCode, slackErrorText } from './slack-errors.ts';
import {
  answerModalId,
  answerPrivatelyId,
  buttonToEvent,
  decodeButtonValue,
  isThreadReply,
  messageToEvent,
  parseCoachCommand,
  type SlackMessage,
  slackActor,
  type TenantSource,
  unescapeSlack,
  viewToEvent,
} from './to-event.ts';

export interface ListenerDeps {
  coach: Coach;
  logger: Logger;
  roles: RoleResolver;
  /** Runs work after the ack and keeps it counted, so stop() can wait for it. */
  track: (work: () => Promise<void>) => Promise<void>;
  streamIntervalMs: number;
  /** How recordings posted as answers are downloaded (Slack's hosts); the token is the event's workspace's. */
  files: Omit<SlackFileAccess, 'botToken'>;
  /** Peer sessions' group DMs, by the workspace's own bot. */
  pairRooms: PairRooms;
}

type Route = Pick<SlackReplyTarget, 'channel' | 'user' | 'thread' | 'respond' | 'privateVia'>;
type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;
type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

/**
 * Every listener acks first (Slack allows 3 seconds; Bolt acks events itself) and only then hands the
 * event to the core: grading takes far longer, and Slack re-sends an event whose ack is late.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command('/coach', (args) => onCoach(args, deps));
  app.command('/drill', (args) => onDrill(args, deps));
  app.event('message', (args) => onMessage(args, deps));
  app.event('app_home_opened', (args) => onHomeOpened(args, deps));
  app.event('user_change', (args) => deps.track(() => onUserChange(args, deps)));
  app.action(/^starcoach:/, (args) => onButton(args, deps));
  app.view({ callback_id: answerModalId, type: 'view_submission' }, (args) => onAnswerSubmitted(args, deps));
}

function handle(deps: ListenerDeps, event: InboundEvent, client: webApi.WebClient, route: Route) {
  const outbox = new SlackOutbox({
    client,
    logger: deps.logger,
    streamIntervalMs: deps.streamIntervalMs,
    ...route,
  });
  return deps.coach.handle(event, outbox);
}

async function onCoach({ ack, command, client, respond, context }: CommandArgs, deps: ListenerDeps) {
  await ack();
  await deps.track(async () => {
    const parsed = parseCoachCommand(command.text, [...deps.coach.packs.keys()]);
    const ctx = commandContext(deps, client, respond, context, command.user_id, command.channel_id);
    try {
      if (parsed.kind !== 'start') return await runOwnCommand(parsed, ctx);
      const event: InboundEvent = {
        deliveryId: `command:${command.trigger_id}`,
        actor: slackActor(context, command.user_id),
        place: { channel: command.channel_id },
        type: 'session-start',
        options: parsed.options,
      };
      await handle(deps, event, client, commandRoute(command.channel_id, command.user_id, respond));
    } catch (error) {
      await reportCommandFailure(error, ctx);
    }
  });
}

async function onDrill({ ack, command, client, respond, context }: CommandArgs, deps: ListenerDeps) {
  await ack();
  const event: InboundEvent = {
    deliveryId: `command:${command.trigger_id}`,
    actor: slackActor(context, command.user_id),
    place: { channel: command.channel_id },
    type: 'drill-start',
  };
  await deps.track(() =>
    handle(deps, event, client, commandRoute(command.channel_id, command.user_id, respond)),
  );
}

async function onMessage({ event, body, client, context }: MessageArgs, deps: ListenerDeps) {
  const message = event as SlackMessage;
  if (groupMessageText(message) !== null) {
    // Top-level group DM messages are only ever peer-session answers; anything else there is not ours.
    await deps.track(async () => {
      await answerInPairSpace(message, body.event_id, context, client, deps);
    });
    return;
  }
  if (!isThreadReply(message)) return;
  await deps.track(async () => {
    // Some events name a file and nothing else: files.info says whether it is a recording.
    const files = message.files?.length ? await completeFiles(message.files, client, deps.logger) : undefined;
    const access: SlackFileAccess = { ...deps.files, botToken: context.botToken ?? '' };
    const inbound = messageToEvent(files ? { ...message, files } : message, body.event_id, context, (file) =>
      slackAudioClip(file, access),
    );
    if (!inbound) return;
    const route: Route = {
      channel: inbound.place.channel,
      user: inbound.actor.user,
      thread: inbound.place.thread,
      privateVia: 'ephemeral',
    };
    await handle(deps, inbound, client, route);
  });
}

async function onHomeOpened({ event, client, context }: HomeArgs, deps: ListenerDeps) {
  if (event.tab !== 'home') return;
  await deps.track(async () => {
    try {
      const report = await deps.coach.progress(slackActor(context, event.user));
      await client.views.publish({ user_id: event.user, view: homeView(report) });
    } catch (error) {
      deps.logger.warn('slack-home-failed', { code: slackErrorCode(error) });
    }
  });
}

async function onButton({ ack, body, client, respond, context }: ActionArgs, deps: ListenerDeps) {
  await ack();
  if (body.type !== 'block_actions') return;
  await deps.track(() => pressButton(body, client, respond, context, deps));
}

async function pressButton(
  body: BlockAction,
  client: webApi.WebClient,
  respond: RespondFn,
  context: TenantSource,
  deps: ListenerDeps,
) {
  const action = body.actions[0] as ButtonAction | undefined;
  if (!action) return;
  const channel = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  if (action.action_id === forgetConfirmId || action.action_id === forgetCancelId) {
    const ctx = commandContext(deps, client, respond, context, body.user.id, channel ?? '');
    await answerForget(action.action_id === forgetConfirmId, ctx).catch((error: unknown) =>
      reportCommandFailure(error, ctx),
    );
    return;
  }
  if (action.action_id.startsWith(pairActionPrefix)) {
    const pressed = decodePairAction(action.action_id, action.value);
    const ctx = commandContext(deps, client, respond, context, body.user.id, channel ?? '');
    if (pressed)
      await pressPairButton(pressed, ctx).catch((error: unknown) => reportCommandFailure(error, ctx));
    return;
  }
  if (action.action_id === answerPrivatelyId) {
    if (channel) await openAnswerModal(body, action, channel, client, respond, deps);
    return;
  }
  const press = {
    actionId: action.action_id,
    value: action.value,
    actionTs: action.action_ts,
    triggerId: body.trigger_id,
    user: body.user.id,
    channel: body.channel?.id,
    message: body.message as { ts: string; thread_ts?: string } | undefined,
    container: body.container as { message_ts?: string; channel_id?: string; thread_ts?: string },
  };
  const event = buttonToEvent(press, context);
  if (!event) return;
  const route: Route = {
    channel: event.place.channel,
    user: body.user.id,
    thread: event.place.thread,
    respond,
    privateVia: 'ephemeral',
  };
  await handle(deps, event, client, route);
}

/**
 * Answer privately: a modal with one input, opened at once (the trigger expires after 3 seconds). The
 * thread travels in the modal, so the answer lands in the drill's (or session's) thread.
 */
async function openAnswerModal(
  body: BlockAction,
  action: ButtonAction,
  channel: string,
  client: webApi.WebClient,
  respond: RespondFn,
  deps: ListenerDeps,
) {
  const message = body.message as { ts: string; thread_ts?: string; text?: string } | undefined;
  const thread = decodeButtonValue(action.value).thread ?? message?.thread_ts ?? message?.ts;
  // The drill post's own text is its question (escaped for mrkdwn, so unescaped before it is shown again).
  const question = message?.text ? unescapeSlack(message.text) : undefined;
  const view = answerModal(thread ? { channel, thread } : { channel }, question);
  try {
    await client.views.open({ trigger_id: body.trigger_id, view });
  } catch (error) {
    const code = slackErrorCode(error);
    deps.logger.warn('slack-modal-open-failed', { code });
    const [note] = textMessage(slackErrorText(code));
    await respond({ response_type: 'ephemeral', replace_original: false, ...note! }).catch(() => {});
  }
}

/** A private answer: the modal closes at once (the ack), then the answer is graded and shown to its author alone. */
async function onAnswerSubmitted({ ack, body, view, client, context }: ViewArgs, deps: ListenerDeps) {
  await ack();
  const event = viewToEvent(view, body.user.id, context);
  if (!event) return;
  const route: Route = {
    channel: event.place.channel,
    user: body.user.id,
    thread: event.place.thread,
    privateVia: 'ephemeral',
  };
  await deps.track(() => handle(deps, event, client, route));
}

/** Slash commands answer privately through response_url: it works even where the bot cannot post. */
function commandRoute(channel: string, user: string, respond: RespondFn): Route {
  return { channel, user, respond, privateVia: 'respond' };
}

function commandContext(
  deps: ListenerDeps,
  client: webApi.WebClient,
  respond: RespondFn,
  source: TenantSource,
  user: string,
  channel: string,
): CommandContext {
  const { coach, roles, logger, pairRooms } = deps;
  return { coach, client, respond, source, user, channel, roles, logger, pairRooms };
}
