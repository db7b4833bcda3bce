import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Viewer } from './common/auth';
import { Loaders } from './common/loaders';
import type { Config } from './config';
import type { Services } from './modules';
import type { NodeTarget } from './modules/module';
import type { LiveSocket } from './realtime/live-socket';

export type { LiveSocket };

/** Everything a resolver may use. Built per HTTP request and per WebSocket operation. */
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
   * Fresh loaders and a fresh "now" for the next piece of work on a long-lived context (each event
   * of a subscription): rows cached for an earlier event must not leak into a later one.
   */
  renew(): void;
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
}): Context {
  const context: Context = {
    requestId: args.requestId ?? randomUUID(),
    viewer: args.viewer,
    loaders: new Loaders(args.dataSource, args.nodeTypes),
    services: args.services,
    config: args.config,
    now: args.now ?? new Date(),
    socket: args.socket,
    clientIp: args.clientIp,
    renew() {
      context.loaders = new Loaders(args.dataSource, args.nodeTypes);
      context.now = new Date();
    },
  };
  return context;
}
