import { MoreThan, type DataSource } from 'typeorm';
import type { UnitOfWork } from '../db/transaction';
import { EventStream, StoredEvent } from './event.entity';

/** What a writer appends to a stream inside its transaction. */
export interface NewEvent {
  type: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

/** An event as delivered to subscribers. */
export interface StreamEvent {
  streamKey: string;
  seq: number;
  type: string;
  subjectId: string;
  payload: Record<string, any>;
  createdAt: Date;
}

export function toStreamEvent(row: StoredEvent): StreamEvent {
  return { streamKey: row.streamKey, seq: row.seq, type: row.type, subjectId: row.subjectId, payload: JSON.parse(row.payload), createdAt: row.createdAt };
}

/**
 * Appends events to a stream inside the caller's transaction: locks the stream row, assigns the next
 * sequence numbers and inserts the events. Returns them with their sequence numbers; the caller
 * publishes them after commit.
 */
export async function appendEvents(uow: UnitOfWork, streamKey: string, events: NewEvent[], now: Date): Promise<StreamEvent[]> {
  if (events.length === 0) return [];
  const manager = uow.manager;
  const lockStream = () => {
    const qb = manager.getRepository(EventStream).createQueryBuilder('s').where('s.streamKey = :streamKey', { streamKey });
    if (uow.supportsRowLocks) qb.setLock('pessimistic_write');
    return qb.getOne();
  };
  let stream = await lockStream();
  if (!stream) {
    // First event of the stream: create its row without racing another creator (duplicates are
    // ignored), then lock it. Only this first time takes the extra shared lock of INSERT IGNORE.
    await manager.getRepository(EventStream).createQueryBuilder().insert().values({ streamKey, lastSeq: 0 }).orIgnore().execute();
    stream = await lockStream();
    if (!stream) throw new Error(`event stream ${streamKey} could not be created`);
  }
  const first = stream.lastSeq + 1;
  await manager.update(EventStream, { streamKey }, { lastSeq: stream.lastSeq + events.length });
  const rows = events.map((e, i) => manager.create(StoredEvent, {
    streamKey,
    seq: first + i,
    type: e.type,
    subjectId: e.subjectId,
    payload: JSON.stringify(e.payload),
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await manager.insert(StoredEvent, rows.slice(i, i + 500));
  return rows.map(toStreamEvent);
}

/** Reads stored events of a stream after `afterSeq`, oldest first, at most `limit`. */
export async function readEvents(dataSource: DataSource, streamKey: string, afterSeq: number, limit: number): Promise<StreamEvent[]> {
  const rows = await dataSource.getRepository(StoredEvent).find({
    where: { streamKey, seq: MoreThan(afterSeq) },
    order: { seq: 'ASC' },
    take: limit,
  });
  return rows.map(toStreamEvent);
}

/** The last sequence number of each stream (0 for a stream without events). */
export async function lastSequences(dataSource: DataSource, streamKeys: string[]): Promise<Map<string, number>> {
  const result = new Map(streamKeys.map((k) => [k, 0]));
  if (streamKeys.length === 0) return result;
  const rows = await dataSource.getRepository(EventStream).createQueryBuilder('s').where('s.streamKey IN (:...keys)', { keys: streamKeys }).getMany();
  for (const row of rows) result.set(row.streamKey, row.lastSeq);
  return result;
}

/** The oldest sequence still stored for a stream (null when none is). */
export async function firstStoredSequence(dataSource: DataSource, streamKey: string): Promise<number | null> {
  const row = await dataSource.getRepository(StoredEvent).findOne({ where: { streamKey }, order: { seq: 'ASC' }, select: { seq: true, rowId: true } });
  return row?.seq ?? null;
}
