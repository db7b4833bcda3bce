import { badInput } from '../common/errors';

/** Event cursors are opaque: base64url("ev1:<stream>:<seq>"). */
export function encodeEventCursor(streamKey: string, seq: number): string {
  return Buffer.from(`ev1:${streamKey}:${seq}`, 'utf8').toString('base64url');
}

/** Decodes a cursor; BAD_USER_INPUT when malformed or from another stream than `expectedStream`. */
export function decodeEventCursor(cursor: string, expectedStream: string): number {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^ev1:(.+):(\d{1,15})$/.exec(raw);
  if (!match) throw badInput('after', 'is not a valid event cursor');
  if (match[1] !== expectedStream) throw badInput('after', 'belongs to another stream than this subscription');
  return Number(match[2]);
}
