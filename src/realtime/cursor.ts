import { badInput } from '../common/errors';

/** What a live event cursor says: the stream position, and the database incarnation it was issued in. */
export interface EventCursor {
  seq: number;
  /** The database incarnation (db/incarnation.ts) of an `ev2` cursor; null for an older `ev1` one. */
  incarnation: string | null;
}

/**
 * Event cursors are opaque: base64url("ev2:<stream>:<incarnation>:<seq>"), or the older
 * base64url("ev1:<stream>:<seq>") when no incarnation is known. Sequence numbers are only
 * meaningful within one incarnation: a restore gives the database a new one.
 */
export function encodeEventCursor(streamKey: string, seq: number, incarnation: string | null = null): string {
  const raw = incarnation === null ? `ev1:${streamKey}:${seq}` : `ev2:${streamKey}:${incarnation}:${seq}`;
  return Buffer.from(raw, 'utf8').toString('base64url');
}

/**
 * Decodes an `ev2` or `ev1` cursor; BAD_USER_INPUT when malformed or from another stream than
 * `expectedStream`. Whether its incarnation is the database's is the caller's check.
 */
export function decodeEventCursor(cursor: string, expectedStream: string): EventCursor {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const v2 = /^ev2:(.+):([0-9a-f]{16}):(\d{1,15})$/.exec(raw);
  const v1 = v2 ? null : /^ev1:(.+):(\d{1,15})$/.exec(raw);
  if (!v2 && !v1) throw badInput('after', 'is not a valid event cursor');
  const stream = v2 ? v2[1] : v1![1];
  if (stream !== expectedStream) throw badInput('after', 'belongs to another stream than this subscription');
  return v2 ? { seq: Number(v2[3]), incarnation: v2[2] } : { seq: Number(v1![2]), incarnation: null };
}
