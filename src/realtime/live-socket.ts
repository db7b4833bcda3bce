/**
 * What a live stream may do to the socket of its subscription (one per WebSocket operation). The
 * transport implements it; realtime code sees only this.
 */
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
