import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  webApi,
} from '@slack/bolt';
import type { Coach, InboundEvent, Logger } from '../../src/index.ts';
import { answerForget, type CommandContext, reportCommandFailure, runOwnCommand } from './commands.ts';
import { SlackOutbox, type SlackReplyTarget } from './outbox.ts';
import { forgetCancelId, forgetConfirmId, homeView } from './render-views.ts';
import type { RoleResolver } from './roles.ts';
import { slackErrorCode } from './slack-errors.ts';
import {
  buttonToEvent,
  messageToEvent,
  parseCoachCommand,
  type SlackMessage,
  slackActor,
  type TenantSource,
} from './to-event.ts';

export interface ListenerDeps {
  coach: Coach;
  logger: Logger;
  roles: RoleResolver;
  /** Runs work after the ack and keeps it counted, so stop() can wait for it. */
  track: (work: () => Promise<void>) => Promise<void>;
  streamIntervalMs: number;
}

type Route = Pick<
  SlackReplyTarget,
  'channel' | 'user' | 'thread' | 'respond' | 'privateVia' | 'dropNoSession'
>;
type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;
type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;

/**
 * Every listener acks first (Slack allows 3 seconds; Bolt acks events itself) and only then hands the
 * event to the core: grading takes far longer, and Slack re-sends an event whose ack is late.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command('/coach', (args) => onCoach(args, deps));
  app.command('/drill', (args) => onDrill(args, deps));
  app.event('message', (args) => onMessage(args, deps));
  app.event('app_home_opened', (args) => onHomeOpened(args, deps));
  app.action(/^starcoach:/, (args) => onButton(args, deps));
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
    const ctx = commandContext(deps, client, respond, context, command.user_id);
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
  const inbound = messageToEvent(event as SlackMessage, body.event_id, context);
  if (!inbound) return;
  const route: Route = {
    channel: inbound.place.channel,
    user: inbound.actor.user,
    thread: inbound.place.thread,
    privateVia: 'ephemeral',
    dropNoSession: true,
  };
  await deps.track(() => handle(deps, inbound, client, route));
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
  if (action.action_id === forgetConfirmId || action.action_id === forgetCancelId) {
    const ctx = commandContext(deps, client, respond, context, body.user.id);
    await answerForget(action.action_id === forgetConfirmId, ctx).catch((error: unknown) =>
      reportCommandFailure(error, ctx),
    );
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
  const { channel, thread } = event.place;
  const route: Route = {
    channel,
    user: body.user.id,
    thread,
    respond,
    privateVia: 'ephemeral',
    dropNoSession: false,
  };
  await handle(deps, event, client, route);
}

/** Slash commands answer privately through response_url: it works even where the bot cannot post. */
function commandRoute(channel: string, user: string, respond: RespondFn): Route {
  return { channel, user, respond, privateVia: 'respond', dropNoSession: false };
}

function commandContext(
  deps: ListenerDeps,
  client: webApi.WebClient,
  respond: RespondFn,
  source: TenantSource,
  user: string,
): CommandContext {
  return { coach: deps.coach, client, respond, source, user, roles: deps.roles, logger: deps.logger };
}
