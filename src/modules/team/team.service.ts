import type { ServiceDeps } from '../module';
import { badInput, notFound } from '../../common/errors';
import { expectId, maybeId } from '../../common/ids';
import { paginateQuery } from '../../common/pagination';
import { applyFilter, equals, textIn } from '../../common/filters';
import { InvalidStateTransition } from '../../common/types';
import { loadForUpdate, updateVersioned } from '../../db/versioned';
import type { UnitOfWork } from '../../db/transaction';
import { streamKeys } from '../../realtime/streams';
import { Project, ProjectStatus } from '../project/project.entity';
import { Person, Team, TeamKind, TeamMember } from './team.entity';
import { insertAllocation, refusal } from '../allocation/allocation.service';
import { DEFAULT_PROJECT_ALLOCATION_HOURS } from '../allocation/allocation.inputs';
import {
  type AddTeamMemberInput,
  type CreatePersonInput,
  type CreateTeamInput,
  PERSON_ORDERINGS,
  type PeopleArgs,
  type PersonFilter,
  TEAM_ORDERINGS,
  type TeamFilter,
  type TeamsArgs,
} from './team.inputs';

/** Projects in these states have ended: their teams are disbanded and they take no new work. */
export const CLOSED_PROJECT = new Set<ProjectStatus>([ProjectStatus.COMPLETED, ProjectStatus.CANCELLED]);

/** True for a driver error raised by a UNIQUE index (SQLite and MySQL word it differently). */
export function isUniqueViolation(error: unknown): boolean {
  return /duplicate|unique/i.test(String((error as Error)?.message));
}

/** Normalises an e-mail address for storage and comparison: trimmed, lower-case. */
function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/**
 * Inserts a person inside `uow`; a taken e-mail address is BAD_USER_INPUT naming `path.email`
 * (checked first, and again by the unique index for a concurrent insert).
 */
export async function insertPerson(uow: UnitOfWork, input: CreatePersonInput, path: string, now: Date): Promise<Person> {
  const email = normaliseEmail(input.email);
  if (email && (await uow.manager.existsBy(Person, { email }))) throw badInput(`${path}.email`, 'belongs to another person');
  try {
    return await uow.manager.save(
      uow.manager.create(Person, { name: input.name.trim(), email, capacityHoursPerWeek: 40, createdAt: now, updatedAt: null, version: 1 }),
    );
  } catch (error) {
    if (email && isUniqueViolation(error)) throw badInput(`${path}.email`, 'belongs to another person');
    throw error;
  }
}

/**
 * Marks the project's temporary teams disbanded (the team it points at and any team that points at
 * it). Permanent teams are never disbanded. Runs inside the caller's transaction.
 */
export async function disbandProjectTeams(uow: UnitOfWork, project: Project, now: Date): Promise<void> {
  const qb = uow.manager
    .createQueryBuilder()
    .update(Team)
    .set({ disbandedAt: now })
    .where('kind = :kind', { kind: TeamKind.TEMPORARY })
    .andWhere('disbandedAt IS NULL');
  if (project.teamRowId) qb.andWhere('(projectRowId = :project OR id = :team)', { project: project.rowId, team: project.teamRowId });
  else qb.andWhere('projectRowId = :project', { project: project.rowId });
  await qb.execute();
}

export class TeamService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Lists teams, optionally of one kind or matching a name search, one page at a time. */
  list(args: TeamsArgs) {
    const qb = this.deps.dataSource.getRepository(Team).createQueryBuilder('t');
    applyFilter<TeamFilter, Team>(qb, args.filter, { kind: equals('t.kind'), search: textIn('t.name') });
    return paginateQuery(qb, args, TEAM_ORDERINGS[args.orderBy]);
  }

  /**
   * Lists people, optionally matching a name or e-mail search, members of a team, or (with
   * `overAllocatedIds`, computed by the caller for `filter.overAllocated`) over capacity or not.
   */
  people(args: PeopleArgs, overAllocatedIds?: number[]) {
    const qb = this.deps.dataSource.getRepository(Person).createQueryBuilder('p');
    applyFilter<PersonFilter, Person>(qb, args.filter, {
      search: textIn('p.name', 'p.email'),
      teamId: (q, id, param) =>
        void q.andWhere(`p.id IN (SELECT tm.personRowId FROM team_member tm WHERE tm.teamRowId = :${param})`, {
          [param]: expectId(id, 'Team', 'filter.teamId'),
        }),
      overAllocated: (q, wanted, param) => {
        const ids = overAllocatedIds ?? [];
        if (ids.length) q.andWhere(wanted ? `p.id IN (:...${param})` : `p.id NOT IN (:...${param})`, { [param]: ids });
        else if (wanted) q.andWhere('1 = 0');
      },
    });
    return paginateQuery(qb, args, PERSON_ORDERINGS[args.orderBy]);
  }

  /**
   * Creates a team. TEMPORARY needs `projectId` (PERMANENT refuses it: BAD_USER_INPUT); the project
   * must have no team yet and becomes staffed by the new team. Returns InvalidStateTransition when
   * the project has already ended.
   */
  createTeam(input: CreateTeamInput): Promise<Team | InvalidStateTransition> {
    const projectRowId = maybeId(input.projectId, 'Project', 'input.projectId');
    if (input.kind === TeamKind.TEMPORARY && projectRowId === null) throw badInput('input.projectId', 'is required for a TEMPORARY team');
    if (input.kind === TeamKind.PERMANENT && projectRowId !== null)
      throw badInput('input.projectId', 'must be omitted for a PERMANENT team: permanent teams do not belong to a project');
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      if (projectRowId === null) {
        return uow.manager.save(
          uow.manager.create(Team, { name: input.name.trim(), kind: input.kind, projectRowId: null, disbandedAt: null, createdAt: now }),
        );
      }
      const project = await loadForUpdate(uow, Project, 'Project', projectRowId);
      if (CLOSED_PROJECT.has(project.status)) {
        return new InvalidStateTransition(`Project ${project.id} is ${project.status}: it takes no new team`, project.status, 'createTeam');
      }
      if (project.teamRowId !== null || (await uow.manager.existsBy(Team, { projectRowId }))) {
        throw badInput('input.projectId', 'already has a team');
      }
      const team = await uow.manager.save(
        uow.manager.create(Team, { name: input.name.trim(), kind: TeamKind.TEMPORARY, projectRowId, disbandedAt: null, createdAt: now }),
      );
      await updateVersioned(uow, Project, 'Project', projectRowId, project.version, { teamRowId: team.rowId }, now);
      await this.deps.streams.append(uow, streamKeys.project(projectRowId), [
        { type: 'project.teamAssigned', subjectId: project.id, payload: { projectRowId, teamRowId: team.rowId } },
      ]);
      return team;
    });
  }

  /** Creates a person; a taken e-mail address is BAD_USER_INPUT on `input.email`. */
  createPerson(input: CreatePersonInput): Promise<Person> {
    return this.deps.transaction((uow) => insertPerson(uow, input, 'input', this.deps.clock.now()));
  }

  /**
   * Adds an existing person (`personId`) or a new one (`newPerson`) to a team with a role.
   * Exactly one of the two, else BAD_USER_INPUT; a person already in the team is BAD_USER_INPUT on
   * `input.personId`. Returns InvalidStateTransition for a disbanded team (nobody is created).
   */
  addMember(input: AddTeamMemberInput): Promise<TeamMember | InvalidStateTransition> {
    const teamRowId = expectId(input.teamId, 'Team', 'input.teamId');
    const personRowId = maybeId(input.personId, 'Person', 'input.personId');
    if ((personRowId === null) === !input.newPerson) throw badInput('input.personId', 'give exactly one of personId and newPerson');
    const allocating = input.projectHoursPerWeek !== undefined && input.projectHoursPerWeek !== null;
    return this.deps.transaction(async (uow) => {
      const now = this.deps.clock.now();
      const team = await loadForUpdate(uow, Team, 'Team', teamRowId);
      if (team.disbandedAt) {
        return new InvalidStateTransition(
          `Team ${team.id} was disbanded on ${team.disbandedAt.toISOString()}; it takes no new members`,
          'DISBANDED',
          'addTeamMember',
        );
      }
      if (allocating && team.kind !== TeamKind.TEMPORARY)
        throw badInput('input.projectHoursPerWeek', 'is for TEMPORARY teams only: allocate people to operations with allocatePerson');
      let person: Person;
      if (personRowId !== null) {
        const found = await uow.manager.findOneBy(Person, { rowId: personRowId });
        if (!found) throw notFound('Person', input.personId!);
        if (await uow.manager.existsBy(TeamMember, { teamRowId, personRowId }))
          throw badInput('input.personId', 'is already a member of this team');
        person = found;
      } else {
        person = await insertPerson(uow, input.newPerson!, 'input.newPerson', now);
      }
      let member: TeamMember;
      try {
        member = await uow.manager.save(
          uow.manager.create(TeamMember, { teamRowId, personRowId: person.rowId, role: input.role.trim(), joinedAt: now }),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw badInput('input.personId', 'is already a member of this team');
        throw error;
      }
      // A temporary team's member works on its project for the project's dates (documented on the input).
      const hours = input.projectHoursPerWeek ?? DEFAULT_PROJECT_ALLOCATION_HOURS;
      if (team.kind === TeamKind.TEMPORARY && team.projectRowId !== null && hours > 0) {
        const project = await loadForUpdate(uow, Project, 'Project', team.projectRowId, false);
        const values = {
          personRowId: person.rowId,
          projectRowId: project.rowId,
          operationRowId: null,
          hoursPerWeek: hours,
          from: project.startDate,
          to: project.dueDate,
          role: input.role.trim(),
        };
        if (!refusal(values, project, null)) await insertAllocation(uow, this.deps.streams, values, now, 'input.personId');
      }
      return member;
    });
  }
}
