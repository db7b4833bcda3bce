import { createUnionType } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Operation } from '../operation/operation.entity';
import { Project } from '../project/project.entity';

export const PortfolioItem = createUnionType({
  name: 'PortfolioItem',
  description: "One piece of the company's work: an operation (runs the business) or a project (improves it).",
  types: () => [Operation, Project] as const,
});

/** A page of the portfolio: the `portfolio` query. */
export const PortfolioItemConnection = Connection(PortfolioItem, 'PortfolioItem', 'An operation or a project.');
