import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { ConnectionArgs, type Ordering, paginateArray } from '../../common/pagination';
import { riskScore } from '../../kpi';
import { Milestone } from '../milestone/milestone.entity';
import { Project } from '../project/project.entity';
import { Person } from '../team/team.entity';
import { RiskConnection } from './risk.connection';
import { Risk } from './risk.entity';
import { CreateRiskInput, UpdateRiskInput } from './risk.inputs';
import { CreateRiskResult, RiskBand, UpdateRiskResult } from './risk.results';

/** `Project.risks`: highest score (probability × impact) first. */
const RISKS_BY_SCORE: Ordering<Risk> = {
  connection: 'Project.risks',
  name: 'SCORE_DESC',
  keys: [{ type: 'number', direction: 'DESC', read: (r) => r.probability * r.impact }],
  id: { direction: 'ASC', read: (r) => r.rowId },
};

@Resolver(() => Risk)
export class RiskResolver {
  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => CreateRiskResult, { description: 'Raises a risk on an open project. Requires PROJECT_MANAGER.' })
  createRisk(@Arg('input', { description: 'The risk to raise.' }) input: CreateRiskInput, @Ctx() ctx: Context) {
    return ctx.services.risks.create(input);
  }

  @Authorized(Role.PROJECT_MANAGER)
  @Mutation(() => UpdateRiskResult, { description: 'Changes a risk if `expectedVersion` is current. Requires PROJECT_MANAGER.' })
  updateRisk(@Arg('input', { description: 'The changes.' }) input: UpdateRiskInput, @Ctx() ctx: Context) {
    return ctx.services.risks.update(input);
  }

  @FieldResolver(() => Int, { description: 'probability × impact, 1–25.' })
  score(@Root() risk: Risk): number {
    return riskScore(risk.probability, risk.impact).score;
  }

  @FieldResolver(() => RiskBand, {
    description:
      'Band of the score (LOW 1–4, MEDIUM 5–9, HIGH 10–16, CRITICAL 20–25), one band higher while the linked milestone is overdue (past due, not DONE or CANCELLED).',
  })
  async band(@Root() risk: Risk, @Ctx() ctx: Context): Promise<RiskBand> {
    const milestone = risk.milestoneRowId ? await ctx.loaders.byId(Milestone).load(risk.milestoneRowId) : null;
    return ctx.services.risks.band(risk, milestone);
  }

  @FieldResolver(() => Project, { description: 'The project at risk.' })
  project(@Root() risk: Risk, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Project).load(risk.projectRowId);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person who owns the risk, if any.' })
  owner(@Root() risk: Risk, @Ctx() ctx: Context) {
    return risk.ownerRowId ? ctx.loaders.byId(Person).load(risk.ownerRowId) : null;
  }

  @FieldResolver(() => Milestone, { nullable: true, description: 'The milestone the risk threatens, if any.' })
  milestone(@Root() risk: Risk, @Ctx() ctx: Context) {
    return risk.milestoneRowId ? ctx.loaders.byId(Milestone).load(risk.milestoneRowId) : null;
  }
}

@Resolver(() => Project)
export class ProjectRiskResolver {
  @FieldResolver(() => RiskConnection, { description: 'Risks, highest score (probability × impact) first.' })
  async risks(@Root() project: Project, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const risks = await ctx.loaders.childrenOf(Risk, 'projectRowId', { rowId: 'ASC' }).load(project.rowId);
    return paginateArray(risks, args, RISKS_BY_SCORE);
  }
}
