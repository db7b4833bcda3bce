import { Field, Float, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';

/** Largest absolute amount of one cost entry, in currency units. */
export const MAX_COST_AMOUNT = 1_000_000_000_000;

@InputType({
  description:
    'One cost, booked against exactly one project or one operation. A retry with the same idempotencyKey returns the first result.',
})
export class RecordCostInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The project that spent the money (requires PROJECT_MANAGER). Give this or operationId.',
  })
  @IsOptional()
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The operation that spent the money (requires OPERATOR). Give this or projectId.' })
  @IsOptional()
  operationId?: string | null;

  @Field(() => Float, {
    description:
      'Amount in currency units with at most 2 decimals, non-zero, between -1,000,000,000,000 and 1,000,000,000,000. Positive for spending; negative for a credit note (a refund that reduces actualCost).',
  })
  @Min(-MAX_COST_AMOUNT)
  @Max(MAX_COST_AMOUNT)
  amount: number;

  @Field({ description: 'When the cost was incurred; at most 5 minutes in the future (clock skew).' })
  incurredAt: Date;

  @Field({ description: 'What the money was spent on, 1–500 characters.' })
  @Length(1, 500)
  description: string;

  @Field(() => String, { nullable: true, description: 'Client-chosen key (1–100 printable ASCII characters) that makes retries safe.' })
  @IsOptional()
  @Length(1, 100)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey?: string | null;
}
