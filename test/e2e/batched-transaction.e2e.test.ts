import { systemClock } from '../../src/common/clock';
import { createTransactionRunner, type BatchedUnitOfWork } from '../../src/db/transaction';
import type { QueryCounter } from '../../src/db/query-counter';
import { createMemoryEventBus } from '../../src/realtime/event-bus';
import { StreamWriter } from '../../src/realtime/streams';
import { Role } from '../harness/app';
import { RECORD_THROUGHPUT } from '../harness/documents';
import { createLine, minuteSample } from '../harness/factories';
import { describeApp } from '../harness/suite';

/**
 * Batched transactions (BatchedUnitOfWork): on MySQL/MariaDB a batch is one multi-statement text,
 * BEGIN goes with the first and COMMIT with the last, so keyed ingest is three round trips
 * (bench #8). On SQLite the same work runs statement by statement. These run on the app's own
 * writer data source.
 */
describeApp('batched transactions on %s', { databases: ['sqlite', 'mysql'] }, ({ t, db, leftovers }) => {
  const mysql = db === 'mysql';
  const table = `batch_probe_${db}`;

  /** The statements the writer data source sends from now on, as TypeORM logs them (one per round trip on MySQL). */
  function sent(): string[] {
    const texts: string[] = [];
    leftovers.push((t.app.dataSource.logger as QueryCounter).watch((sql) => texts.push(sql)));
    return texts;
  }

  beforeAll(async () => {
    await t.app.dataSource.query(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, note VARCHAR(20) NOT NULL)`);
  });
  afterAll(async () => {
    await t.app.dataSource.query(`DROP TABLE ${table}`);
  });
  afterEach(async () => {
    await t.app.dataSource.query(`DELETE FROM ${table}`);
  });

  it('runs each batch in order, returns one result per statement, and on MySQL/MariaDB sends BEGIN and COMMIT with the batches', async () => {
    const transaction = createTransactionRunner(t.app.dataSource);
    const texts = sent();
    const results = await transaction.batched(async (uow) => {
      const first = await uow.send([
        { sql: `INSERT INTO ${table} (id, note) VALUES (?, ?)`, params: [1, 'one'] },
        { sql: `SELECT id, note FROM ${table} ORDER BY id` },
      ]);
      const second = await uow.sendAndCommit([
        { sql: `INSERT INTO ${table} (id, note) VALUES (?, ?), (?, ?)`, params: [2, 'two', 3, 'three'] },
        { sql: `SELECT COUNT(*) AS n FROM ${table}` },
      ]);
      return [first, second];
    });
    const during = [...texts];
    expect(results[0]).toHaveLength(2);
    expect(results[0][1]).toEqual([{ id: 1, note: 'one' }]);
    expect(results[1]).toHaveLength(2);
    expect(Number((results[1][1] as { n: number }[])[0].n)).toBe(3);
    expect(await t.app.dataSource.query(`SELECT id FROM ${table} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    if (mysql) {
      // Two round trips for the whole transaction.
      expect(during).toHaveLength(2);
      expect(during[0]).toMatch(/^START TRANSACTION;\n/);
      expect(during[1]).toMatch(/;\nCOMMIT$/);
    }
  });

  it('stops a batch at its failing statement and rolls back everything the transaction sent, COMMIT included', async () => {
    const transaction = createTransactionRunner(t.app.dataSource);
    await t.app.dataSource.query(`INSERT INTO ${table} (id, note) VALUES (1, 'kept')`);
    const failed = transaction.batched(async (uow) => {
      await uow.send([{ sql: `INSERT INTO ${table} (id, note) VALUES (2, 'first batch')` }]);
      return uow.sendAndCommit([
        { sql: `INSERT INTO ${table} (id, note) VALUES (3, 'before')` },
        // A duplicate key: the statements after it, COMMIT among them, do not run.
        { sql: `INSERT INTO ${table} (id, note) VALUES (1, 'duplicate')` },
        { sql: `INSERT INTO ${table} (id, note) VALUES (4, 'after')` },
      ]);
    });
    await expect(failed).rejects.toThrow(/duplicate|unique/i);
    expect(await t.app.dataSource.query(`SELECT id, note FROM ${table} ORDER BY id`)).toEqual([{ id: 1, note: 'kept' }]);
    // The connection went back to the pool clean: the next transaction commits.
    await transaction.batched((uow) => uow.sendAndCommit([{ sql: `INSERT INTO ${table} (id, note) VALUES (5, 'next')` }]));
    expect(await t.app.dataSource.query(`SELECT id FROM ${table} ORDER BY id`)).toEqual([{ id: 1 }, { id: 5 }]);
  });

  it('rolls back when the work throws after a batch, and refuses to send after the commit', async () => {
    const transaction = createTransactionRunner(t.app.dataSource);
    await expect(
      transaction.batched(async (uow) => {
        await uow.send([{ sql: `INSERT INTO ${table} (id, note) VALUES (1, 'doomed')` }]);
        throw new Error('the work changed its mind');
      }),
    ).rejects.toThrow('the work changed its mind');
    expect(await t.app.dataSource.query(`SELECT id FROM ${table}`)).toEqual([]);
    let after: BatchedUnitOfWork | undefined;
    await transaction.batched(async (uow) => {
      await uow.sendAndCommit([{ sql: `INSERT INTO ${table} (id, note) VALUES (2, 'committed')` }]);
      after = uow;
    });
    expect(await t.app.dataSource.query(`SELECT id FROM ${table}`)).toEqual([{ id: 2 }]);
    await expect(after!.send([{ sql: 'SELECT 1' }])).rejects.toThrow(/has committed/);
    if (mysql) {
      // TypeORM's manager is outside the transaction until the first batch begins it.
      await transaction.batched(async (uow) => {
        expect(() => uow.manager).toThrow(/first batch/);
        await uow.send([]);
        expect(uow.manager).toBeDefined();
      });
    }
  });

  it('appends events with the commit: creates the stream, numbers concurrent appends without gaps in commit order, and publishes after commit', async () => {
    const transaction = createTransactionRunner(t.app.dataSource);
    const bus = createMemoryEventBus();
    const notified: { streamKey: string; seq: number }[] = [];
    leftovers.push(bus.subscribe((n) => notified.push(n)));
    const streams = new StreamWriter(bus, systemClock);
    const streamKey = `batch-probe:${db}:${Date.now()}`;
    const append = (count: number, label: string) =>
      transaction.batched(async (uow) => {
        const events = Array.from({ length: count }, (_, i) => ({ type: 'probe', subjectId: `${label}-${i}`, payload: { label, i } }));
        if (uow.dialect.kind === 'sqlite') {
          await uow.send([]);
          return streams.append(uow, streamKey, events);
        }
        const appending = streams.appendStatements(uow, streamKey, events);
        return appending.stored(await uow.sendAndCommit(appending.statements));
      });
    // The first append creates the stream; 600 events take two INSERT statements.
    const first = await append(600, 'first');
    expect(first.map((e) => e.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    const together = await Promise.all(Array.from({ length: 8 }, (_, k) => append(3, `c${k}`)));
    const seqs = together.flatMap((events) => events.map((e) => e.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => 601 + i));
    // What was stored is what the writers were told, row for row.
    const rows: { seq: number; subjectId: string; payload: string }[] = await t.app.dataSource.query(
      'SELECT seq, subjectId, payload FROM event WHERE streamKey = ? ORDER BY seq',
      [streamKey],
    );
    const told = [first, ...together].flat().sort((a, b) => a.seq - b.seq);
    expect(rows.map((r) => [Number(r.seq), r.subjectId, JSON.parse(r.payload)])).toEqual(told.map((e) => [e.seq, e.subjectId, e.payload]));
    const [{ lastSeq }] = await t.app.dataSource.query('SELECT lastSeq FROM event_stream WHERE streamKey = ?', [streamKey]);
    expect(Number(lastSeq)).toBe(624);
    // One notification per transaction, each naming its last event.
    const mine = notified.filter((n) => n.streamKey === streamKey);
    expect(mine).toHaveLength(9);
    expect(mine.map((n) => n.seq).sort((a, b) => a - b)).toEqual([600, ...together.map((events) => events[2].seq).sort((a, b) => a - b)]);
  });

  it('writes a keyed recordThroughput in three round trips on MySQL/MariaDB (BEGIN with the reads, the INSERT, the rest with COMMIT)', async () => {
    const { processId } = await createLine(t);
    const texts = sent();
    const res = await t.gql(
      RECORD_THROUGHPUT,
      { input: { ...minuteSample(processId, 0), idempotencyKey: 'round-trips-1' } },
      Role.OPERATOR,
    );
    expect(res.errors).toBeUndefined();
    const writes = texts.filter((sql) => /throughput_sample|idempotency_key|event_stream|TRANSACTION|COMMIT/.test(sql));
    if (mysql) {
      expect(writes).toHaveLength(3);
      expect(writes[0]).toMatch(/^START TRANSACTION;\nSELECT id, operationRowId FROM process .* FOR UPDATE;\n/);
      expect(writes[1]).toMatch(/^INSERT INTO throughput_sample /);
      expect(writes[2]).toMatch(/^INSERT INTO idempotency_key .*INSERT INTO event_stream .*INSERT INTO event .*;\nCOMMIT$/s);
    } else {
      expect(writes.some((sql) => sql.startsWith('INSERT INTO throughput_sample'))).toBe(true);
    }
    // The retry replays the stored sample.
    const again = await t.gql(
      RECORD_THROUGHPUT,
      { input: { ...minuteSample(processId, 0), idempotencyKey: 'round-trips-1' } },
      Role.OPERATOR,
    );
    expect(again.data.recordThroughput.id).toBe(res.data.recordThroughput.id);
  });
});
