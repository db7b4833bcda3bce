/**
 * Small fixtures created through the real API (so they stay valid as the schema evolves), and
 * producers of non-overlapping throughput samples for the ingest and fan-out scenarios.
 */
import { randomBytes } from 'node:crypto';
import { dataOf, type AppHandle } from './bench';

/** Creates one RUNNING operation with `processes` RUNNING processes; returns the process IDs. */
export async function createLine(app: AppHandle, name: string, processes: number): Promise<string[]> {
  const op = dataOf(
    await app.gql('mutation($input: CreateOperationInput!) { createOperation(input: $input) { __typename ... on Operation { id } } }', {
      input: { name },
    }),
    'createOperation',
  );
  const operationId = op.createOperation.id as string;
  const ids: string[] = [];
  for (let i = 1; i <= processes; i++) {
    const p = dataOf(
      await app.gql(
        'mutation($input: CreateProcessInput!) { createProcess(input: $input) { __typename ... on Process { id } ... on ErrorResult { code message } } }',
        { input: { operationId, name: `Step ${i}`, unit: 'units', targetRatePerHour: 3600, status: 'RUNNING' } },
      ),
      'createProcess',
    );
    if (!p.createProcess.id) throw new Error(`createProcess: ${JSON.stringify(p.createProcess)}`);
    ids.push(p.createProcess.id);
  }
  return ids;
}

/**
 * Hands out consecutive, non-overlapping one-second periods in the past for one process, so every
 * sample is valid (not in the future, no overlap) however many are recorded.
 */
export class PeriodCursor {
  private next: number;

  constructor(startMsAgo = 300 * 24 * 3600 * 1000) {
    this.next = Math.floor((Date.now() - startMsAgo) / 1000) * 1000;
  }

  take(lengthMs = 1000) {
    const start = this.next;
    this.next += lengthMs;
    return { periodStart: new Date(start).toISOString(), periodEnd: new Date(start + lengthMs).toISOString() };
  }
}

export function sampleInput(processId: string, period: { periodStart: string; periodEnd: string }, i: number) {
  return { processId, ...period, goodUnits: 1 + (i % 3), rejectedUnits: i % 7 === 0 ? 1 : 0, downtimeMinutes: 0 };
}

export const RECORD_ONE = `mutation R($input: RecordThroughputInput!) { recordThroughput(input: $input) { __typename ... on ThroughputSample { id } ... on ErrorResult { code message } } }`;
export const RECORD_BATCH = `mutation B($input: RecordThroughputBatchInput!) { recordThroughputBatch(input: $input) { __typename ... on ErrorResult { code message } } }`;

export function idempotencyKey(prefix: string) {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}
