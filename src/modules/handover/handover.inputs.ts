import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';

/** Most acceptance criteria one handover may carry (the `criteria` list is returned whole). */
export const MAX_ACCEPTANCE_CRITERIA = 50;
/** Longest early-life support, in days. */
export const MAX_SUPPORT_DAYS = 365;
/** Early-life support when handOverProject does not say, in days. */
export const DEFAULT_SUPPORT_DAYS = 30;
/** Largest throughput target accepted, units per hour. */
export const MAX_TARGET_THROUGHPUT = 1_000_000_000;

@InputType({ description: 'What the operation should achieve once handed over. Omitted targets are not compared.' })
export class HandoverTargetsInput {
  @Field(() => Float, { nullable: true, description: 'Units per hour of run time of the final process, 0 – 1,000,000,000.' })
  @IsOptional()
  @Min(0)
  @Max(MAX_TARGET_THROUGHPUT)
  throughputPerHour?: number | null;

  @Field(() => Float, { nullable: true, description: 'Rolled throughput yield of the whole workflow, 0–1 (0.95, not 95).' })
  @IsOptional()
  @Min(0)
  @Max(1)
  yield?: number | null;

  @Field(() => Float, { nullable: true, description: 'OEE of the final process, 0–1 (0.85, not 85).' })
  @IsOptional()
  @Min(0)
  @Max(1)
  oee?: number | null;
}

@InputType({ description: 'Records an acceptance criterion as met or unmet.' })
export class SetAcceptanceCriterionInput {
  @Field(() => ID, { description: 'The criterion.' })
  id: string;

  @Field({ description: 'True: met (records who and when); false: unmet again (clears who and when).' })
  met: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The criterion version the client last read; when given and stale, returns VersionConflict.',
  })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;
}

@InputType({ description: 'Accepts a PROPOSED handover on behalf of the receiving team.' })
export class AcceptHandoverInput {
  @Field(() => ID, { description: 'The handover.' })
  id: string;

  @Field(() => Int, { description: 'The handover version the client last read; a stale one returns VersionConflict.' })
  @Min(1)
  expectedVersion: number;
}

@InputType({ description: 'Closes an accepted handover, ending early-life support if it is still running.' })
export class CloseHandoverInput {
  @Field(() => ID, { description: 'The handover.' })
  id: string;

  @Field(() => Int, { description: 'The handover version the client last read; a stale one returns VersionConflict.' })
  @Min(1)
  expectedVersion: number;
}
