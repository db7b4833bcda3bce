import { dataOf, errorCode, Role } from '../harness/app';
import { CREATE_PROJECT, UPDATE_MILESTONE } from '../harness/documents';
import { createMilestone, recordProjectCost } from '../harness/factories';
import { describeApp } from '../harness/suite';

// "Today" is 2026-12-06: the project, its milestones, the late progress update and the late cost are all
// recorded today, describing January to May.
const TODAY = '2026-12-06T12:00:00.000Z';

describeApp('status date versus asOf on %s', { clock: TODAY }, ({ t }) => {
  async function build() {
    t.clock.set(TODAY);
    const project = dataOf(
      await t.gql(
        CREATE_PROJECT,
        {
          input: {
            name: 'Status date worked example',
            startDate: '2026-01-01T00:00:00Z',
            dueDate: '2026-05-01T00:00:00Z',
            budget: 100000,
            status: 'ACTIVE',
          },
        },
        Role.PROJECT_MANAGER,
      ),
    ).createProject;
    expect(project.__typename).toBe('Project');
    const first = await createMilestone(t, project.id, { name: 'Design', weight: 1, dueDate: '2026-03-01T00:00:00Z' });
    const second = await createMilestone(t, project.id, { name: 'Build', weight: 1, dueDate: '2026-05-01T00:00:00Z' });
    const update = dataOf(
      await t.gql(
        UPDATE_MILESTONE,
        {
          input: {
            id: first.id,
            expectedVersion: first.version,
            status: 'IN_PROGRESS',
            percentComplete: 80,
            effectiveAt: '2026-03-01T00:00:00Z',
          },
        },
        Role.PROJECT_MANAGER,
      ),
    ).updateMilestone;
    expect(update).toMatchObject({ __typename: 'Milestone', percentComplete: 80, version: first.version + 1 });
    await recordProjectCost(t, project.id, 45000, { incurredAt: '2026-02-28T00:00:00Z', description: 'February invoices' });
    return { projectId: project.id as string, first: { ...first, version: update.version as number }, second };
  }

  const read = async (projectId: string, args: { statusDate?: string; asOf?: string }) =>
    dataOf(await t.gql(REPORT, { id: projectId, ...args })).project;

  it('reports earned value at the status date with everything known now (the issue’s worked example)', async () => {
    const { projectId } = await build();
    const p = await read(projectId, { statusDate: '2026-03-01T00:00:00Z' });
    const ev = p.earnedValue;
    expect(ev.statusDate).toBe('2026-03-01T00:00:00.000Z');
    expect(ev.asOf).toBe(TODAY);
    expect(ev.budgetAtCompletion.money).toEqual({ amount: 100_000, cents: '10000000', currency: 'EUR', formatted: '€100,000.00' });
    expect(ev.plannedValue).toMatchObject({
      money: { amount: 50_000, cents: '5000000', currency: 'EUR', formatted: '€50,000.00' },
      reason: null,
    });
    expect(ev.earnedValue.money).toMatchObject({ amount: 40_000, cents: '4000000' });
    expect(ev.actualCost).toMatchObject({ money: { amount: 45_000, cents: '4500000', formatted: '€45,000.00' }, reason: null });
    expect(ev.costVariance.money).toMatchObject({ amount: -5_000, cents: '-500000' });
    expect(ev.scheduleVariance.money).toMatchObject({ amount: -10_000, cents: '-1000000' });
    expect(ev.cpi.value).toBeCloseTo(0.8889, 4);
    expect(ev.spi.value).toBeCloseTo(0.8, 9);
    expect(ev.estimateAtCompletion.money).toMatchObject({ amount: 112_500, cents: '11250000', formatted: '€112,500.00' });
    expect(ev.estimateToComplete.money).toMatchObject({ amount: 67_500, cents: '6750000' });
    expect(ev.varianceAtCompletion.money).toMatchObject({ amount: -12_500, cents: '-1250000' });
    expect(ev.tcpi.value).toBeCloseTo(1.0909, 4);
    expect(ev.plannedValue.definition).toMatchObject({ key: 'plannedValue', unit: 'money' });
    expect(ev.cpi.definition).toMatchObject({ key: 'cpi', unit: 'ratio' });

    // Progress at the status date: 80 % of one of two equal weights; health and forecast use SPI 0.8 at it.
    expect(p.progress).toMatchObject({ statusDate: '2026-03-01T00:00:00.000Z', asOf: TODAY, value: { value: 0.4 } });
    expect(p.health.statusDate).toBe('2026-03-01T00:00:00.000Z');
    expect(p.health.status).toBe('OFF_TRACK');
    expect(p.health.reasons.map((r: { metric: string }) => r.metric)).toEqual(['SPI', 'CPI']); // the first milestone is due, not overdue
    const planned = Date.parse('2026-05-01T00:00:00Z') - Date.parse('2026-01-01T00:00:00Z');
    expect(Date.parse(p.forecastCompletionDate.date)).toBeCloseTo(Date.parse('2026-01-01T00:00:00Z') + planned / 0.8, -3);
  });

  it('leaves out what was recorded after asOf, and says why actual cost is 0', async () => {
    const { projectId } = await build();
    const ev = (await read(projectId, { statusDate: '2026-03-01T00:00:00Z', asOf: '2026-12-05T00:00:00Z' })).earnedValue;
    expect(ev.asOf).toBe('2026-12-05T00:00:00.000Z');
    expect(ev.actualCost.money).toEqual({ amount: 0, cents: '0', currency: 'EUR', formatted: '€0.00' });
    expect(ev.actualCost.reason).toBe(
      'NOT_YET_RECORDED: 1 cost entry was incurred by the status date 2026-03-01T00:00:00.000Z but recorded after asOf 2026-12-05T00:00:00.000Z',
    );
    expect(ev.cpi).toMatchObject({ value: null, reason: expect.stringMatching(/^NO_COST: /) });
    // Nor was any milestone recorded by then.
    expect(ev.plannedValue).toMatchObject({ money: null, reason: expect.stringMatching(/^NO_MILESTONES: /) });
  });

  it('sees a late progress update only from its effective date on, and costs only from when they were incurred', async () => {
    const { projectId } = await build();
    const before = (await read(projectId, { statusDate: '2026-02-27T00:00:00Z' })).earnedValue;
    expect(before.earnedValue.money.cents).toBe('0'); // 80 % takes effect on 1 March
    expect(before.plannedValue.money.cents).toBe('0'); // nothing due yet
    expect(before.actualCost).toMatchObject({
      money: { cents: '0' },
      reason: expect.stringMatching(/^NO_COST: no cost incurred by the status date/),
    });
    const now = (await read(projectId, {})).earnedValue;
    expect(now.statusDate).toBe(TODAY);
    expect(now.plannedValue.money.cents).toBe('10000000');
    expect(now.earnedValue.money.cents).toBe('4000000');
  });

  it('refuses an effectiveAt after now, before the project start or before the previous change, leaving the milestone unchanged', async () => {
    const { projectId, first } = await build();
    const report = await read(projectId, { statusDate: '2026-03-01T00:00:00Z' });
    for (const effectiveAt of ['2026-12-06T12:00:01Z', '2025-12-31T23:59:59Z', '2026-02-28T00:00:00Z']) {
      const response = await t.gql(
        UPDATE_MILESTONE,
        { input: { id: first.id, expectedVersion: first.version, percentComplete: 90, effectiveAt } },
        Role.PROJECT_MANAGER,
      );
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).toContain('effectiveAt');
      expect(JSON.stringify(response.errors)).not.toMatch(/SELECT|stack/i);
    }
    const node = dataOf(await t.gql(MILESTONE, { id: first.id })).node;
    expect(node).toMatchObject({ percentComplete: 80, version: first.version, status: 'IN_PROGRESS' });
    expect(await read(projectId, { statusDate: '2026-03-01T00:00:00Z' })).toEqual(report);
  });

  it('completes a milestone at the stated effective date and defaults an update to take effect now', async () => {
    const { projectId, first, second } = await build();
    const done = dataOf(
      await t.gql(
        UPDATE_MILESTONE,
        { input: { id: first.id, expectedVersion: first.version, status: 'DONE', effectiveAt: '2026-03-10T00:00:00Z' } },
        Role.PROJECT_MANAGER,
      ),
    ).updateMilestone;
    expect(done).toMatchObject({ status: 'DONE', completedAt: '2026-03-10T00:00:00.000Z' });
    expect((await read(projectId, { statusDate: '2026-03-09T00:00:00Z' })).progress.value.value).toBeCloseTo(0.4, 9);
    expect((await read(projectId, { statusDate: '2026-03-10T00:00:00Z' })).progress.value.value).toBeCloseTo(0.5, 9);
    // Without effectiveAt the change takes effect now: reports at an earlier status date do not see it.
    const started = dataOf(
      await t.gql(
        UPDATE_MILESTONE,
        { input: { id: second.id, expectedVersion: second.version, percentComplete: 50 } },
        Role.PROJECT_MANAGER,
      ),
    ).updateMilestone;
    expect(started.percentComplete).toBe(50);
    expect((await read(projectId, { statusDate: '2026-05-01T00:00:00Z' })).progress.value.value).toBeCloseTo(0.5, 9);
    expect((await read(projectId, {})).progress.value.value).toBeCloseTo(0.75, 9);
  });
});

const M = `money { amount cents currency formatted } reason definition { key unit }`;
const K = `value reason definition { key unit }`;
const REPORT = `query ($id: ID!, $statusDate: DateTimeISO, $asOf: DateTimeISO) { project(id: $id) {
  progress(statusDate: $statusDate, asOf: $asOf) { statusDate asOf value { ${K} } }
  earnedValue(statusDate: $statusDate, asOf: $asOf) { statusDate asOf
    budgetAtCompletion { ${M} } plannedValue { ${M} } earnedValue { ${M} } actualCost { ${M} } costVariance { ${M} }
    scheduleVariance { ${M} } cpi { ${K} } spi { ${K} } estimateAtCompletion { ${M} } estimateToComplete { ${M} }
    varianceAtCompletion { ${M} } tcpi { ${K} } }
  health(statusDate: $statusDate, asOf: $asOf) { statusDate asOf status reasons { metric value } }
  forecastCompletionDate(statusDate: $statusDate, asOf: $asOf) { statusDate asOf date method reason }
} }`;
const MILESTONE = `query ($id: ID!) { node(id: $id) { ... on Milestone { percentComplete status version } } }`;
