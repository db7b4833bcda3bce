import { createUnionType, Field, ObjectType } from 'type-graphql';
import { ShiftCalendar } from './calendar.entity';

@ObjectType({ description: "The calendar was removed: the target now runs 24/7 (or follows its operation's calendar)." })
export class CalendarRemoved {
  @Field({ description: 'Always true.' })
  removed: boolean = true;
}

export const SetShiftCalendarResult = createUnionType({
  name: 'SetShiftCalendarResult',
  description: 'The calendar now in force for the target (null fields when removed).',
  types: () => [ShiftCalendar, CalendarRemoved] as const,
});
