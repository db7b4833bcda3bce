import { MoreThan, type DataSource } from 'typeorm';
import { faultPoint } from '../db/fault-points';
import { sqlDialect, type Statement, type UnitOfWork } from '../db/transaction';
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
  return {
    streamKey: row.streamKey,
    seq: row.seq,
    type: row.type,
    subjectId: row.subjectId,
    payload: JSON.parse(row.payload),
    createdAt: row.createdAt,
  };
}

/**
 * The payload as a reader of its stored JSON gets it: `JSON.parse(json)`, or for a flat payload of
 * strings, booleans, nulls and finite numbers (not -0), whose JSON round trip changes nothing, a
 * copy. Batch ingest appends one event per sample, and parsing each back cost ≈ 2 % of its CPU.
 */
export function asStored(payload: Record<string, unknown>, json: string): Record<string, unknown> {
  for (const key in payload) {
    const value = payload[key];
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) continue;
    return JSON.parse(json);
  }
  return { ...payload };
}

/** Events per INSERT statement (6 parameters each). */
const INSERT_CHUNK = 500;

/**
 * Adds `count` to the stream's last sequence number and returns the new value. The UPDATE takes
 * the stream row's write lock, so sequence order is commit order even with concurrent writers; it
 * is one statement on both dialects (MySQL hands the new value back through LAST_INSERT_ID(expr),
 * SQLite through RETURNING). Returns null when the stream has no row yet.
 */
async function bumpStream(uow: UnitOfWork, streamKey: string, count: number): Promise<number | null> {
  if (sqlDialect(uow.manager).kind === 'sqlite') {
    const rows: { lastSeq: number }[] = await uow.manager.query(
      'UPDATE event_stream SET lastSeq = lastSeq + ? WHERE streamKey = ? RETURNING lastSeq',
      [count, streamKey],
    );
    return rows.length ? Number(rows[0].lastSeq) : null;
  }
  const result: { affectedRows: number; insertId: number } = await uow.manager.query(
    'UPDATE event_stream SET lastSeq = LAST_INSERT_ID(lastSeq + ?) WHERE streamKey = ?',
    [count, streamKey],
  );
  return result.affectedRows ? Number(result.insertId) : null;
}

/**
 * Appends events to a stream inside the caller's transaction: locks the stream row while assigning
 * the next sequence numbers, and inserts the events. Returns them with their sequence numbers; the
 * caller publishes them after commit.
 */
export async function appendEvents(uow: UnitOfWork, streamKey: string, events: NewEvent[], now: Date): Promise<StreamEvent[]> {
  if (events.length === 0) return [];
  let last = await bumpStream(uow, streamKey, events.length);
  if (last === null) {
    // First event of the stream: create its row without racing another creator (duplicates are
    // ignored), then bump it. Only this first time takes the extra shared lock of INSERT IGNORE.
    await uow.manager.getRepository(EventStream).createQueryBuilder().insert().values({ streamKey, lastSeq: 0 }).orIgnore().execute();
    last = await bumpStream(uow, streamKey, events.length);
    if (last === null) throw new Error(`event stream ${streamKey} could not be created`);
  }
  const first = last - events.length + 1;
  const dialect = sqlDialect(uow.manager);
  const createdAt = dialect.date(now);
  const stored: StreamEvent[] = [];
  for (let offset = 0; offset < events.length; offset += INSERT_CHUNK) {
    const chunk = events.slice(offset, offset + INSERT_CHUNK);
    const params: unknown[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i];
      const seq = first + offset + i;
      const payload = JSON.stringify(e.payload);
      params.push(streamKey, seq, e.type, e.subjectId, payload, createdAt);
      // Subscribers get the payload as a reader of the stored row would.
      stored.push({ streamKey, seq, type: e.type, subjectId: e.subjectId, payload: asStored(e.payload, payload), createdAt: now });
    }
    await uow.manager.query(
      `INSERT INTO event (streamKey, seq, type, subjectId, payload, createdAt) VALUES ${Array.from({ length: chunk.length }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      params,
    );
  }
  await faultPoint('events-appended', { streamKey });
  return stored;
}

/** The appendEvents of a batch: statements to send with others, and the events they stored. */
export interface EventAppend {
  statements: Statement[];
  /** The events with their sequence numbers, from the results of `statements` (in their order). */
  stored(results: unknown[]): StreamEvent[];
}

/**
 * appendEvents on MySQL/MariaDB as statements that need no answer in between, so they can travel
 * with the transaction's COMMIT (BatchedUnitOfWork.sendAndCommit) and the stream row stays locked
 * for one round trip's server time instead of three: the stream row is created or bumped in one
 * statement (an exclusive lock on its primary key either way; LAST_INSERT_ID(expr) keeps the new
 * last sequence number, which the statement's result also carries), the first new number goes
 * into a session variable, and the event rows take theirs from it.
 */
export function appendEventsStatements(streamKey: string, events: NewEvent[], now: Date): EventAppend {
  if (events.length === 0) return { statements: [], stored: () => [] };
  const count = events.length;
  const statements: Statement[] = [
    {
      sql: 'INSERT INTO event_stream (streamKey, lastSeq) VALUES (?, LAST_INSERT_ID(?)) ON DUPLICATE KEY UPDATE lastSeq = LAST_INSERT_ID(lastSeq + ?)',
      params: [streamKey, count, count],
    },
    { sql: 'SET @opsgraph_first_seq = LAST_INSERT_ID() - ? + 1', params: [count] },
  ];
  const payloads = events.map((e) => JSON.stringify(e.payload));
  for (let offset = 0; offset < count; offset += INSERT_CHUNK) {
    const params: unknown[] = [];
    const end = Math.min(offset + INSERT_CHUNK, count);
    for (let i = offset; i < end; i++) params.push(streamKey, i, events[i].type, events[i].subjectId, payloads[i], now);
    statements.push({
      sql: `INSERT INTO event (streamKey, seq, type, subjectId, payload, createdAt) VALUES ${Array.from({ length: end - offset }, () => '(?, @opsgraph_first_seq + ?, ?, ?, ?, ?)').join(', ')}`,
      params,
    });
  }
  return {
    statements,
    stored(results) {
      const last = Number((results[0] as { insertId?: unknown }).insertId);
      if (!Number.isInteger(last) || last < count) throw new Error(`stream ${streamKey}: no sequence number came back (${String(last)})`);
      const first = last - count + 1;
      return events.map((e, i) => ({
        streamKey,
        seq: first + i,
        type: e.type,
        subjectId: e.subjectId,
        payload: asStored(e.payload, payloads[i]),
        createdAt: now,
      }));
    },
  };
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
  const rows = await dataSource
    .getRepository(EventStream)
    .createQueryBuilder('s')
    .where('s.streamKey IN (:...keys)', { keys: streamKeys })
    .getMany();
  for (const row of rows) result.set(row.streamKey, row.lastSeq);
  return result;
}

/** The oldest sequence still stored for a stream (null when none is). */
export async function firstStoredSequence(dataSource: DataSource, streamKey: string): Promise<number | null> {
  const row = await dataSource
    .getRepository(StoredEvent)
    .findOne({ where: { streamKey }, order: { seq: 'ASC' }, select: { seq: true, rowId: true } });
  return row?.seq ?? null;
}
