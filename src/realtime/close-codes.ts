/**
 * The WebSocket close codes opsgraph sends, in one place: the live iterator cuts subscribers off
 * with them, the WebSocket guard and transport close sockets with them, metrics count them. Besides
 * these, graphql-ws sends its own: 4400 bad request or bad JSON, 4401 subscribe before ack, 4403
 * forbidden, 4408 no connection_init in time, 4409 duplicate id, 4429 double init, 4500 internal.
 */
export const CloseCode = {
  /** Server shutting down (or restarting): reconnect, to this or another instance, and resume with cursors. */
  GoingAway: 1001,
  /** A frame larger than WS_MAX_PAYLOAD_BYTES (sent by `ws` itself). */
  MessageTooBig: 1009,
  /** The subscriber stopped reading (too many unread events, or a full send buffer); resume with the last cursor. */
  SlowConsumer: 4008,
  /** More than WS_MAX_MESSAGES_PER_SECOND messages in a second. */
  TooManyMessages: 4029,
  /** More than WS_MAX_CONNECTIONS_PER_PRINCIPAL sockets for this token subject. */
  TooManyConnections: 4030,
  /** The token expired during the stream (also graphql-ws's "Forbidden" for a refused connection_init). */
  TokenExpired: 4403,
} as const;

/** One of the close codes above. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
