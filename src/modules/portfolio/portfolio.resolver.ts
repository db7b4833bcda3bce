import { Args, Authorized, Ctx, Query, Resolver, createUnionType } from 'type-graphql';
import type { Context } from '../../context';
import { Connection } from '../../common/pagination';
import { Operation } from '../operation/operation.entity';
import { Project } from '../project/project.entity';
import { PortfolioArgs } from './portfolio.inputs';

export const PortfolioItem = createUnionType({
  name: 'PortfolioItem',
  description: "One piece of the company's work: an operation (runs the business) or a project (improves it).",
  types: () => [Operation, Project] as const,
});

export const PortfolioItemConnection = Connection(PortfolioItem, 'PortfolioItem', 'An operation or a project.');

@Resolver()
export class PortfolioResolver {
  @Authorized()
  @Query(() => PortfolioItemConnection, { description: 'Operations and projects in one ordered, paged list.' })
  portfolio(@Args(() => PortfolioArgs) args: PortfolioArgs, @Ctx() ctx: Context) {
    return ctx.services.portfolio.list(args);
  }
}
