import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IsEmail, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';
import { type Person, type Team, TeamKind } from './team.entity';

@InputType({ description: 'A new person.' })
export class CreatePersonInput {
  @Field({ description: 'Full name, 1–200 characters.' })
  @Length(1, 200)
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'Work e-mail address (stored lower-case); must not belong to another person. Optional.',
  })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;
}

@InputType({ description: 'A new team.' })
export class CreateTeamInput {
  @Field({ description: 'Team name, 1–200 characters.' })
  @Length(1, 200)
  name: string;

  @Field(() => TeamKind, { description: 'PERMANENT (runs operations) or TEMPORARY (staffs one project).' })
  kind: TeamKind;

  @Field(() => ID, {
    nullable: true,
    description:
      'The project a TEMPORARY team staffs: required for TEMPORARY, forbidden for PERMANENT. The project must be open and have no team yet; it gets this team (and its version increases).',
  })
  @IsOptional()
  projectId?: string | null;
}

@InputType({ description: 'Adds a person to a team: an existing person (`personId`) or a new one (`newPerson`), exactly one of the two.' })
export class AddTeamMemberInput {
  @Field(() => ID, { description: 'The team to join; a disbanded team refuses new members.' })
  teamId: string;

  @Field(() => ID, { nullable: true, description: 'An existing person. Give this or `newPerson`, not both.' })
  @IsOptional()
  personId?: string | null;

  @Field(() => CreatePersonInput, {
    nullable: true,
    description: 'A person to create and add in the same transaction. Give this or `personId`, not both.',
  })
  @IsOptional()
  @ValidateNested()
  newPerson?: CreatePersonInput | null;

  @Field({ description: 'The member\'s role in the team, 1–100 characters, e.g. "Line supervisor".' })
  @Length(1, 100)
  role: string;

  @Field(() => Float, {
    nullable: true,
    description:
      "TEMPORARY teams only: hours a week the member is allocated to the team's project, from its start date to its due date, with the member's role (0–168; default 20; 0 = no allocation). Refused for a PERMANENT team: allocate people to operations with allocatePerson.",
  })
  @IsOptional()
  @Min(0)
  @Max(168)
  projectHoursPerWeek?: number | null;
}

/** The columns a teams list sorts by (alias `t`). */
const TEAM_COLUMNS = {
  id: { sql: 't.id', read: (t: Team) => t.rowId },
  name: { sql: 't.name', type: 'string', read: (t: Team) => t.name },
  createdAt: { sql: 't.createdAt', type: 'date', read: (t: Team) => t.createdAt },
} as const;

/** The `orderBy` values of the teams list and what each sorts by (and so what its cursors hold). */
export const { OrderBy: TeamOrderBy, orderings: TEAM_ORDERINGS } = defineOrderings<Team>()(
  'teams',
  'TeamOrderBy',
  'Sort order of a teams list.',
  {
    NAME_ASC: { description: 'By name, A → Z.', keys: [[TEAM_COLUMNS.name, 'ASC']] },
    NAME_DESC: { description: 'By name, Z → A.', keys: [[TEAM_COLUMNS.name, 'DESC']] },
    CREATED_AT_DESC: { description: 'Newest first.', keys: [[TEAM_COLUMNS.createdAt, 'DESC']] },
  },
  TEAM_COLUMNS.id,
);
export type TeamOrderBy = keyof typeof TEAM_ORDERINGS;

@InputType({ description: 'Filters for the teams list; all given filters must match.' })
export class TeamFilter {
  @Field(() => TeamKind, { nullable: true, description: 'Only teams of this kind.' })
  @IsOptional()
  kind?: TeamKind;

  @Field({ nullable: true, description: 'Case-insensitive text in the team name.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

@ArgsType()
export class TeamsArgs extends ConnectionArgs {
  @Field(() => TeamFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: TeamFilter;

  @Field(() => TeamOrderBy, { defaultValue: TeamOrderBy.NAME_ASC, description: 'Sort order (default NAME_ASC).' })
  orderBy: TeamOrderBy = TeamOrderBy.NAME_ASC;
}

/** The columns a people list sorts by (alias `p`). */
const PERSON_COLUMNS = {
  id: { sql: 'p.id', read: (p: Person) => p.rowId },
  name: { sql: 'p.name', type: 'string', read: (p: Person) => p.name },
  createdAt: { sql: 'p.createdAt', type: 'date', read: (p: Person) => p.createdAt },
} as const;

/** The `orderBy` values of the people list and what each sorts by (and so what its cursors hold). */
export const { OrderBy: PersonOrderBy, orderings: PERSON_ORDERINGS } = defineOrderings<Person>()(
  'people',
  'PersonOrderBy',
  'Sort order of a people list.',
  {
    NAME_ASC: { description: 'By name, A → Z.', keys: [[PERSON_COLUMNS.name, 'ASC']] },
    CREATED_AT_DESC: { description: 'Newest first.', keys: [[PERSON_COLUMNS.createdAt, 'DESC']] },
  },
  PERSON_COLUMNS.id,
);
export type PersonOrderBy = keyof typeof PERSON_ORDERINGS;

@InputType({ description: 'A window of time [from, to) for the people filter.' })
export class PeopleWindowInput {
  @Field({ description: 'Start (inclusive).' })
  from: Date;

  @Field({ description: 'End (exclusive), after from and at most 371 days later.' })
  to: Date;
}

@InputType({ description: 'Filters for the people list; all given filters must match.' })
export class PersonFilter {
  @Field({ nullable: true, description: 'Case-insensitive text in the name or e-mail address.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => ID, { nullable: true, description: 'Only members of this team.' })
  @IsOptional()
  teamId?: string;

  @Field({
    nullable: true,
    description:
      'true: only people over capacity in some week of `window` (by their allocations now); false: only the others. See Person.overAllocated.',
  })
  @IsOptional()
  overAllocated?: boolean;

  @Field(() => PeopleWindowInput, {
    nullable: true,
    description: 'The window `overAllocated` looks at; default the 12 weeks from today (UTC).',
  })
  @IsOptional()
  @ValidateNested()
  window?: PeopleWindowInput;
}

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: PersonFilter;

  @Field(() => PersonOrderBy, { defaultValue: PersonOrderBy.NAME_ASC, description: 'Sort order (default NAME_ASC).' })
  orderBy: PersonOrderBy = PersonOrderBy.NAME_ASC;
}
