import { Field, Float, ID, Int, ObjectType, createUnionType } from 'type-graphql';
import { ErrorResult, InvalidStateTransition, VersionConflict } from '../../common/types';
import type { KpiComparison } from '../../kpi';
import { KpiValue, TimeWindow } from '../throughput/throughput.types';
import { Operation } from '../operation/operation.entity';
import { Process } from '../process/process.entity';
import { Project } from '../project/project.entity';
import { AcceptanceCriterion, Handover } from './handover.entity';

@ObjectType({
  description: 'A completed handover: the project (now COMPLETED), the operation that runs its result, and the PROPOSED Handover record.',
})
export class HandoverResult {
  @Field(() => Project, { description: 'The handed-over project, now COMPLETED.' })
  project: Project;

  @Field(() => Operation, { description: 'The operation that received the project (new or existing).' })
  operation: Operation;

  @Field(() => Handover, { description: 'The handover record, PROPOSED: criteria, targets, pilot baseline and support window.' })
  handover: Handover;

  constructor(project: Project, operation: Operation, handover: Handover) {
    this.project = project;
    this.operation = operation;
    this.handover = handover;
  }
}

@ObjectType({
  implements: ErrorResult,
  description: 'The handover still has unmet acceptance criteria, so it cannot be accepted. Nothing was changed.',
})
export class HandoverNotReady implements ErrorResult {
  @Field({ description: 'Stable machine-readable code.' }) code: string = 'HANDOVER_NOT_READY';
  @Field({ description: 'Human-readable explanation.' }) message: string;

  @Field(() => ID, { description: 'The handover.' })
  handoverId: string;

  @Field(() => Int, { description: 'How many acceptance criteria are still unmet (at least 1).' })
  unmetCriteria: number;

  constructor(handoverId: string, unmetCriteria: number) {
    this.handoverId = handoverId;
    this.unmetCriteria = unmetCriteria;
    this.message = `Handover ${handoverId} has ${unmetCriteria} unmet acceptance ${unmetCriteria === 1 ? 'criterion' : 'criteria'}; nothing was changed`;
  }
}

@ObjectType({ description: 'Target KPIs agreed for the operation at handover; null where none was set.' })
export class HandoverTargets {
  @Field(() => Float, { nullable: true, description: 'Units per hour of run time of the final process.' })
  throughputPerHour: number | null;

  @Field(() => Float, { nullable: true, description: 'Rolled throughput yield of the workflow, 0–1.' })
  yield: number | null;

  @Field(() => Float, { nullable: true, description: 'OEE of the final process, 0–1.' })
  oee: number | null;

  static of(h: Handover): HandoverTargets {
    return Object.assign(new HandoverTargets(), { throughputPerHour: h.targetThroughputPerHour, yield: h.targetYield, oee: h.targetOee });
  }
}

@ObjectType({
  description:
    "KPIs measured at handover from the pilot: samples of the operation's processes between the project start and the handover, " +
    'over the span those samples cover. Values are null when the pilot recorded nothing to compute them from.',
})
export class HandoverBaseline {
  @Field(() => Date, {
    nullable: true,
    description: 'Start of the measured span: the later of the project start and the first pilot sample. Null without samples.',
  })
  from: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'End of the measured span: the earlier of the handover and the end of the last pilot sample. Null without samples.',
  })
  to: Date | null;

  @Field(() => Float, { nullable: true, description: 'Units per hour of run time of the final process over the span.' })
  unitsPerHour: number | null;

  @Field(() => Float, { nullable: true, description: 'Rolled throughput yield of the workflow over the span.' })
  yield: number | null;

  @Field(() => Float, { nullable: true, description: 'OEE of the final process over the span.' })
  oee: number | null;

  @Field(() => Int, { description: "How many samples (of all the operation's processes) the baseline was measured from." })
  sampleCount: number;

  static of(h: Handover): HandoverBaseline {
    return Object.assign(new HandoverBaseline(), {
      from: h.baselineFrom,
      to: h.baselineTo,
      unitsPerHour: h.baselineUnitsPerHour,
      yield: h.baselineYield,
      oee: h.baselineOee,
      sampleCount: h.baselineSampleCount,
    });
  }
}

@ObjectType({
  description: 'One KPI measured over a window, next to its handover target and pilot baseline. Higher is better for every one of them.',
})
export class HandoverKpiComparison {
  @Field(() => KpiValue, { description: 'The measured value (null with a reason when undefined).' })
  actual: KpiValue;

  @Field(() => Float, { nullable: true, description: 'The target; null when none was set.' })
  target: number | null;

  @Field(() => Float, { nullable: true, description: 'The pilot baseline; null when the pilot gave none.' })
  baseline: number | null;

  @Field(() => Float, { nullable: true, description: 'actual − target (positive = better than the target); null when either is missing.' })
  deltaToTarget: number | null;

  @Field(() => Float, { nullable: true, description: 'actual − baseline (positive = better than the pilot); null when either is missing.' })
  deltaToBaseline: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True when actual ≥ target; null when there is no target or no actual.' })
  meetsTarget: boolean | null;

  static of(key: string, c: KpiComparison): HandoverKpiComparison {
    return Object.assign(new HandoverKpiComparison(), {
      actual: KpiValue.of(key, c.actual),
      target: c.target,
      baseline: c.baseline,
      deltaToTarget: c.deltaToTarget,
      deltaToBaseline: c.deltaToBaseline,
      meetsTarget: c.meetsTarget,
    });
  }
}

@ObjectType({ description: "How the handed-over operation performs over a window against the handover's targets and pilot baseline." })
export class HandoverComparison {
  @Field(() => TimeWindow, { description: 'The window the actuals cover.' })
  window: TimeWindow;

  @Field(() => Process, {
    nullable: true,
    description: 'The final process (highest sequence) whose throughput and OEE are compared; null without processes.',
  })
  finalProcess: Process | null;

  @Field(() => HandoverKpiComparison, { description: 'Units per hour of run time of the final process (KPI unitsPerHour).' })
  throughput: HandoverKpiComparison;

  @Field(() => HandoverKpiComparison, { description: 'Rolled throughput yield of the workflow (KPI rolledThroughputYield).' })
  yield: HandoverKpiComparison;

  @Field(() => HandoverKpiComparison, { description: 'OEE of the final process (KPI oee).' })
  oee: HandoverKpiComparison;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when every KPI with a target meets it; false when any misses it or cannot be measured in the window; null when no target was set.',
  })
  meetsTargets: boolean | null;
}

export const HandOverProjectResult = createUnionType({
  name: 'HandOverProjectResult',
  description: 'The completed handover, or why nothing was changed.',
  types: () => [HandoverResult, InvalidStateTransition, VersionConflict] as const,
});

export const SetAcceptanceCriterionResult = createUnionType({
  name: 'SetAcceptanceCriterionResult',
  description:
    'The updated criterion, or why nothing was changed (VersionConflict; InvalidStateTransition unless the handover is PROPOSED).',
  types: () => [AcceptanceCriterion, VersionConflict, InvalidStateTransition] as const,
});

export const AcceptHandoverResult = createUnionType({
  name: 'AcceptHandoverResult',
  description: 'The accepted handover, or why nothing was changed.',
  types: () => [Handover, HandoverNotReady, VersionConflict, InvalidStateTransition] as const,
});

export const CloseHandoverResult = createUnionType({
  name: 'CloseHandoverResult',
  description: 'The closed handover, or why nothing was changed.',
  types: () => [Handover, VersionConflict, InvalidStateTransition] as const,
});
