import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { PortfolioItemConnection } from './portfolio.connection';
import { PortfolioArgs } from './portfolio.inputs';

@Resolver()
export class PortfolioResolver {
  @Authorized()
  @Query(() => PortfolioItemConnection, { description: 'Operations and projects in one ordered, paged list.' })
  portfolio(@Args(() => PortfolioArgs) args: PortfolioArgs, @Ctx() ctx: Context) {
    return ctx.services.portfolio.list(args);
  }
}
