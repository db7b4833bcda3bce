import { Args, ArgsType, Authorized, Ctx, Field, InputType, Query, Resolver, createUnionType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import type { Context } from '../../context';
import { Connection, ConnectionArgs } from '../../common/pagination';
import { Operation } from '../operation/operation.entity';
import { Project } from '../project/project.entity';
import { PortfolioKind, PortfolioOrderBy } from './portfolio.service';

registerEnumType(PortfolioKind, {
  name: 'PortfolioKind',
  description: 'What a portfolio item is.',
  valuesConfig: {
    OPERATION: { description: 'Continuous work: an operation.' },
    PROJECT: { description: 'Temporary work: a project.' },
  },
});

registerEnumType(PortfolioOrderBy, {
  name: 'PortfolioOrderBy',
  description: 'Sort order of the portfolio.',
  valuesConfig: {
    NAME_ASC: { description: 'By name (case-insensitive), A → Z; ties by kind and ID.' },
    UPDATED_AT_DESC: { description: 'Most recently changed first; ties by kind and ID.' },
  },
});

export const PortfolioItem = createUnionType({
  name: 'PortfolioItem',
  description: "One piece of the company's work: an operation (runs the business) or a project (improves it).",
  types: () => [Operation, Project] as const,
});

export const PortfolioItemConnection = Connection(PortfolioItem, 'PortfolioItem', 'An operation or a project.');

@InputType({ description: 'Filters for the portfolio; all given filters must match.' })
export class PortfolioFilter {
  @Field(() => [PortfolioKind], { nullable: true, description: 'Only these kinds (default: both).' })
  @IsOptional()
  @ArrayMaxSize(2)
  kind?: PortfolioKind[];

  @Field({ nullable: true, description: 'Case-insensitive text in the name, or in the description (operations) or goal (projects).' })
  @IsOptional()
  @MaxLength(200)
  search?: string;
}

@ArgsType()
export class PortfolioArgs extends ConnectionArgs {
  @Field(() => PortfolioFilter, { nullable: true, description: 'What to include.' })
  @IsOptional()
  @ValidateNested()
  filter?: PortfolioFilter;

  @Field(() => PortfolioOrderBy, { defaultValue: PortfolioOrderBy.NAME_ASC, description: 'Sort order (default NAME_ASC).' })
  orderBy: PortfolioOrderBy = PortfolioOrderBy.NAME_ASC;
}

@Resolver()
export class PortfolioResolver {
  @Authorized()
  @Query(() => PortfolioItemConnection, { description: 'Operations and projects in one ordered, paged list.' })
  portfolio(@Args(() => PortfolioArgs) args: PortfolioArgs, @Ctx() ctx: Context) {
    return ctx.services.portfolio.list(args);
  }
}
