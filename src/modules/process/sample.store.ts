import { sqlDialect, sqliteDateText, type BatchedUnitOfWork, type SqlDialect, type Statement, type UnitOfWork } from '../../db/transaction';
import type { OperationStatus } from '../operation/operation.entity';
import type { ProductionOrderStatus } from '../production-order/production-order.entity';
import type { OrderProgress, OrderSnapshot, PeriodRange, StoredPeriod } from './decide-batch';

/**
 * The statements of the ingest path (recordThroughput, recordThroughputBatch) in plain SQL. They
 * run for every sample a line terminal sends, and TypeORM's query builder and entity hydration cost
 * more CPU than the database spends on them; everything else keeps using TypeORM.
 */

/** A sample about to be stored. */
export interface NewSampleRow {
  processRowId: number;
  periodStart: Date;
  periodEnd: Date;
  goodUnits: number;
  rejectedUnits: number;
  downtimeMinutes: number;
  recordedAt: Date;
  /** The production order it is attributed to, if any. */
  productionOrderRowId: number | null;
}

/** Rows per INSERT statement (8 parameters each: well inside every driver's limit). */
const INSERT_CHUNK = 500;

function placeholders(count: number, each = '?'): string {
  return Array.from({ length: count }, () => each).join(', ');
}

/** Ranges per statement: two SELECTs each, well under SQLite's 500 terms of a compound SELECT. */
const RANGES_PER_STATEMENT = 100;

/** A stored idempotency answer, as readSnapshot finds it (expired ones included). */
export interface StoredAnswer {
  keyHash: string;
  requestHash: string;
  response: string;
  createdAt: Date;
}

/** What a write reads once it holds its locks: decideBatch's snapshot, with the answers not yet expired. */
export interface WriteSnapshot {
  /** Each locked process's operation; processes that do not exist are left out. */
  operationOf: Map<number, number>;
  /** The locked production orders; orders that do not exist are left out. */
  orders: Map<number, OrderSnapshot>;
  /** The final (highest-sequence) process of each operation of those orders. */
  finalProcessOf: Map<number, number>;
  statuses: Map<number, OperationStatus>;
  answers: Map<string, StoredAnswer>;
  /** Stored samples around the ranges, by process, ordered by periodStart. */
  periods: Map<number, StoredPeriod[]>;
}

/** A row of the snapshot read: the first column says which part it belongs to. */
interface SnapshotRow {
  part: string;
  id: number | null;
  processRowId: number | null;
  periodStart: Date | string | null;
  periodEnd: Date | string | null;
  text1: string | null;
  text2: string | null;
  text3: string | null;
}

/**
 * Everything a write decides from, in one batch (one round trip on MySQL/MariaDB, its BEGIN
 * included; BatchedUnitOfWork):
 *
 * 1. Locks the processes, then the production orders samples name (MySQL `FOR UPDATE`, each in id
 *    order: two writers of the same rows cannot deadlock, and the order mutations lock only the
 *    order). Locking comes first: a REPEATABLE READ snapshot starts at the first plain read, so
 *    every read below sees what earlier holders of these locks committed (the overlap check
 *    depends on it).
 * 2. Reads, in one statement, the statuses of the processes' operations, the stored idempotency
 *    answers of these keys, the final process of each order's operation and the stored samples
 *    that could overlap a period inside each range: a UNION ALL whose first column says which part
 *    a row belongs to. The samples of a range are those starting in it and the last one of the
 *    process starting before it. That is exact because stored samples of a process never overlap
 *    each other (every write goes through this check under the process lock), so only the last one
 *    starting before `from` can reach into it. Each part is a short range scan of the
 *    (processRowId, periodStart) index, however long the history.
 */
export async function readSnapshot(
  uow: BatchedUnitOfWork,
  sortedProcessIds: number[],
  sortedOrderIds: number[],
  keyHashes: string[],
  ranges: PeriodRange[],
): Promise<WriteSnapshot> {
  const dialect = uow.dialect;
  const lock = uow.supportsRowLocks ? ' FOR UPDATE' : '';
  const statements: Statement[] = [
    {
      sql: `SELECT id, operationRowId FROM process WHERE id IN (${placeholders(sortedProcessIds.length)}) ORDER BY id${lock}`,
      params: sortedProcessIds,
    },
  ];
  if (sortedOrderIds.length) {
    statements.push({
      sql: `SELECT id, operationRowId, status, producedQuantity FROM production_order WHERE id IN (${placeholders(sortedOrderIds.length)}) ORDER BY id${lock}`,
      params: sortedOrderIds,
    });
  }
  const reads = statements.length;
  for (let offset = 0; offset === 0 || offset < ranges.length; offset += RANGES_PER_STATEMENT) {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (offset === 0) {
      parts.push(
        `SELECT 'operation' AS part, id, NULL AS processRowId, NULL AS periodStart, NULL AS periodEnd, status AS text1, NULL AS text2, NULL AS text3 FROM operation WHERE id IN (SELECT operationRowId FROM process WHERE id IN (${placeholders(sortedProcessIds.length)}))`,
      );
      params.push(...sortedProcessIds);
      if (keyHashes.length) {
        parts.push(
          `SELECT 'answer', NULL, NULL, createdAt, NULL, keyHash, requestHash, response FROM idempotency_key WHERE keyHash IN (${placeholders(keyHashes.length)})`,
        );
        params.push(...keyHashes);
      }
      if (sortedOrderIds.length) {
        parts.push(
          `SELECT 'final', p.id, p.operationRowId, NULL, NULL, NULL, NULL, NULL FROM process p WHERE p.operationRowId IN (SELECT operationRowId FROM production_order WHERE id IN (${placeholders(sortedOrderIds.length)})) AND p.sequence = (SELECT MAX(q.sequence) FROM process q WHERE q.operationRowId = p.operationRowId)`,
        );
        params.push(...sortedOrderIds);
      }
    }
    for (const r of ranges.slice(offset, offset + RANGES_PER_STATEMENT)) {
      parts.push(
        "SELECT 'sample', id, processRowId, periodStart, periodEnd, NULL, NULL, NULL FROM throughput_sample WHERE processRowId = ? AND periodStart >= ? AND periodStart < ?",
        `SELECT 'sample', id, processRowId, periodStart, periodEnd, NULL, NULL, NULL FROM (SELECT id, processRowId, periodStart, periodEnd FROM throughput_sample WHERE processRowId = ? AND periodStart < ? ORDER BY periodStart DESC LIMIT 1) before_${parts.length}`,
      );
      params.push(r.processRowId, dialect.date(r.from), dialect.date(r.to), r.processRowId, dialect.date(r.from));
    }
    // A UNION ALL at the top: wrapped as a derived table, MariaDB first copies it into a temporary
    // table (≈ 0.2 ms of its CPU per write here, measured statement by statement).
    statements.push({ sql: parts.join(' UNION ALL '), params });
  }
  const results = await uow.send(statements);

  const snapshot: WriteSnapshot = {
    operationOf: new Map(),
    orders: new Map(),
    finalProcessOf: new Map(),
    statuses: new Map(),
    answers: new Map(),
    periods: new Map(),
  };
  for (const r of results[0] as { id: number; operationRowId: number }[]) snapshot.operationOf.set(Number(r.id), Number(r.operationRowId));
  if (sortedOrderIds.length) {
    for (const r of results[1] as { id: number; operationRowId: number; status: ProductionOrderStatus; producedQuantity: number }[])
      snapshot.orders.set(Number(r.id), {
        operationRowId: Number(r.operationRowId),
        status: r.status,
        producedQuantity: Number(r.producedQuantity),
      });
  }
  const byProcess = new Map<number, Map<number, StoredPeriod>>();
  for (const rows of results.slice(reads) as SnapshotRow[][]) {
    for (const row of rows) {
      if (row.part === 'operation') {
        snapshot.statuses.set(Number(row.id), row.text1 as OperationStatus);
      } else if (row.part === 'answer') {
        snapshot.answers.set(row.text1!, {
          keyHash: row.text1!,
          requestHash: row.text2!,
          response: row.text3!,
          createdAt: dialect.readDate(row.periodStart!),
        });
      } else if (row.part === 'final') {
        snapshot.finalProcessOf.set(Number(row.processRowId), Number(row.id));
      } else {
        const processRowId = Number(row.processRowId);
        const periods = byProcess.get(processRowId) ?? new Map<number, StoredPeriod>();
        byProcess.set(processRowId, periods);
        periods.set(Number(row.id), {
          rowId: Number(row.id),
          periodStart: dialect.readDate(row.periodStart!),
          periodEnd: dialect.readDate(row.periodEnd!),
        });
      }
    }
  }
  for (const [processRowId, periods] of byProcess) {
    snapshot.periods.set(
      processRowId,
      [...periods.values()].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime()),
    );
  }
  return snapshot;
}

/**
 * The statements that apply a transaction's samples to their production orders (rows locked by
 * readSnapshot): add the final process's good units to producedQuantity and move a RELEASED order
 * to IN_PROGRESS (bumping its version and setting startedAt). Adding units alone does not bump the
 * version: it guards what clients edit (quantity, dates, status).
 */
export function orderProgressStatements(dialect: SqlDialect, progress: OrderProgress[], now: Date): Statement[] {
  const statements: Statement[] = [];
  for (const p of progress) {
    if (p.started) {
      statements.push({
        sql: 'UPDATE production_order SET producedQuantity = producedQuantity + ?, status = ?, startedAt = ?, version = version + 1, updatedAt = ? WHERE id = ?',
        params: [p.goodUnits, p.status, dialect.date(now), dialect.date(now), p.orderRowId],
      });
    } else if (p.goodUnits > 0) {
      statements.push({
        sql: 'UPDATE production_order SET producedQuantity = producedQuantity + ?, updatedAt = ? WHERE id = ?',
        params: [p.goodUnits, dialect.date(now), p.orderRowId],
      });
    }
  }
  return statements;
}

/** The head of insertSampleRows' multi-row INSERT; sampleValuesLiteral follows its column order. */
const INSERT_SAMPLES =
  'INSERT INTO throughput_sample (processRowId, periodStart, periodEnd, goodUnits, rejectedUnits, downtimeMinutes, recordedAt, productionOrderRowId) VALUES';

/** A finite number as SQL text (what mysql2 writes for a number parameter); anything else is refused. */
function numberLiteral(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a finite number: ${String(value)}`);
  return String(value);
}

/** A DATETIME(3) literal in UTC, as mysql2 writes a Date parameter on a connection with timezone 'Z'. */
function datetimeLiteral(value: Date): string {
  const text = sqliteDateText(value);
  if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(text)) throw new Error(`not a storable datetime: ${text}`);
  return `'${text}'`;
}

/** One sample's `(…)` of a multi-row INSERT on MySQL/MariaDB, in the column order of INSERT_SAMPLES. */
function sampleValuesLiteral(r: NewSampleRow): string {
  const order = r.productionOrderRowId === null ? 'NULL' : numberLiteral(r.productionOrderRowId);
  return `(${numberLiteral(r.processRowId)}, ${datetimeLiteral(r.periodStart)}, ${datetimeLiteral(r.periodEnd)}, ${numberLiteral(r.goodUnits)}, ${numberLiteral(r.rejectedUnits)}, ${numberLiteral(r.downtimeMinutes)}, ${datetimeLiteral(r.recordedAt)}, ${order})`;
}

/**
 * Inserts the samples with multi-row INSERTs and returns their ids in input order. With RETURNING
 * (MariaDB, SQLite) the ids come back with the insert; they are sorted because the ids of one
 * statement increase in row order, while the order RETURNING lists them in is not promised. MySQL
 * has no RETURNING, and its ids of one statement are consecutive only with
 * innodb_autoinc_lock_mode < 2: the ids are read back instead (the caller holds the processes'
 * locks, so every newer row of these processes is one of ours).
 */
export async function insertSampleRows(uow: UnitOfWork, rows: NewSampleRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const dialect = sqlDialect(uow.manager);
  const ids: number[] = [];
  for (let offset = 0; offset < rows.length; offset += INSERT_CHUNK) {
    const chunk = rows.slice(offset, offset + INSERT_CHUNK);
    let sql: string;
    const params: unknown[] = [];
    if (dialect.kind === 'sqlite') {
      for (const r of chunk) {
        params.push(
          r.processRowId,
          dialect.date(r.periodStart),
          dialect.date(r.periodEnd),
          r.goodUnits,
          r.rejectedUnits,
          r.downtimeMinutes,
          dialect.date(r.recordedAt),
          r.productionOrderRowId,
        );
      }
      sql = `${INSERT_SAMPLES} ${placeholders(chunk.length, '(?, ?, ?, ?, ?, ?, ?, ?)')}`;
    } else {
      // mysql2 puts parameters into the SQL text itself (client-side), escaping each of the 4,000
      // values of a 500-sample chunk: 9.5 % of the app's CPU in batch ingest (bench #7 MariaDB).
      // Numbers and UTC datetimes have nothing to escape, so the text is written here directly.
      sql = `${INSERT_SAMPLES} ${chunk.map(sampleValuesLiteral).join(', ')}`;
    }
    let chunkIds: number[];
    if (dialect.insertReturning) {
      const returned: { id: number }[] = await uow.manager.query(`${sql} RETURNING id`, params);
      chunkIds = returned.map((r) => Number(r.id)).sort((a, b) => a - b);
    } else {
      const result: { insertId: number } = await uow.manager.query(sql, params);
      const processIds = [...new Set(chunk.map((r) => r.processRowId))];
      const back: { id: number }[] = await uow.manager.query(
        `SELECT id FROM throughput_sample WHERE id >= ? AND processRowId IN (${placeholders(processIds.length)}) ORDER BY id`,
        [result.insertId, ...processIds],
      );
      chunkIds = back.map((r) => Number(r.id));
    }
    if (chunkIds.length !== chunk.length) throw new Error(`inserted ${chunk.length} samples but got ${chunkIds.length} ids back`);
    ids.push(...chunkIds);
  }
  return ids;
}
