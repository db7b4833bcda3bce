/**
 * The demo data set: a clothing brand with a garment plant (and its season's production orders), order fulfilment, an app-support
 * operation handed over by a finished project (with its Handover: criteria, targets, a baseline
 * measured from the pilot's samples and early-life support), stock, and four projects in different states.
 * Deterministic (seeded PRNG) and dated relative to the moment of seeding, so dashboards always
 * show "the last 21 days". Written straight through TypeORM in a few transactions with multi-row
 * inserts, so scale 1 seeds in about a second on SQLite.
 */
import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { App } from '../app';
import { AcceptanceCriterion, Handover, HandoverStatus } from '../modules/handover/handover.entity';
import { seededRandom } from '../kpi/seeded-random';
import { CostEntry } from '../modules/cost/cost.entity';
import { InventoryItem, StockMovement } from '../modules/inventory/inventory.entity';
import { Milestone, MilestoneStatus } from '../modules/milestone/milestone.entity';
import { Operation, OperationStatus } from '../modules/operation/operation.entity';
import { Process, ProcessStatus, ThroughputSample } from '../modules/process/process.entity';
import { Project } from '../modules/project/project.entity';
import { Risk } from '../modules/risk/risk.entity';
import { Person, Team, TeamKind, TeamMember } from '../modules/team/team.entity';
import { ProductionOrder } from '../modules/production-order/production-order.entity';
import { DAY_MS, generateMovements, generateSamples, sampleGridEnd, type ProcessProfile, type SampleRow } from './generators';
import { planDemoOrders } from './orders';
import { seedSupply } from './supply';
import { seedAllocations } from './people';
import {
  FULFILMENT_PROCESSES,
  GARMENT_PROCESSES,
  PEOPLE,
  PILOT_HANDOVER,
  plantProjectSpec,
  type ProcessSpec,
  type ProjectSpec,
  projectSpecs,
  STOCK,
  SUPPORT_PROCESSES,
} from './catalogue';

/** Days of throughput and stock history. */
export const DEMO_HISTORY_DAYS = 21;
/** Rows per multi-row INSERT. */
const CHUNK = 500;
const SEED = 20_240_917;
/** The pilot's samples draw from their own sequence, so the rest of the data set stays as it was. */
const PILOT_SEED = SEED + 1;

export interface SeedOptions {
  /** Multiplies operations (garment plants 2…N) and projects. Integer 1–1000; default 1. */
  scale?: number;
  /** Delete every row of every table first. Default false. */
  reset?: boolean;
  /** Called after every chunk written: rows done so far, rows planned in total, and what is being written. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** The moment the demo is dated from. Default: `new Date()` when seeding starts. */
  now?: Date;
}

export interface SeedSummary {
  /** Rows per table after seeding. */
  counts: Record<string, number>;
  /** Wall time of the seed, in milliseconds. */
  ms: number;
}

/**
 * Every table of the entity model, children before parents (by their NOT NULL foreign keys), so
 * rows can be deleted in this order. Derived from the metadata, so new tables are included.
 */
function deleteOrder(dataSource: DataSource): EntityMetadata[] {
  const metas = dataSource.entityMetadatas;
  const order: EntityMetadata[] = [];
  const placed = new Set<string>();
  while (order.length < metas.length) {
    const next = metas.find(
      (m) =>
        !placed.has(m.tableName) &&
        // Every table that references m through a NOT NULL key must already be placed.
        metas.every(
          (other) =>
            other === m ||
            placed.has(other.tableName) ||
            !other.foreignKeys.some((fk) => fk.referencedEntityMetadata.tableName === m.tableName && fk.columns.some((c) => !c.isNullable)),
        ),
    );
    if (!next) throw new Error('Cannot order tables for deletion: NOT NULL foreign keys form a cycle');
    order.push(next);
    placed.add(next.tableName);
  }
  return order;
}

/**
 * Deletes every row of every table in one transaction, for SQLite and MySQL alike. Teams, projects
 * and operations point at each other, so every nullable foreign key is cleared first; then tables
 * go children first. Tables the migrations have not created yet are skipped.
 */
export async function resetDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const order = deleteOrder(dataSource);
    const existing: EntityMetadata[] = [];
    for (const meta of order) if (await manager.queryRunner!.hasTable(meta.tableName)) existing.push(meta);
    for (const meta of existing) {
      const nullable = [...new Set(meta.foreignKeys.flatMap((fk) => fk.columns).filter((c) => c.isNullable))];
      if (nullable.length === 0) continue;
      await manager
        .createQueryBuilder()
        .update(meta.target)
        .set(Object.fromEntries(nullable.map((c) => [c.propertyName, null])))
        .execute();
    }
    for (const meta of existing) await manager.createQueryBuilder().delete().from(meta.target).execute();
  });
}

/** Rows per table (tables that exist), for summaries. */
export async function countRows(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const runner = dataSource.createQueryRunner();
  try {
    for (const meta of [...deleteOrder(dataSource)].reverse()) {
      if (await runner.hasTable(meta.tableName)) counts[meta.tableName] = await dataSource.getRepository(meta.target).count();
    }
  } finally {
    await runner.release();
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Seeds the demo data set when the database has no operations; otherwise does nothing. */
export async function seedDemoIfEmpty(app: App): Promise<void> {
  if ((await app.dataSource.getRepository(Operation).count()) > 0) return;
  const summary = await seedDemo(app);
  app.logger.info({ ms: summary.ms, samples: summary.counts.throughput_sample }, 'seeded the demo data set');
}

const hours = (n: number) => n * 3600_000;
const days = (n: number) => n * DAY_MS;
const euros = (n: number) => Math.round(n * 100);

async function insertOne<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, data: Partial<T>): Promise<T> {
  const row = manager.create(entity, data as never) as T;
  await manager.insert(entity, row as never);
  return row;
}

/**
 * Writes the demo data set (see the file comment). `reset` deletes everything first; without it the
 * demo is added beside existing data (SKUs and emails must then be free). Returns row counts and
 * the time taken.
 */
export async function seedDemo(app: Pick<App, 'dataSource' | 'services'>, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) throw new RangeError(`scale must be an integer 1–1000, got ${scale}`);
  const dataSource = app.dataSource;
  if (options.reset) await resetDatabase(dataSource);

  const now = options.now ?? new Date();
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const rand = seededRandom(SEED);
  const gridEnd = sampleGridEnd(now);
  const samplesPerProcess = DEMO_HISTORY_DAYS * 96;
  const processCount = GARMENT_PROCESSES.length * scale + FULFILMENT_PROCESSES.length + SUPPORT_PROCESSES.length;
  const pilotSamples = SUPPORT_PROCESSES.length * PILOT_HANDOVER.pilotDays * 96;
  const total = processCount * samplesPerProcess + pilotSamples + 2;
  let done = 0;
  const progress = (rows: number, label: string) => {
    done += rows;
    options.onProgress?.(done, total, label);
  };

  const processes: { row: Process; profile: ProcessProfile }[] = [];
  let garmentRowId = 0;
  let handover: { pilot: Project; support: Operation; team: Team; people: Map<string, Person> } | null = null;

  await dataSource.transaction(async (manager) => {
    const created = at(-days(400));
    const people = new Map<string, Person>();
    for (const [name, key] of PEOPLE) {
      const email = `${name.toLowerCase().replace(/\s+/g, '.')}@threadline.example`;
      people.set(key, await insertOne(manager, Person, { name, email, createdAt: created }));
    }
    const person = (key: string) => people.get(key)!;
    const addMembers = async (team: Team, members: [string, string][], joinedAt: Date) => {
      const rows = members.map(([key, role]) => ({ teamRowId: team.rowId, personRowId: person(key).rowId, role, joinedAt }));
      await manager.insert(TeamMember, rows);
    };
    const crewMembers: [string, string][] = [
      ['supervisor', 'Line supervisor'],
      ['cutter', 'Cutter'],
      ['sewer1', 'Sewer'],
      ['sewer2', 'Sewer'],
      ['qa', 'QA inspector'],
      ['packer', 'Packer'],
    ];

    const crew = await insertOne(manager, Team, {
      name: 'Garment production crew',
      kind: TeamKind.PERMANENT,
      projectRowId: null,
      disbandedAt: null,
      createdAt: created,
    });
    await addMembers(crew, crewMembers, created);
    const fulfilmentTeam = await insertOne(manager, Team, {
      name: 'Fulfilment team',
      kind: TeamKind.PERMANENT,
      projectRowId: null,
      disbandedAt: null,
      createdAt: created,
    });
    await addMembers(
      fulfilmentTeam,
      [
        ['fulfilmentLead', 'Fulfilment lead'],
        ['picker', 'Picker'],
        ['shipping', 'Shipping clerk'],
      ],
      created,
    );
    const digitalTeam = await insertOne(manager, Team, {
      name: 'Digital team',
      kind: TeamKind.PERMANENT,
      projectRowId: null,
      disbandedAt: null,
      createdAt: created,
    });
    await addMembers(
      digitalTeam,
      [
        ['productOwner', 'Product owner'],
        ['developer', 'Developer'],
        ['designer', 'Designer'],
      ],
      created,
    );

    const addOperation = async (
      name: string,
      description: string,
      team: Team,
      specs: ProcessSpec[],
      originProjectRowId: number | null,
      createdAt: Date,
    ) => {
      const operation = await insertOne(manager, Operation, {
        name,
        description,
        status: OperationStatus.ACTIVE,
        teamRowId: team.rowId,
        originProjectRowId,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      });
      for (const [index, spec] of specs.entries()) {
        const row = await insertOne(manager, Process, {
          operationRowId: operation.rowId,
          name: spec.name,
          sequence: index + 1,
          status: ProcessStatus.RUNNING,
          unit: spec.unit,
          targetRatePerHour: spec.target,
          targetYield: spec.targetYield ?? null,
          createdAt,
          updatedAt: createdAt,
          version: 1,
        });
        processes.push({ row, profile: { targetRatePerHour: spec.target, ...spec.profile } });
      }
      return operation;
    };

    const garment = await addOperation(
      'Garment production',
      'Turns organic cotton and denim into finished garments, from fabric sourcing to packed parcels.',
      crew,
      GARMENT_PROCESSES,
      null,
      created,
    );
    garmentRowId = garment.rowId;
    const fulfilment = await addOperation(
      'Customer order fulfilment',
      'Takes retailer and web orders, picks them from the finished-goods stock and ships them.',
      fulfilmentTeam,
      FULFILMENT_PROCESSES,
      null,
      created,
    );
    const plants: Operation[] = [];
    for (let plant = 2; plant <= scale; plant++) {
      const team = await insertOne(manager, Team, {
        name: `Garment production crew — Plant ${plant}`,
        kind: TeamKind.PERMANENT,
        projectRowId: null,
        disbandedAt: null,
        createdAt: created,
      });
      await addMembers(team, crewMembers, created);
      plants.push(
        await addOperation(
          `Garment production — Plant ${plant}`,
          `Garment plant ${plant}: the same workflow as the main plant.`,
          team,
          GARMENT_PROCESSES,
          null,
          created,
        ),
      );
    }

    // Projects, their temporary teams, milestones, risks and costs.
    const costs: Partial<CostEntry>[] = [];
    const specs: { spec: ProjectSpec; improves: Operation | null }[] = projectSpecs().map((spec) => ({
      spec,
      improves: spec.improves === 'fulfilment' ? fulfilment : null,
    }));
    plants.forEach((plant, i) => specs.push({ spec: plantProjectSpec(i + 2), improves: plant }));
    let pilot: Project | null = null;
    const projectsByName = new Map<string, Project>();
    for (const { spec, improves } of specs) {
      const start = at(days(spec.startInDays));
      const completedAt = spec.completedInDays !== undefined ? at(days(spec.completedInDays)) : null;
      const project = await insertOne(manager, Project, {
        name: spec.name,
        goal: spec.goal,
        status: spec.status,
        startDate: start,
        dueDate: at(days(spec.dueInDays)),
        completedAt,
        budgetCents: euros(spec.budget),
        teamRowId: null,
        improvesOperationRowId: improves?.rowId ?? null,
        deliveredOperationRowId: null,
        createdAt: at(days(Math.min(spec.startInDays, 0) - 14)),
        updatedAt: completedAt ?? at(-hours(3)),
        version: 1,
      });
      const team = await insertOne(manager, Team, {
        name: `${spec.name} team`,
        kind: TeamKind.TEMPORARY,
        projectRowId: project.rowId,
        disbandedAt: completedAt,
        createdAt: project.createdAt,
      });
      await addMembers(team, spec.team, project.createdAt);
      await manager.update(Project, { rowId: project.rowId }, { teamRowId: team.rowId });
      const milestones: Milestone[] = [];
      for (const m of spec.milestones) {
        const completed = m.completedInDays !== undefined ? at(days(m.completedInDays)) : null;
        milestones.push(
          await insertOne(manager, Milestone, {
            projectRowId: project.rowId,
            name: m.name,
            ownerRowId: person(m.owner).rowId,
            dueDate: at(days(m.dueInDays)),
            weight: m.weight,
            status: m.status,
            percentComplete: m.status === MilestoneStatus.DONE ? 100 : (m.percent ?? 0),
            completedAt: completed,
            createdAt: project.createdAt,
            updatedAt: completed ?? at(-days(2)),
            version: 1,
          }),
        );
      }
      await manager.insert(
        Risk,
        spec.risks.map((r) => ({
          projectRowId: project.rowId,
          title: r.title,
          probability: r.probability,
          impact: r.impact,
          status: r.status,
          ownerRowId: person(r.owner).rowId,
          mitigation: r.mitigation,
          milestoneRowId: r.milestone !== undefined ? milestones[r.milestone].rowId : null,
          createdAt: start,
          updatedAt: at(-days(3)),
          version: 1,
        })),
      );
      const costEnd = Math.min(completedAt?.getTime() ?? now.getTime(), now.getTime());
      if (spec.weeklyCost > 0) {
        for (let t = start.getTime() + days(7); t <= costEnd; t += days(7)) {
          costs.push({
            projectRowId: project.rowId,
            operationRowId: null,
            amountCents: euros(spec.weeklyCost * (0.95 + rand() * 0.1)),
            incurredAt: new Date(t),
            description: 'Team time (weekly)',
            recordedAt: new Date(t + hours(20)),
          });
        }
      }
      for (const [offset, amount, description] of spec.invoices) {
        const t = start.getTime() + days(offset);
        if (t <= costEnd)
          costs.push({
            projectRowId: project.rowId,
            operationRowId: null,
            amountCents: euros(amount),
            incurredAt: new Date(t),
            description,
            recordedAt: new Date(t + hours(30)),
          });
      }
      projectsByName.set(spec.name, project);
      if (spec.name === 'Ordering app pilot') pilot = project;
    }

    // The pilot handed over an operation: it now runs under the digital team. The operation has
    // existed since the pilot started measuring it, two weeks before the handover.
    const pilotStarted = new Date(pilot!.completedAt!.getTime() - days(PILOT_HANDOVER.pilotDays) - hours(1));
    const support = await addOperation(
      'Ordering app support',
      'Keeps the retailer ordering app running: triage, incidents and small releases.',
      digitalTeam,
      SUPPORT_PROCESSES,
      pilot!.rowId,
      pilotStarted,
    );
    await manager.update(Project, { rowId: pilot!.rowId }, { deliveredOperationRowId: support.rowId });
    handover = { pilot: pilot!, support, team: digitalTeam, people };

    // Who works how many hours a week on which operation and project (src/demo/people.ts).
    await seedAllocations(manager, people, { garment, fulfilment, support }, projectsByName);

    // Operating costs: rent and wages on the 1st of each of the last three months.
    const monthly: [Operation, [string, number][]][] = [
      [
        garment,
        [
          ['Plant rent', 18_000],
          ['Production wages', 62_000],
          ['Energy', 7_400],
        ],
      ],
      [
        fulfilment,
        [
          ['Warehouse rent', 9_000],
          ['Fulfilment wages', 28_000],
        ],
      ],
      [
        support,
        [
          ['Support wages', 14_000],
          ['App hosting', 1_200],
        ],
      ],
      ...plants.map((p): [Operation, [string, number][]] => [
        p,
        [
          ['Plant rent', 16_000],
          ['Production wages', 58_000],
        ],
      ]),
    ];
    for (let back = 2; back >= 0; back--) {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1, 6));
      for (const [operation, lines] of monthly) {
        for (const [description, amount] of lines) {
          costs.push({
            projectRowId: null,
            operationRowId: operation.rowId,
            amountCents: euros(amount),
            incurredAt: month,
            description: `${description} ${month.toISOString().slice(0, 7)}`,
            recordedAt: month,
          });
        }
      }
    }
    for (let i = 0; i < costs.length; i += CHUNK) await manager.insert(CostEntry, costs.slice(i, i + CHUNK));

    // Stock with 21 days of movements; on-hand is the sum of the movements.
    const movements: Partial<StockMovement>[] = [];
    for (const spec of STOCK) {
      const history = generateMovements(spec.profile, now, DEMO_HISTORY_DAYS, rand);
      const item = await insertOne(manager, InventoryItem, {
        sku: spec.sku,
        name: spec.name,
        unit: spec.unit,
        onHand: history.onHand,
        reorderPoint: spec.reorderPoint,
        operationRowId: (spec.operation === 'garment' ? garment : fulfilment).rowId,
        createdAt: history.rows[0].occurredAt,
        updatedAt: history.rows[history.rows.length - 1].occurredAt,
        version: history.rows.length,
      });
      for (const row of history.rows) movements.push({ ...row, itemRowId: item.rowId });
    }
    for (let i = 0; i < movements.length; i += CHUNK) await manager.insert(StockMovement, movements.slice(i, i + CHUNK));
    progress(1, 'organisation, projects and stock');
  });

  // Samples: one transaction per process keeps each one short on MySQL. The garment plant's final
  // process packs its production orders (src/demo/orders.ts): they are written with its samples,
  // each sample naming the order it was packed for.
  for (const { row, profile } of processes) {
    const samples = generateSamples(profile, gridEnd, DEMO_HISTORY_DAYS, rand);
    const packsOrders = row.operationRowId === garmentRowId && row.sequence === GARMENT_PROCESSES.length;
    await dataSource.transaction(async (manager) => {
      const orderRowIds = packsOrders ? await insertDemoOrders(manager, garmentRowId, samples, now) : null;
      for (let i = 0; i < samples.length; i += CHUNK) {
        const chunk = samples
          .slice(i, i + CHUNK)
          .map((s, j) => ({ ...s, processRowId: row.rowId, productionOrderRowId: orderRowIds?.[i + j] ?? null }));
        await manager.insert(ThroughputSample, chunk);
        progress(chunk.length, `samples: ${row.name}`);
      }
    });
  }

  await seedPilotHandover(app, handover!, progress);
  await seedSupply(dataSource, now);

  return { counts: await countRows(dataSource), ms: Date.now() - started };
}

/**
 * Writes the demo's production orders for the final process's `samples` (planDemoOrders) and
 * returns, per sample, the row id of the order it is attributed to (null: none).
 */
async function insertDemoOrders(
  manager: EntityManager,
  operationRowId: number,
  samples: SampleRow[],
  now: Date,
): Promise<(number | null)[]> {
  const { orders, orderOf } = planDemoOrders(samples, now);
  const rowIds: number[] = [];
  for (const order of orders) {
    const row = await insertOne(manager, ProductionOrder, {
      ...order,
      operationRowId,
      completedShort: false,
      shortQuantity: 0,
      cancelledAt: null,
    });
    rowIds.push(row.rowId);
  }
  return orderOf.map((index) => (index === null ? null : rowIds[index]));
}

/**
 * The pilot's samples (the two weeks before its handover, at the pilot's slower pace) and its
 * Handover. The baseline is measured by the same service code handOverProject uses, as of the
 * moment of the handover; the criteria are then recorded as met and the handover accepted, dated
 * as in PILOT_HANDOVER.
 */
async function seedPilotHandover(
  app: Pick<App, 'dataSource' | 'services'>,
  { pilot, support, team, people }: { pilot: Project; support: Operation; team: Team; people: Map<string, Person> },
  progress: (rows: number, label: string) => void,
): Promise<void> {
  const dataSource = app.dataSource;
  const handedOverAt = pilot.completedAt!;
  const rand = seededRandom(PILOT_SEED);
  // End an hour early so every pilot sample was recorded before the handover.
  const end = sampleGridEnd(new Date(handedOverAt.getTime() - hours(1)));
  const supportProcesses = await dataSource
    .getRepository(Process)
    .find({ where: { operationRowId: support.rowId }, order: { sequence: 'ASC' } });
  for (const [index, process] of supportProcesses.entries()) {
    const profile = { targetRatePerHour: SUPPORT_PROCESSES[index].target, ...PILOT_HANDOVER.pilotProfile };
    const samples = generateSamples(profile, end, PILOT_HANDOVER.pilotDays, rand).map((s) => ({ ...s, processRowId: process.rowId }));
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < samples.length; i += CHUNK) {
        const chunk = samples.slice(i, i + CHUNK);
        await manager.insert(ThroughputSample, chunk);
        progress(chunk.length, `pilot samples: ${process.name}`);
      }
    });
  }

  await dataSource.transaction(async (manager) => {
    const record = await app.services.handovers.propose(
      { manager, afterCommit: () => undefined, supportsRowLocks: false },
      {
        projectRowId: pilot.rowId,
        projectStart: pilot.startDate,
        operationRowId: support.rowId,
        receivingTeamRowId: team.rowId,
        criteria: PILOT_HANDOVER.criteria.map(([description]) => description),
        targets: PILOT_HANDOVER.targets,
        supportDays: PILOT_HANDOVER.supportDays,
        now: handedOverAt,
      },
    );
    const metAt = new Date(handedOverAt.getTime() - days(PILOT_HANDOVER.criteriaMetDaysBefore));
    const criteria = await manager.find(AcceptanceCriterion, { where: { handoverRowId: record.rowId }, order: { rowId: 'ASC' } });
    for (const [i, criterion] of criteria.entries()) {
      const metBy = people.get(PILOT_HANDOVER.criteria[i][1])!.email;
      await manager.update(AcceptanceCriterion, { rowId: criterion.rowId }, { met: true, metBy, metAt, updatedAt: metAt, version: 2 });
    }
    const acceptedAt = new Date(handedOverAt.getTime() + days(PILOT_HANDOVER.acceptedDaysAfter));
    await manager.update(
      Handover,
      { rowId: record.rowId },
      {
        status: HandoverStatus.ACCEPTED,
        acceptedAt,
        acceptedBy: people.get('productOwner')!.email,
        supportUntil: new Date(acceptedAt.getTime() + days(PILOT_HANDOVER.supportDays)),
        updatedAt: acceptedAt,
        version: 2,
      },
    );
  });
  progress(1, 'pilot handover');
}
