import { dataOf, Role, type Caller, type TestApp } from './app';
import {
  ADD_TEAM_MEMBER,
  ALLOCATE_PERSON,
  CONFIRM_DELIVERY,
  CREATE_INVENTORY_ITEM,
  CREATE_MILESTONE,
  CREATE_OPERATION,
  CREATE_PERSON,
  CREATE_PROCESS,
  CREATE_PRODUCTION_ORDER,
  CREATE_PROJECT,
  CREATE_PURCHASE_ORDER,
  CREATE_RISK,
  CREATE_SHIPMENT,
  CREATE_SUPPLIER,
  CREATE_TEAM,
  RECORD_COST,
  RECORD_THROUGHPUT,
  RECORD_THROUGHPUT_BATCH,
  RELEASE_PRODUCTION_ORDER,
  SHIP_SHIPMENT,
  THROUGHPUT_UPDATED,
} from './documents';
import type { Leftovers } from './suite';
import { collect, wsClient } from './ws';

/**
 * Small factories for e2e tests: each makes one object through the public API (so it exercises the
 * same code clients do) and returns the fields tests usually need. Names are unique per call, so
 * any test can run alone or beside others on a shared app.
 */

let counter = 0;

/** A name unique in this process, e.g. "Project 7-a1b2". */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix} ${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

/** An ISO date `days` from now (negative for the past). */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
}

/** The start of minute `i` after 2026-05-01T00:00Z (in the past): sample periods that never overlap by accident. */
export function minute(i: number): string {
  return new Date(Date.UTC(2026, 4, 1, 0, 0) + i * 60_000).toISOString();
}

export interface Made {
  id: string;
  name: string;
  version?: number;
}

function expectType<T extends { __typename: string }>(result: T, typename: string): T {
  if (result.__typename !== typename) throw new Error(`Expected ${typename}, got ${JSON.stringify(result)}`);
  return result;
}

export async function createPerson(t: TestApp, input: { name?: string; email?: string | null } = {}) {
  const name = input.name ?? uniqueName('Person');
  const email = input.email === undefined ? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com` : input.email;
  const data = dataOf(await t.gql(CREATE_PERSON, { input: { name, email } }, Role.ADMIN));
  return expectType(data.createPerson, 'Person') as { __typename: string; id: string; name: string; email: string | null };
}

export async function createTeam(t: TestApp, input: { name?: string; kind?: 'PERMANENT' | 'TEMPORARY'; projectId?: string } = {}) {
  const data = dataOf(
    await t.gql(
      CREATE_TEAM,
      { input: { name: input.name ?? uniqueName('Team'), kind: input.kind ?? 'PERMANENT', projectId: input.projectId } },
      Role.ADMIN,
    ),
  );
  return expectType(data.createTeam, 'Team') as { __typename: string; id: string; name: string; kind: string };
}

export async function addTeamMember(t: TestApp, teamId: string, personId: string, role = 'Engineer') {
  const data = dataOf(await t.gql(ADD_TEAM_MEMBER, { input: { teamId, personId, role } }, Role.ADMIN));
  return expectType(data.addTeamMember, 'TeamMember');
}

export async function createOperation(t: TestApp, input: { name?: string; teamId?: string; status?: string } = {}) {
  const data = dataOf(
    await t.gql(
      CREATE_OPERATION,
      { input: { name: input.name ?? uniqueName('Operation'), teamId: input.teamId, status: input.status } },
      Role.ADMIN,
    ),
  );
  return expectType(data.createOperation, 'Operation') as { __typename: string; id: string; name: string; version: number };
}

export interface ProcessInput {
  /** Its operation; a fresh one when absent (the result carries its ID as `operationId`). */
  operationId?: string;
  name?: string;
  unit?: string;
  targetRatePerHour?: number;
  sequence?: number;
  /** Defaults to RUNNING: samples are recorded for running processes only. */
  status?: string;
}

/** A process (RUNNING, 60 units an hour unless given) in `operationId` or in a fresh operation. */
export async function createProcess(t: TestApp, input: ProcessInput = {}) {
  const { operationId = (await createOperation(t)).id, name = uniqueName('Process'), ...rest } = input;
  const data = dataOf(
    await t.gql(CREATE_PROCESS, { input: { operationId, name, unit: 'units', targetRatePerHour: 60, status: 'RUNNING', ...rest } }),
  );
  const process = expectType(data.createProcess, 'Process') as {
    __typename: string;
    id: string;
    name: string;
    sequence: number;
    version: number;
  };
  return { ...process, operationId };
}

/**
 * A production line: an operation named `name` with `processes` RUNNING processes (60 units an
 * hour each). Returns the operation's ID, the processes' IDs, and the first as `processId`.
 */
export async function createLine(t: TestApp, name = uniqueName('Line'), processes = 1) {
  const operationId = (await createOperation(t, { name })).id;
  const processIds: string[] = [];
  for (let i = 0; i < processes; i++) processIds.push((await createProcess(t, { operationId, name: `Press ${i + 1}` })).id);
  return { operationId, processId: processIds[0], processIds };
}

export interface SampleInput {
  processId: string;
  periodStart: string;
  periodEnd: string;
  goodUnits?: number;
  rejectedUnits?: number;
  downtimeMinutes?: number;
  idempotencyKey?: string;
}

/** Records one sample (10 good units and none rejected unless given) as an OPERATOR; throws unless it is stored. */
export async function recordSample(t: TestApp, input: SampleInput, as: Caller = Role.OPERATOR) {
  const data = dataOf(await t.gql(RECORD_THROUGHPUT, { input: { goodUnits: 10, rejectedUnits: 0, ...input } }, as));
  return expectType(data.recordThroughput, 'ThroughputSample') as { __typename: string; id: string; goodUnits: number };
}

/** A sample of one good unit over `minute(i)`…`minute(i + 1)`, with an idempotency key if given. */
export function minuteSample(processId: string, i: number, idempotencyKey?: string): SampleInput {
  const sample: SampleInput = { processId, periodStart: minute(i), periodEnd: minute(i + 1), goodUnits: 1, rejectedUnits: 0 };
  return idempotencyKey === undefined ? sample : { ...sample, idempotencyKey };
}

/** `count` consecutive minute samples from `minute(from)` on. */
export function minuteSamples(processId: string, from: number, count: number): SampleInput[] {
  return Array.from({ length: count }, (_, i) => minuteSample(processId, from + i));
}

/** Records samples in one batch (each 10 good and none rejected unless given) as an OPERATOR; throws unless all are stored. */
export async function recordSamples(t: TestApp, samples: SampleInput[], as: Caller = Role.OPERATOR) {
  const input = { samples: samples.map((sample) => ({ goodUnits: 10, rejectedUnits: 0, ...sample })) };
  const data = dataOf(await t.gql(RECORD_THROUGHPUT_BATCH, { input }, as));
  return expectType(data.recordThroughputBatch, 'ThroughputBatch') as { __typename: string; count: number; samples: { id: string }[] };
}

/**
 * Runs `query` over a fresh graphql-ws client (as a VIEWER unless `role`) and collects its results;
 * the client is disposed with the test's leftovers.
 */
export async function subscribe<T = any>(
  t: TestApp,
  leftovers: Leftovers,
  query: string,
  variables: Record<string, unknown> = {},
  role: Role = Role.VIEWER,
) {
  const { client } = wsClient(t.wsUrl, await t.token(role));
  leftovers.push(() => client.dispose());
  return collect<T>(client, query, variables);
}

/** Subscribes to live samples (`throughputUpdated` of a process or operation) with THROUGHPUT_UPDATED unless `query`. */
export function subscribeThroughput(t: TestApp, leftovers: Leftovers, variables: Record<string, unknown>, query = THROUGHPUT_UPDATED) {
  return subscribe(t, leftovers, query, variables);
}

export interface ProductionOrderInput {
  /** Its operation; a fresh one when absent. */
  operationId?: string;
  number?: string;
  sku?: string;
  quantity?: number;
  plannedStart?: string;
  dueDate?: string;
  /** Release it too (as an OPERATOR), so samples may be attributed to it. */
  release?: boolean;
}

/** What tests read of a production order (test/harness/documents.ts ProductionOrderFields). */
export interface ProductionOrderData {
  __typename: string;
  id: string;
  number: string;
  sku: string;
  quantity: number;
  plannedStart: string;
  dueDate: string;
  status: string;
  producedQuantity: number;
  remaining: number;
  percentComplete: number;
  releasedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  completedShort: boolean;
  shortQuantity: number;
  cancelledAt: string | null;
  version: number;
  operation: { id: string };
}

/**
 * A production order (as an ADMIN): 100 units of a unique SKU, planned from a day ago and due in a
 * week unless given, in `operationId` or a fresh operation; RELEASED too with `release`.
 */
export async function createProductionOrder(t: TestApp, input: ProductionOrderInput = {}): Promise<ProductionOrderData> {
  const { operationId = (await createOperation(t)).id, release = false, ...rest } = input;
  const data = dataOf(
    await t.gql(
      CREATE_PRODUCTION_ORDER,
      {
        input: {
          operationId,
          number: rest.number ?? uniqueName('MO').replace(/\s+/g, '-'),
          sku: rest.sku ?? uniqueName('SKU').replace(/\s+/g, '-'),
          quantity: rest.quantity ?? 100,
          plannedStart: rest.plannedStart ?? daysFromNow(-1),
          dueDate: rest.dueDate ?? daysFromNow(7),
        },
      },
      Role.ADMIN,
    ),
  );
  const order = expectType(data.createProductionOrder, 'ProductionOrder') as ProductionOrderData;
  if (!release) return order;
  const released = dataOf(await t.gql(RELEASE_PRODUCTION_ORDER, { input: { id: order.id } }, Role.OPERATOR));
  return expectType(released.releaseProductionOrder, 'ProductionOrder') as ProductionOrderData;
}

export interface ProjectInput {
  name?: string;
  goal?: string;
  status?: string;
  startDate?: string;
  dueDate?: string;
  budget?: number;
  improvesOperationId?: string;
  teamId?: string;
  createTeam?: boolean;
}

export async function createProject(t: TestApp, input: ProjectInput = {}) {
  const data = dataOf(
    await t.gql(
      CREATE_PROJECT,
      {
        input: {
          name: input.name ?? uniqueName('Project'),
          goal: input.goal ?? 'Make things better',
          status: input.status ?? 'ACTIVE',
          startDate: input.startDate ?? daysFromNow(-10),
          dueDate: input.dueDate ?? daysFromNow(60),
          budget: input.budget ?? 10000,
          improvesOperationId: input.improvesOperationId,
          teamId: input.teamId,
          createTeam: input.createTeam ?? false,
        },
      },
      Role.PROJECT_MANAGER,
    ),
  );
  return expectType(data.createProject, 'Project') as {
    __typename: string;
    id: string;
    name: string;
    version: number;
    status: string;
    team: { id: string; kind: string; name: string } | null;
  };
}

export async function createMilestone(
  t: TestApp,
  projectId: string,
  input: { name?: string; dueDate?: string; weight?: number; ownerId?: string; percentComplete?: number } = {},
) {
  const data = dataOf(
    await t.gql(
      CREATE_MILESTONE,
      {
        input: {
          projectId,
          name: input.name ?? uniqueName('Milestone'),
          dueDate: input.dueDate ?? daysFromNow(30),
          weight: input.weight,
          ownerId: input.ownerId,
          percentComplete: input.percentComplete,
        },
      },
      Role.PROJECT_MANAGER,
    ),
  );
  return expectType(data.createMilestone, 'Milestone') as { __typename: string; id: string; name: string; version: number; status: string };
}

export async function createRisk(
  t: TestApp,
  projectId: string,
  input: { title?: string; probability?: number; impact?: number; milestoneId?: string; ownerId?: string } = {},
) {
  const data = dataOf(
    await t.gql(
      CREATE_RISK,
      {
        input: {
          projectId,
          title: input.title ?? uniqueName('Risk'),
          probability: input.probability ?? 3,
          impact: input.impact ?? 3,
          milestoneId: input.milestoneId,
          ownerId: input.ownerId,
        },
      },
      Role.PROJECT_MANAGER,
    ),
  );
  return expectType(data.createRisk, 'Risk') as {
    __typename: string;
    id: string;
    title: string;
    version: number;
    score: number;
    band: string;
  };
}

export async function recordProjectCost(
  t: TestApp,
  projectId: string,
  amount: number,
  input: { incurredAt?: string; description?: string } = {},
) {
  const data = dataOf(
    await t.gql(
      RECORD_COST,
      {
        input: { projectId, amount, incurredAt: input.incurredAt ?? daysFromNow(-1), description: input.description ?? 'Consulting' },
      },
      Role.PROJECT_MANAGER,
    ),
  );
  return expectType(data.recordCost, 'CostEntry') as { __typename: string; id: string; amount: { cents: string } };
}

/** An inventory item (100 on hand unless given) held by `operationId`. */
export async function createInventoryItem(
  t: TestApp,
  operationId: string,
  input: { sku?: string; name?: string; unit?: string; initialOnHand?: number; reorderPoint?: number } = {},
) {
  const sku = input.sku ?? uniqueName('SKU').replace(/[^A-Za-z0-9]+/g, '-');
  const data = dataOf(
    await t.gql(CREATE_INVENTORY_ITEM, {
      input: {
        operationId,
        sku,
        name: input.name ?? 'Organic cotton twill',
        unit: input.unit ?? 'm',
        initialOnHand: input.initialOnHand ?? 100,
        reorderPoint: input.reorderPoint ?? 0,
      },
    }),
  );
  return expectType(data.createInventoryItem, 'InventoryItem') as { __typename: string; id: string; sku: string; onHand: number };
}

/** A supplier (quoting 14 days unless given). */
export async function createSupplier(t: TestApp, input: { name?: string; contact?: string; quotedLeadTimeDays?: number } = {}) {
  const data = dataOf(
    await t.gql(
      CREATE_SUPPLIER,
      {
        input: { name: input.name ?? uniqueName('Mill'), contact: input.contact ?? '', quotedLeadTimeDays: input.quotedLeadTimeDays ?? 14 },
      },
      Role.ADMIN,
    ),
  );
  return expectType(data.createSupplier, 'Supplier') as { __typename: string; id: string; name: string; version: number };
}

/** An OPEN purchase order with `lines` (item ID and quantity), promised in 14 days unless given. */
export async function createPurchaseOrder(
  t: TestApp,
  supplierId: string,
  lines: { itemId: string; quantity: number }[],
  input: { number?: string; orderedAt?: string; promisedDate?: string } = {},
) {
  const number = input.number ?? uniqueName('PO').replace(/[^A-Za-z0-9]+/g, '-');
  const data = dataOf(
    await t.gql(
      CREATE_PURCHASE_ORDER,
      { input: { supplierId, number, orderedAt: input.orderedAt, promisedDate: input.promisedDate ?? daysFromNow(14), lines } },
      Role.ADMIN,
    ),
  );
  return expectType(data.createPurchaseOrder, 'PurchaseOrder') as { __typename: string; id: string; number: string; version: number };
}

/** A PLANNED shipment from `operationId` with `lines`, promised in 2 days unless given. */
export async function createShipment(
  t: TestApp,
  operationId: string,
  lines: { itemId: string; quantity: number }[],
  input: { destination?: string; promisedDate?: string } = {},
) {
  const data = dataOf(
    await t.gql(
      CREATE_SHIPMENT,
      {
        input: {
          operationId,
          destination: input.destination ?? uniqueName('Store'),
          promisedDate: input.promisedDate ?? daysFromNow(2),
          lines,
        },
      },
      Role.ADMIN,
    ),
  );
  return expectType(data.createShipment, 'Shipment') as { __typename: string; id: string; version: number; status: string };
}

/** Ships a shipment as an OPERATOR and returns the result (Shipment, InsufficientStock, …) as it came. */
export async function shipShipment(t: TestApp, id: string, input: { shippedAt?: string; expectedVersion?: number } = {}) {
  return dataOf(await t.gql(SHIP_SHIPMENT, { input: { id, ...input } }, Role.OPERATOR)).shipShipment;
}

/** Confirms a delivery as an OPERATOR (short lines as `{ itemId, deliveredQuantity }`) and returns the result as it came. */
export async function confirmDelivery(
  t: TestApp,
  id: string,
  input: { deliveredAt?: string; lines?: { itemId: string; deliveredQuantity: number }[]; expectedVersion?: number } = {},
) {
  return dataOf(await t.gql(CONFIRM_DELIVERY, { input: { id, ...input } }, Role.OPERATOR)).confirmDelivery;
}

export interface AllocationInput {
  personId: string;
  projectId?: string;
  operationId?: string;
  hoursPerWeek: number;
  from?: string;
  to?: string | null;
  role?: string;
}

/** Allocates a person to an operation or a project (as PROJECT_MANAGER); fails the test unless it is stored. */
export async function allocatePerson(t: TestApp, input: AllocationInput) {
  const data = dataOf(await t.gql(ALLOCATE_PERSON, { input: { role: 'Engineer', ...input } }, Role.PROJECT_MANAGER));
  return expectType(data.allocatePerson, 'Allocation') as {
    id: string;
    version: number;
    hoursPerWeek: number;
    from: string;
    to: string | null;
  };
}
