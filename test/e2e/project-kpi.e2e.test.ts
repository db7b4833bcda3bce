import { dataOf, Role } from '../harness/app';
import { COMPLETE_MILESTONE, CREATE_PROJECT, UPDATE_MILESTONE } from '../harness/documents';
import { createMilestone, createRisk, recordProjectCost } from '../harness/factories';
import { describeApp } from '../harness/suite';

// The app's clock stands at 2026-01-01 until a test moves it (t.clock.set), so progress and costs happen "on" chosen dates.
describeApp('project KPIs on %s', { clock: '2026-01-01T00:00:00Z' }, ({ t }) => {
  async function build() {
    t.clock.set('2026-01-01T00:00:00Z');
    const project = dataOf(
      await t.gql(
        CREATE_PROJECT,
        {
          input: {
            name: 'EVM worked example',
            startDate: '2026-01-01T00:00:00Z',
            dueDate: '2026-12-31T00:00:00Z',
            budget: 100000,
            status: 'ACTIVE',
          },
        },
        Role.PROJECT_MANAGER,
      ),
    ).createProject;
    expect(project.__typename).toBe('Project');
    const m: Record<string, { id: string; version: number }> = {};
    for (const [name, weight, due] of [
      ['M1', 1, '2026-03-01'],
      ['M2', 2, '2026-06-01'],
      ['M3', 1, '2026-09-01'],
      ['M4', 4, '2026-12-01'],
      ['M5', 3, '2026-10-01'],
    ] as const) {
      m[name] = await createMilestone(t, project.id, { name, weight, dueDate: `${due}T00:00:00Z` });
    }
    t.clock.set('2026-02-20T00:00:00Z');
    expect(dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: m.M1.id } }, Role.PROJECT_MANAGER)).completeMilestone.__typename).toBe(
      'Milestone',
    );
    await recordProjectCost(t, project.id, 30000, { incurredAt: '2026-02-15T00:00:00Z', description: 'Design sprint' });
    t.clock.set('2026-05-10T00:00:00Z');
    expect(
      dataOf(
        await t.gql(
          UPDATE_MILESTONE,
          { input: { id: m.M2.id, expectedVersion: m.M2.version, status: 'IN_PROGRESS', percentComplete: 75 } },
          Role.PROJECT_MANAGER,
        ),
      ).updateMilestone.__typename,
    ).toBe('Milestone');
    expect(
      dataOf(
        await t.gql(UPDATE_MILESTONE, { input: { id: m.M5.id, expectedVersion: m.M5.version, status: 'CANCELLED' } }, Role.PROJECT_MANAGER),
      ).updateMilestone.__typename,
    ).toBe('Milestone');
    await createRisk(t, project.id, { title: 'Key developer leaves', probability: 4, impact: 4 });
    t.clock.set('2026-06-20T00:00:00Z');
    await recordProjectCost(t, project.id, 15000, { incurredAt: '2026-06-15T00:00:00Z', description: 'Build' });
    t.clock.set('2026-08-01T00:00:00Z');
    // Progress after the status date must not change the answer for it.
    await recordProjectCost(t, project.id, 5000, { incurredAt: '2026-07-20T00:00:00Z', description: 'Later' });
    return { projectId: project.id as string, m };
  }

  it('computes progress, earned value, health with reasons and a forecast as of a status date (hand-computed)', async () => {
    const { projectId, m } = await build();
    // M3 done after the status date: ignored as of 2026-07-01.
    expect(dataOf(await t.gql(COMPLETE_MILESTONE, { input: { id: m.M3.id } }, Role.PROJECT_MANAGER)).completeMilestone.__typename).toBe(
      'Milestone',
    );
    // Status date and knowledge time both 2026-07-01: the report as it read on that day.
    const p = dataOf(await t.gql(KPIS, { id: projectId, statusDate: '2026-07-01T00:00:00Z', asOf: '2026-07-01T00:00:00Z' })).project;

    // Non-cancelled weights 1 + 2 + 1 + 4 = 8; M1 done, M2 at 75 %: (100 + 150) / 800.
    expect(p.progress.rule).toBe('WEIGHT_BASED');
    expect(p.progress.value.value).toBeCloseTo(0.3125, 4);
    expect(p.progress.countBased.value).toBeCloseTo(0.25, 4);

    const ev = p.earnedValue;
    // Every amount is a MoneyKpi: Money in currency units with exact cents, rounded to the cent.
    expect(ev.statusDate).toBe('2026-07-01T00:00:00.000Z');
    expect(ev.budgetAtCompletion).toMatchObject({ money: { amount: 100_000, cents: '10000000', currency: 'EUR' }, reason: null });
    expect(ev.budgetAtCompletion.definition).toMatchObject({ key: 'budgetAtCompletion', unit: 'money' });
    expect(ev.plannedValue.money).toMatchObject({ amount: 37_500, cents: '3750000' }); // M1 + M2 due by July: 3/8 of BAC
    expect(ev.earnedValue.money).toMatchObject({ amount: 31_250, cents: '3125000' });
    expect(ev.actualCost).toMatchObject({ money: { amount: 45_000, cents: '4500000' }, reason: null });
    expect(ev.costVariance.money).toMatchObject({ amount: -13_750, cents: '-1375000' });
    expect(ev.scheduleVariance.money).toMatchObject({ amount: -6_250, cents: '-625000' });
    expect(ev.costVariance.money.formatted).toBe('-€13,750.00');
    expect(ev.cpi.value).toBeCloseTo(0.694444, 4);
    expect(ev.spi.value).toBeCloseTo(0.833333, 4);
    expect(ev.estimateAtCompletion.money).toMatchObject({ amount: 144_000, cents: '14400000' });
    expect(ev.estimateToComplete.money).toMatchObject({ amount: 99_000, cents: '9900000' });
    expect(ev.varianceAtCompletion.money).toMatchObject({ amount: -44_000, cents: '-4400000' });
    expect(ev.estimateAtCompletion.definition.unit).toBe('money');
    expect(ev.cpi.definition.unit).toBe('ratio');
    expect(ev.tcpi.value).toBeCloseTo(1.25, 4);
    expect(ev.spi.definition.standard).toMatch(/PMI|EVM/);

    expect(p.health.status).toBe('OFF_TRACK');
    const reasons = Object.fromEntries(p.health.reasons.map((r: any) => [r.metric, r]));
    expect(reasons.SPI).toMatchObject({ severity: 'OFF_TRACK', threshold: 0.85 });
    expect(reasons.SPI.value).toBeCloseTo(0.833333, 4);
    expect(reasons.CPI).toMatchObject({ severity: 'OFF_TRACK', threshold: 0.85 });
    expect(reasons.OVERDUE_MILESTONES).toMatchObject({ value: 1, severity: 'AT_RISK' });
    expect(reasons.HIGH_RISKS).toMatchObject({ value: 1, threshold: 1, severity: 'AT_RISK' });

    const planned = Date.parse('2026-12-31T00:00:00Z') - Date.parse('2026-01-01T00:00:00Z');
    const expected = Date.parse('2026-01-01T00:00:00Z') + planned / (3_125_000 / 3_750_000);
    expect(p.forecastCompletionDate.method).toBe('SPI_DURATION');
    expect(Math.abs(Date.parse(p.forecastCompletionDate.date) - expected)).toBeLessThan(1000);

    // Today (clock 2026-08-01) M3 is done and 50,000 are spent.
    const today = dataOf(await t.gql(KPIS, { id: projectId })).project;
    expect(today.progress.value.value).toBeCloseTo(0.4375, 4);
    expect(today.earnedValue.actualCost.money.cents).toBe('5000000');
    expect(today.nextMilestone.name).toBe('M2');
  });

  it('returns null with a reason instead of dividing by zero for a project without milestones or costs', async () => {
    t.clock.set('2026-01-01T00:00:00Z');
    const project = dataOf(
      await t.gql(
        CREATE_PROJECT,
        { input: { name: 'Empty', startDate: '2026-01-01T00:00:00Z', dueDate: '2026-02-01T00:00:00Z', budget: 0 } },
        Role.PROJECT_MANAGER,
      ),
    ).createProject;
    const p = dataOf(await t.gql(KPIS, { id: project.id })).project;
    expect(p.progress.value).toMatchObject({ value: null, reason: expect.stringMatching(/^NO_MILESTONES: /) });
    expect(p.earnedValue.cpi.value).toBeNull();
    expect(p.earnedValue.plannedValue).toMatchObject({ money: null, reason: expect.stringMatching(/^NO_BUDGET: /) });
    expect(p.earnedValue.actualCost).toMatchObject({ money: { cents: '0' }, reason: expect.stringMatching(/^NO_COST: /) });
    expect(p.earnedValue.cpi.reason).toMatch(/^[A-Z_]+: /);
    expect(p.health.status).toBe('ON_TRACK');
    expect(p.forecastCompletionDate.date).toBeNull();
  });
});

const K = `value reason definition { key unit standard }`;
const M = `money { amount cents currency formatted } reason definition { key unit standard }`;
const KPIS = `query ($id: ID!, $statusDate: DateTimeISO, $asOf: DateTimeISO) { project(id: $id) {
  progress(statusDate: $statusDate, asOf: $asOf) { rule value { ${K} } countBased { ${K} } weightBased { ${K} } }
  earnedValue(statusDate: $statusDate, asOf: $asOf) { statusDate asOf budgetAtCompletion { ${M} } actualCost { ${M} } plannedValue { ${M} }
    earnedValue { ${M} } costVariance { ${M} } scheduleVariance { ${M} } cpi { ${K} } spi { ${K} }
    estimateAtCompletion { ${M} } estimateToComplete { ${M} } varianceAtCompletion { ${M} } tcpi { ${K} } }
  health(statusDate: $statusDate, asOf: $asOf) { status reasons { metric value threshold severity message } }
  forecastCompletionDate(statusDate: $statusDate, asOf: $asOf) { date method reason }
  nextMilestone { name }
} }`;
