import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, ValidateNested } from 'class-validator';
import { Shift } from './calendar.entity';

@InputType({
  description:
    "Sets (replaces) the shift calendar of an operation or, as an override, of one process, or a person's working calendar. Give exactly one of operationId, processId and personId.",
})
export class SetShiftCalendarInput {
  @Field(() => ID, { nullable: true, description: 'The operation whose calendar to set.' })
  @IsOptional()
  operationId?: string | null;

  @Field(() => ID, { nullable: true, description: "The process whose own calendar to set (overrides the operation's)." })
  @IsOptional()
  processId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The person whose working calendar to set: their capacity (capacityHoursPerWeek) applies in its shifts, minus breaks. Without one it is spread over the whole week.',
  })
  @IsOptional()
  personId?: string | null;

  @Field({ description: 'IANA time zone, e.g. "Europe/Berlin".' })
  @Length(1, 64)
  timeZone: string;

  @Field(() => [Shift], {
    nullable: true,
    description:
      "Shifts (at most 50); null removes the calendar, so the target runs 24/7 (a process falls back to its operation's calendar).",
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  shifts?: Shift[] | null;
}
