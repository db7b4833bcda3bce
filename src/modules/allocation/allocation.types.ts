import { createUnionType, Field, Float, Int, ObjectType } from 'type-graphql';
import { KpiValue } from '../throughput/throughput.types';
import { Operation } from '../operation/operation.entity';
import { Project } from '../project/project.entity';

/** Where a person's hours go: an operation or a project. */
export const AllocationTarget = createUnionType({
  name: 'AllocationTarget',
  description: 'What an allocation gives hours to: an operation (permanent work) or a project (temporary work).',
  types: () => [Operation, Project] as const,
});

@ObjectType({ description: "One week of a person's load: 7 days counted from the window's start (the last may be shorter)." })
export class WeekLoad {
  @Field({ description: 'Start of the week (inclusive).' })
  start: Date;

  @Field({ description: 'End of the week (exclusive).' })
  end: Date;

  @Field(() => Float, { description: 'Hours allocated in the week.' })
  allocatedHours: number;

  @Field(() => Float, { description: 'Capacity hours in the week.' })
  capacityHours: number;

  @Field(() => KpiValue, { description: 'allocatedHours ÷ capacityHours (key utilisation).' })
  utilisation: KpiValue;

  @Field({ description: 'True when the allocated hours exceed the capacity.' })
  overCapacity: boolean;
}

@ObjectType({
  description: "The hours of a window that went to one operation or project: one piece of the bar of where a person's hours go.",
})
export class LoadShare {
  /** 'Operation' or 'Project' and its row id. */
  targetType: 'Operation' | 'Project';
  targetRowId: number;

  @Field(() => Float, { description: 'Hours allocated to it in the window.' })
  hours: number;

  @Field(() => Float, { description: "hours ÷ the person's capacity hours in the window (0 when they have none)." })
  fractionOfCapacity: number;
}

@ObjectType({
  description:
    "A person's load over a window: allocated hours (operations and projects) against capacity, week by week. Rules: kpiDefinitions key utilisation.",
})
export class PersonLoad {
  @Field({ description: 'Start of the window.' })
  from: Date;

  @Field({ description: 'End of the window.' })
  to: Date;

  @Field({ description: 'Knowledge time the allocations were read at.' })
  asOf: Date;

  @Field(() => Float, { description: 'Hours allocated in the window.' })
  allocatedHours: number;

  @Field(() => Float, { description: 'Capacity hours in the window (capacityHoursPerWeek placed by the working calendar).' })
  capacityHours: number;

  @Field(() => KpiValue, { description: 'allocatedHours ÷ capacityHours over the whole window; NO_CAPACITY when there is none.' })
  utilisation: KpiValue;

  @Field(() => [WeekLoad], { description: 'Every week of the window, in order.' })
  weeks: WeekLoad[];

  @Field(() => [WeekLoad], { description: 'The weeks over capacity (allocated hours above capacity), in order.' })
  overCapacityWeeks: WeekLoad[];

  @Field(() => Int, { description: 'How many weeks are over capacity.' })
  overCapacityWeekCount: number;

  @Field(() => [LoadShare], { description: 'Where the hours go: one entry per operation or project, most hours first.' })
  shares: LoadShare[];
}

@ObjectType({
  description:
    'Hours allocated to an operation or a project over a window, against the hours the work needs when an estimate exists. Rules: kpiDefinitions key staffingCoverage.',
})
export class Staffing {
  @Field({ description: 'Start of the window.' })
  from: Date;

  @Field({ description: 'End of the window.' })
  to: Date;

  @Field({ description: 'Knowledge time the allocations were read at.' })
  asOf: Date;

  @Field(() => Float, { description: 'Hours allocated in the window, summed over its people (each spread evenly over the week).' })
  allocatedHours: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Hours the work needs in the window, from an estimate; null when there is none (no milestone or operation carries an hours estimate yet).',
  })
  neededHours: number | null;

  @Field(() => KpiValue, {
    description: 'allocatedHours ÷ neededHours; NO_ESTIMATE (value null) when there is no estimate: then only allocatedHours is known.',
  })
  coverage: KpiValue;

  @Field(() => Int, { description: 'People with an allocation in the window.' })
  people: number;
}
