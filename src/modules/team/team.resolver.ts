import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { Connection, ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { Operation } from '../operation/operation.entity';
import { OperationConnection } from '../operation/operation.connection';
import { Project } from '../project/project.entity';
import { Person, Team, TeamMember } from './team.entity';
import { AddTeamMemberInput, CreatePersonInput, CreateTeamInput, PeopleArgs, TeamsArgs } from './team.inputs';
import { AddTeamMemberResult, CreatePersonResult, CreateTeamResult } from './team.results';

export const TeamConnection = Connection(Team, 'Team', 'A team.');
export const PersonConnection = Connection(Person, 'Person', 'A person.');
export const TeamMemberConnection = Connection(TeamMember, 'TeamMember', 'A membership: the person and their role.');

/** `Team.members`: in the order they joined. */
const MEMBERS_BY_JOINED_AT: Ordering<TeamMember> = {
  connection: 'Team.members',
  name: 'JOINED_AT_ASC',
  keys: [{ type: 'date', direction: 'ASC', read: (m) => m.joinedAt }],
  id: { direction: 'ASC', read: (m) => m.rowId },
};

/** `Team.operations`: by name (code point order, the same on every database). */
const OPERATIONS_BY_NAME: Ordering<Operation> = {
  connection: 'Team.operations',
  name: 'NAME_ASC',
  keys: [{ type: 'string', direction: 'ASC', read: (o) => o.name }],
  id: { direction: 'ASC', read: (o) => o.rowId },
};

@Resolver(() => Team)
export class TeamResolver {
  @Authorized()
  @Query(() => TeamConnection, { description: 'Teams (active and disbanded), filtered, ordered and paged.' })
  teams(@Args(() => TeamsArgs) args: TeamsArgs, @Ctx() ctx: Context) {
    return ctx.services.teams.list(args);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateTeamResult, { description: 'Creates a team; a TEMPORARY one staffs the given project. Requires ADMIN.' })
  createTeam(@Arg('input', { description: 'The team to create.' }) input: CreateTeamInput, @Ctx() ctx: Context) {
    return ctx.services.teams.createTeam(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => AddTeamMemberResult, {
    description:
      "Adds an existing or a new person to a team with a role; a TEMPORARY team's new member is also allocated to its project for the project's dates (projectHoursPerWeek, default 20). Requires ADMIN.",
  })
  addTeamMember(@Arg('input', { description: 'The team, the person and their role.' }) input: AddTeamMemberInput, @Ctx() ctx: Context) {
    return ctx.services.teams.addMember(input);
  }

  @FieldResolver(() => TeamMemberConnection, { description: 'Members in the order they joined.' })
  async members(@Root() team: Team, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const members = await ctx.loaders.childrenOf(TeamMember, 'teamRowId', { joinedAt: 'ASC', rowId: 'ASC' }).load(team.rowId);
    return paginateArray(members, args, MEMBERS_BY_JOINED_AT);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project a TEMPORARY team staffs; null for permanent teams.' })
  project(@Root() team: Team, @Ctx() ctx: Context) {
    return team.projectRowId ? ctx.loaders.byId(Project).load(team.projectRowId) : null;
  }

  @FieldResolver(() => OperationConnection, { description: 'The operations this team runs, by name.' })
  async operations(@Root() team: Team, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const operations = await ctx.loaders.childrenOf(Operation, 'teamRowId', { name: 'ASC', rowId: 'ASC' }).load(team.rowId);
    return paginateArray(operations, args, OPERATIONS_BY_NAME);
  }
}

@Resolver(() => TeamMember)
export class TeamMemberResolver {
  @FieldResolver(() => Person, { description: 'The member.' })
  person(@Root() member: TeamMember, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Person).load(member.personRowId);
  }

  @FieldResolver(() => Team, { description: 'The team.' })
  team(@Root() member: TeamMember, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Team).load(member.teamRowId);
  }
}

@Resolver(() => Person)
export class PersonResolver {
  @Authorized()
  @Query(() => PersonConnection, {
    description: 'People, filtered (search, team, over-allocated in a window), ordered and paged.',
  })
  async people(@Args(() => PeopleArgs) args: PeopleArgs, @Ctx() ctx: Context) {
    let overAllocated: number[] | undefined;
    if (args.filter?.overAllocated != null) {
      const window = args.filter.window ?? ctx.services.allocations.horizon(ctx.now);
      overAllocated = await ctx.services.allocations.overAllocatedPersonIds(window.from, window.to);
    }
    return ctx.services.teams.people(args, overAllocated);
  }

  @FieldResolver(() => TeamMemberConnection, { description: "The person's team memberships (team and role), in the order they joined." })
  async teams(@Root() person: Person, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const memberships = await ctx.loaders.childrenOf(TeamMember, 'personRowId', { joinedAt: 'ASC', rowId: 'ASC' }).load(person.rowId);
    return paginateArray(memberships, args, { ...MEMBERS_BY_JOINED_AT, connection: 'Person.teams' });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatePersonResult, {
    description: 'Creates a person; a taken e-mail address is BAD_USER_INPUT on `input.email`. Requires ADMIN.',
  })
  createPerson(@Arg('input', { description: 'The person to create.' }) input: CreatePersonInput, @Ctx() ctx: Context) {
    return ctx.services.teams.createPerson(input);
  }
}
