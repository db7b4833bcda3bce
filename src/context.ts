import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Viewer } from './common/auth';
import { Loaders } from './common/loaders';
import type { Config } from './config';
import type { Services } from './services';

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
}

/** What a live stream may do to its socket (one per WebSocket operation). */
export interface LiveSocket {
  close(code: number, reason: string): void;
  readonly bufferedAmount: number;
  /**
   * Writes this operation's graphql-ws `next` message around a payload that is already JSON (one
   * string shared by every subscriber of the same result). Returns false, writing nothing, once the
   * socket is no longer open.
   */
  sendNext(payloadJson: string): boolean;
}

export function createContext(args: {
  dataSource: DataSource;
  services: Services;
  config: Config;
  viewer: Viewer | null;
  requestId?: string;
  now?: Date;
  socket?: LiveSocket;
  clientIp?: string;
}): Context {
  return {
    requestId: args.requestId ?? randomUUID(),
    viewer: args.viewer,
    loaders: new Loaders(args.dataSource),
    services: args.services,
    config: args.config,
    now: args.now ?? new Date(),
    socket: args.socket,
    clientIp: args.clientIp,
  };
}
