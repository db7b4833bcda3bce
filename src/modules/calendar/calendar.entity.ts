import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';
import type { CalendarRules } from '../../kpi';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

@ObjectType({ description: "A break inside a shift, in the calendar's local time." })
@InputType('ShiftBreakInput', { description: 'A break inside a shift, local time HH:MM.' })
export class ShiftBreak {
  @Field({ description: 'Start, local HH:MM.' })
  @Matches(HHMM, { message: 'start must be HH:MM (00:00–23:59)' })
  start: string;

  @Field({ description: 'End, local HH:MM.' })
  @Matches(HHMM, { message: 'end must be HH:MM (00:00–23:59)' })
  end: string;
}

@ObjectType({
  description: 'A weekly shift: a day, a local start and end (an end at or before the start means it ends the next day), and breaks.',
})
@InputType('ShiftInput', { description: 'A weekly shift.' })
export class Shift {
  @Field({ description: 'Name, e.g. "Early".' })
  @Length(1, 50)
  name: string;

  @Field(() => Int, { description: 'Day of week the shift starts: 0 = Sunday … 6 = Saturday.' })
  @Min(0)
  @Max(6)
  dayOfWeek: number;

  @Field({ description: 'Start, local HH:MM.' })
  @Matches(HHMM, { message: 'start must be HH:MM (00:00–23:59)' })
  start: string;

  @Field({ description: 'End, local HH:MM; at or before start means the next day.' })
  @Matches(HHMM, { message: 'end must be HH:MM (00:00–23:59)' })
  end: string;

  @Field(() => [ShiftBreak], { description: 'Breaks (not planned production time).' })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  breaks: ShiftBreak[];
}

/**
 * The weekly shift calendar of an operation, or of one process overriding its operation's, or a
 * person's working calendar. Planned production time = shift time minus breaks; without a calendar
 * a process runs 24/7 (and a person's capacity is spread over the whole week).
 */
@Entity('shift_calendar')
@ObjectType({
  description: 'A weekly calendar of shifts with breaks, in a time zone. Planned production time is shift time minus breaks.',
})
export class ShiftCalendar {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  operationRowId: number | null;

  @ManyToOne('Operation', { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operationRowId' })
  private operationFk?: unknown;

  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  processRowId: number | null;

  @ManyToOne('Process', { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'processRowId' })
  private processFk?: unknown;

  /** A person's working calendar: when their capacity applies (see `Person.capacityHoursPerWeek`). */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  personRowId: number | null;

  @ManyToOne('Person', { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personRowId' })
  private personFk?: unknown;

  @Column({ length: 64 })
  @Field({ description: 'IANA time zone of the shift times, e.g. "Europe/Berlin".' })
  timeZone: string;

  @Column({ type: 'simple-json' })
  @Field(() => [Shift], { description: 'The weekly shifts (at most 50).' })
  shifts: Shift[];

  @Column(DATETIME)
  @Field({ description: 'When the calendar was last set.' })
  updatedAt: Date;

  /** What the KPI formulas read of it. */
  rules(): CalendarRules {
    return { timeZone: this.timeZone, shifts: this.shifts };
  }
}
