import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { NEVER_ABORTED } from './common/abort';
import type { Viewer } from './common/auth';
import { Loaders } from './common/loaders';
import type { Config } from './config';
import type { Services } from './modules';
import type { NodeTarget } from './modules/module';
import type { LiveSocket } from './realtime/live-socket';

export type { LiveSocket };

/**
 * Everything a resolver may use. Built per HTTP request and per WebSocket operation; a subscription
 * runs its subscribe phase and each event on a `renewed()` copy of its operation's, which the
 * transport builds (see transport/subscription-execution): resolvers never renew anything.
 */
export interface Context {
  requestId: string;
  viewer: Viewer | null;
  loaders: Loaders;
  services: Services;
  config: Config;
  /** The WebSocket of a subscription (absent on HTTP): lets a stream cut off a slow consumer. */
  socket?: LiveSocket;
  /** "Now" for this request, read once, so every default window in one response is the same window. */
  now: Date;
  /** The caller's address on HTTP (rate limits of anonymous callers are per address). */
  clientIp?: string;
  /**
   * Aborts when this operation must stop: at its deadline (OPERATION_TIMEOUT_MS) or when its client
   * goes away. A subscription's own never aborts; each event's execution has one with its own
   * deadline. `loaders.signal` is the same signal: services get it through the loaders (see common/abort).
   */
  signal: AbortSignal;
  /**
   * A new context for one piece of work of this long-lived one (the subscribe phase and each event
   * of a subscription; the transport builds them, resolvers never need to): the same viewer,
   * services, config, request id, socket and client address; fresh loaders, so rows cached for an
   * earlier event never leak into a later one; and `now`, or the current time when not given; and
   * `signal`, or this context's when not given (an event's execution has a deadline of its own).
   */
  renewed(now?: Date, signal?: AbortSignal): Context;
}

/**
 * A class, not an object of closures: a subscription builds one per event (per group of identical
 * subscriptions, see transport/subscription-execution), so it stays one small object.
 */
class RequestContext implements Context {
  readonly loaders: Loaders;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nodeTypes: Readonly<Record<string, NodeTarget>> | undefined,
    readonly requestId: string,
    readonly viewer: Viewer | null,
    readonly services: Services,
    readonly config: Config,
    readonly now: Date,
    readonly socket: LiveSocket | undefined,
    readonly clientIp: string | undefined,
    readonly signal: AbortSignal,
  ) {
    this.loaders = new Loaders(dataSource, nodeTypes, signal);
  }

  renewed(now: Date = new Date(), signal: AbortSignal = this.signal): Context {
    const { dataSource, nodeTypes, requestId, viewer, services, config, socket, clientIp } = this;
    return new RequestContext(dataSource, nodeTypes, requestId, viewer, services, config, now, socket, clientIp, signal);
  }
}

export function createContext(args: {
  dataSource: DataSource;
  /** Global-ID type name → entity, for `node(id:)` (NODE_TYPES of every module). */
  nodeTypes?: Readonly<Record<string, NodeTarget>>;
  services: Services;
  config: Config;
  viewer: Viewer | null;
  requestId?: string;
  now?: Date;
  socket?: LiveSocket;
  clientIp?: string;
  /** The operation's cancellation (see Context.signal); none when not given. */
  signal?: AbortSignal;
}): Context {
  return new RequestContext(
    args.dataSource,
    args.nodeTypes,
    args.requestId ?? randomUUID(),
    args.viewer,
    args.services,
    args.config,
    args.now ?? new Date(),
    args.socket,
    args.clientIp,
    args.signal ?? NEVER_ABORTED,
  );
}
