import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import {
  getOperationAST,
  GraphQLError,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { OperationSocket } from './socket-writer';
import { createSharedSubscribe } from './subscription-execution';
import type { Config } from '../config';
import type { Viewer } from '../common/auth';
import { OperationCancelledError, operationAbort, raceAbort, type OperationAbort } from '../common/abort';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Context, LiveSocket } from '../context';
import type { DatabaseState } from '../db/connect';
import type { Metrics } from '../observability/metrics';
import { createClientAddress } from '../security/http';
import { CloseCode } from '../realtime/close-codes';
import { ExecutionGateFullError, type ExecutionGate } from '../security/execution-gate';
import type { OperationGuard } from '../security/operation-guard';
import { createWsGuard } from '../security/ws-guard';

type FormatError = (formatted: GraphQLFormattedError, error: unknown, requestId?: string) => GraphQLFormattedError;

/** A GraphQL operation running on a socket (a graphql-ws `subscribe` message, not a business Operation). */
interface RunningGraphqlOperation {
  /** Masked errors and logs name it. */
  requestId: string;
  /** True for a subscription, false for a query or mutation sent over the socket. */
  subscription: boolean;
  socket: OperationSocket;
  /**
   * A query's or mutation's cancellation (Context.signal): its deadline, aborted when the socket
   * closes. None for a subscription: each event's execution has its own (see subscription-execution),
   * and an idle subscriber should not hold one.
   */
  abort?: OperationAbort;
}

type Extra = {
  viewer?: Viewer | null;
  expiryTimer?: NodeJS.Timeout;
  ip?: string;
  /** Each running GraphQL operation by its graphql-ws message id. */
  graphqlOperations?: Map<string, RunningGraphqlOperation>;
};

export interface WsDeps {
  config: Config;
  schema: GraphQLSchema;
  guard: OperationGuard;
  logger: Logger;
  metrics: Metrics;
  formatError: FormatError;
  database: () => DatabaseState | null;
  draining: () => boolean;
  viewerFrom: (header: string | undefined) => Promise<Viewer | null>;
  createContext: (viewer: Viewer | null, requestId: string, socket: LiveSocket, signal: AbortSignal | undefined) => Context;
  /** Executes an operation or a subscription event (the app's executor: graphql-jit plans or graphql-js, see transport/executor). */
  execute: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
  /** The execution gate queries and mutations share with HTTP (mutations never wait in it; subscription events do not pass it). */
  gate: ExecutionGate;
}

/**
 * A request id (a UUID) as one flat string. randomUUID() builds it from ~15 concatenated pieces,
 * which V8 keeps as they are: ~450 bytes per subscription, held for its whole life.
 */
function flatRequestId(): string {
  return Buffer.from(randomUUID(), 'latin1').toString('latin1');
}

/**
 * A query or mutation over the socket, after its turn in the execution gate (a mutation takes its
 * place at once): its result, or an error result (SERVICE_UNAVAILABLE naming the deadline) as soon
 * as its signal aborts. The work stops at its next check of the signal; the
 * socket and its other operations go on.
 */
function executeWithDeadline(
  execute: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>,
  args: ExecutionArgs,
  gate: ExecutionGate,
): Promise<ExecutionResult> {
  const signal = (args.contextValue as Context | undefined)?.signal;
  // Its turn in the execution gate first when it has a limit, as over HTTP; the wait counts against the deadline.
  const work =
    gate.max > 0
      ? gate.enter(signal, { wait: getOperationAST(args.document, args.operationName)?.operation !== 'mutation' }).then(
          async (leave) => {
            try {
              return await execute(args);
            } finally {
              leave();
            }
          },
          // The queue is full: an error result at once, as over HTTP (there a 503).
          (error: unknown): ExecutionResult => {
            if (error instanceof ExecutionGateFullError) return { errors: [error] };
            throw error;
          },
        )
      : new Promise<ExecutionResult>((resolve) => resolve(execute(args)));
  if (!signal) return work;
  return raceAbort(work, signal, (reason) => ({
    errors: [reason instanceof GraphQLError ? reason : new OperationCancelledError()],
  }));
}

function refuse(message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError[] {
  return [new GraphQLError(message, { extensions: { code, ...extensions } })];
}

/**
 * The WebSocket side (graphql-ws on /graphql, same port). graphql-ws bypasses Apollo, so every
 * check of the HTTP path is applied here too, through `onSubscribe`: the same parse (token limit),
 * validation (specified rules, static limits, introspection off in production), cost, rate limit
 * and error masking. On top: Origin allow-list and per-IP cap at upgrade, per-principal cap at
 * connection_init, operations per socket, messages per second, maxPayload, keep-alive pings.
 */
export function attachWebSocket(server: Server, deps: WsDeps) {
  const { config, guard, metrics } = deps;
  const limits = config.hardening.ws;
  const wsGuard = createWsGuard(limits);
  const clientAddress = createClientAddress(config.hardening.trustProxy);
  // No compression: OperationSocket writes live results to the TCP socket itself, which keeps their
  // order with ws's own messages only because ws then never queues a message (see socket-writer).
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, perMessageDeflate: false });
  /** Each WebSocket's TCP socket, as its upgrade handed it to ws (OperationSocket writes pre-built frames to it). */
  const tcpSockets = new WeakMap<WebSocket, Duplex>();
  const contexts = new Set<{ subscriptions: Record<string, unknown> }>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ip = clientAddress.of(req);
    const refusal =
      url.pathname !== '/graphql'
        ? { status: 404, text: 'Not Found', reason: 'path' as const }
        : deps.draining()
          ? { status: 503, text: 'Service Unavailable', reason: 'draining' as const }
          : wsGuard.checkUpgrade(req, ip);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      metrics.refused.inc({ reason: 'WS_UPGRADE', detail: refusal.reason });
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      tcpSockets.set(ws, socket);
      wsGuard.attach(ws, ip);
      ws.once('close', countClose);
      wss.emit('connection', ws, req);
      // graphql-ws prints a socket's error (an oversized or malformed frame) to stderr with its stack;
      // ws has already closed the socket with the matching code (1009 too big, 1002 protocol error).
      ws.removeAllListeners('error');
      ws.on('error', socketError);
    });
  });

  // Declared outside the upgrade handler: a listener created in there would keep the upgrade
  // request (headers, buffers) alive as long as the socket.
  function socketError(this: WebSocket, error: Error & { code?: string }): void {
    deps.logger.warn({ code: error.code ?? null, reason: error.message }, 'websocket frame refused; socket closed');
    if (this.readyState === this.OPEN) this.close(1011, 'Internal server error');
  }

  function countClose(code: number): void {
    metrics.wsClosed.inc({ code: String(code) });
    if (code === CloseCode.SlowConsumer) metrics.eventsDropped.inc({ reason: 'slow_consumer' });
  }

  metrics.setWebSocketSource(() => {
    let subscriptions = 0;
    for (const ctx of contexts) subscriptions += Object.keys(ctx.subscriptions).length;
    return { connections: wss.clients.size, subscriptions };
  });

  // Each event is executed once per group of identical subscriptions, not once per subscriber, and
  // live results are written straight to the sockets (counted here, once per event, not via onNext).
  // Each event's execution has the deadline of a query (OPERATION_TIMEOUT_MS); the subscription itself has none.
  const shared = createSharedSubscribe({
    onDelivered: (count) => metrics.eventsDelivered.inc(count),
    maxDocumentsPerStream: config.hardening.limits.maxDocumentsPerStream,
    operationTimeoutMs: config.hardening.operationTimeoutMs,
    maxWaitingExecutions: config.realtime.eventExecutionBacklog,
    onRefused: () => metrics.eventsDropped.inc({ reason: 'server_backlog' }),
    execute: deps.execute,
  });
  const closer = useServer<Record<string, unknown>, Extra>(
    {
      schema: deps.schema,
      subscribe: shared.subscribe,
      execute: (args) => executeWithDeadline(deps.execute, args, deps.gate),
      onConnect: async (ctx) => {
        ctx.extra.ip = clientAddress.of(ctx.extra.request);
        // Nothing reads the upgrade request after this: let it go instead of holding it per socket.
        (ctx.extra as { request?: unknown }).request = undefined;
        ctx.extra.graphqlOperations = new Map();
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        let viewer: Viewer | null = null;
        if (raw !== undefined) {
          try {
            viewer = await deps.viewerFrom(String(raw));
          } catch (error) {
            // 4403 as graphql-ws's refusal, with the reason (no expiry, lifetime too long …) as the close
            // reason; a close reason is at most 123 bytes.
            const reason = Buffer.from(`UNAUTHENTICATED: ${(error as Error).message}`)
              .subarray(0, 123)
              .toString()
              .replace(/\uFFFD$/, '');
            ctx.extra.socket.close(CloseCode.TokenExpired, reason);
            return false;
          }
        }
        if (viewer && !wsGuard.admitPrincipal(ctx.extra.socket, `sub:${viewer.subject}`)) return false;
        ctx.extra.viewer = viewer;
        // The token has been verified into `viewer`; do not keep it (and its object) for the socket's life.
        (ctx as { connectionParams?: unknown }).connectionParams = undefined;
        if (viewer?.expiresAt) {
          // Authorised for the whole life of the stream: close the socket the moment the token expires.
          const ms = Math.max(0, viewer.expiresAt * 1000 - Date.now());
          ctx.extra.expiryTimer = setTimeout(
            () => ctx.extra.socket.close(CloseCode.TokenExpired, 'Token expired'),
            Math.min(ms, 2 ** 31 - 1),
          );
          ctx.extra.expiryTimer.unref();
        }
        contexts.add(ctx as unknown as { subscriptions: Record<string, unknown> });
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiryTimer);
        // What still runs for this socket stops at its next check: nobody is left to answer.
        for (const running of ctx.extra.graphqlOperations?.values() ?? [])
          running.abort?.abort(new OperationCancelledError('the socket closed'));
        contexts.delete(ctx as unknown as { subscriptions: Record<string, unknown> });
      },
      onSubscribe: async (ctx, id, payload) => {
        const socket = ctx.extra.socket;
        if (socket.readyState !== socket.OPEN) return refuse('The socket is closing', 'BAD_REQUEST');
        if (!deps.database()?.ready) return refuse('The database is not available yet; retry shortly', ErrorCode.ServiceUnavailable);
        const running = Object.keys(ctx.subscriptions).length;
        if (wsGuard.tooManyOperations(running)) {
          metrics.refused.inc({ reason: ErrorCode.TooManySubscriptions, detail: 'ws' });
          return refuse(
            `This socket already runs ${limits.maxSubscriptionsPerSocket} operations, the maximum`,
            ErrorCode.TooManySubscriptions,
            { max: limits.maxSubscriptionsPerSocket },
          );
        }
        const prepared = guard.prepare(payload.query);
        if (!prepared.document) return [...prepared.errors];
        const operationDefinition = guard.operationDefinitionOf(prepared.document, payload.operationName);
        if (!operationDefinition)
          return refuse('Unable to identify the operation to run (name it with operationName)', 'OPERATION_RESOLUTION_FAILURE');
        const badVariables = guard.checkVariables(operationDefinition, payload.variables);
        if (badVariables) return badVariables;
        const viewer = ctx.extra.viewer ?? null;
        // A new distinct document on a stream that has its maximum of them (identical ones share: they pass).
        const crowded =
          operationDefinition.operation === 'subscription'
            ? shared.documentRefusal({
                schema: deps.schema,
                document: prepared.document,
                operationName: payload.operationName,
                variableValues: payload.variables,
                roles: viewer?.roles,
              })
            : null;
        if (crowded) {
          metrics.refused.inc({ reason: 'TOO_MANY_SUBSCRIPTION_DOCUMENTS', detail: 'ws' });
          return [crowded];
        }
        const { error, cost } = await guard.admit({
          document: prepared.document,
          operationDefinition,
          variables: payload.variables,
          principal: viewer ? `sub:${viewer.subject}` : `ip:${ctx.extra.ip ?? 'unknown'}`,
        });
        // A refusal is an `error` message: the cost report rides in the error's extensions.
        if (error) return [new GraphQLError(error.message, { extensions: { ...error.extensions, cost } })];
        const requestId = flatRequestId();
        const operationSocket = new OperationSocket(socket, id, cost, tcpSockets.get(socket) ?? null, config.realtime.maxBufferedBytes);
        const subscription = operationDefinition.operation === 'subscription';
        // A query or mutation has the HTTP deadline; a subscription runs until completed, each event with its own (see subscription-execution).
        const abort = subscription ? undefined : operationAbort(config.hardening.operationTimeoutMs);
        ctx.extra.graphqlOperations?.set(id, { requestId, subscription, socket: operationSocket, abort });
        return {
          schema: deps.schema,
          document: prepared.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: deps.createContext(viewer, requestId, operationSocket, abort?.signal),
        };
      },
      onComplete: (ctx, id) => {
        ctx.extra.graphqlOperations?.get(id)?.abort?.dispose();
        ctx.extra.graphqlOperations?.delete(id);
      },
      // graphql-ws does not run Apollo's formatError: apply the same masking here. Live results
      // without errors skip this hook (written directly, see socket-writer); errored ones come here.
      onNext: (ctx, id, _payload, _args, result) => {
        const running = ctx.extra.graphqlOperations?.get(id);
        if (running?.subscription) metrics.eventsDelivered.inc();
        const cost = running?.socket.takeCost();
        const extensions = cost ? { ...result.extensions, cost } : result.extensions;
        if (!result.errors?.length) return cost ? { ...result, extensions } : undefined;
        const requestId = running?.requestId;
        return {
          ...result,
          extensions,
          errors: result.errors.map((e) => {
            metrics.errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), transport: 'ws' });
            return deps.formatError(e.toJSON(), e, requestId);
          }),
        };
      },
      // onError carries refusals, parse and validation failures (graphql-js leaves the latter without a code).
      onError: (ctx, id, _payload, errors) => {
        const requestId = ctx.extra.graphqlOperations?.get(id)?.requestId;
        return errors.map((e) => {
          const code = String(e.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED');
          metrics.errors.inc({ code, transport: 'ws' });
          return deps.formatError({ ...e.toJSON(), extensions: { ...e.extensions, code } }, e, requestId);
        }) as never;
      },
    },
    wss,
    limits.keepAliveMs,
  );

  return {
    /** Sends 1001 Going Away to every client, waits up to `graceMs` for the close handshakes, then cuts what is left. */
    async close(graceMs = 1000): Promise<void> {
      const all = [...wss.clients];
      const closed = Promise.all(
        all.map((ws) => (ws.readyState === ws.CLOSED ? null : new Promise((resolve) => ws.once('close', resolve)))),
      );
      const disposed = closer.dispose();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      for (const ws of wss.clients) ws.terminate();
      for (const ws of all) ws.terminate();
      await Promise.resolve(disposed).catch(() => undefined);
    },
  };
}
