import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../common/pagination';
import { defineOrderings } from '../../common/ordering';

export enum PortfolioKind {
  OPERATION = 'OPERATION',
  PROJECT = 'PROJECT',
}
registerEnumType(PortfolioKind, {
  name: 'PortfolioKind',
  description: 'What a portfolio item is.',
  valuesConfig: {
    OPERATION: { description: 'Continuous work: an operation.' },
    PROJECT: { description: 'Temporary work: a project.' },
  },
});

/** One row of the merged list as SQL orders it: the kind's rank, the row id and the sort key. */
export interface PortfolioRow {
  kind: number;
  id: number;
  k: string | Date;
}

/**
 * The columns of the merged list (alias `u`). The key `k` is the value SQL sorted by (`LOWER(name)`
 * as the database lower-cases it, or `updatedAt`), so a cursor's position is exactly where the
 * database put the row, whatever its collation.
 */
const COLUMNS = {
  id: { sql: 'u.id', read: (r: PortfolioRow) => r.id },
  lowerName: { sql: 'u.k', type: 'string', read: (r: PortfolioRow) => r.k },
  updatedAt: { sql: 'u.k', type: 'date', read: (r: PortfolioRow) => r.k },
  kind: { sql: 'u.kind', type: 'number', read: (r: PortfolioRow) => r.kind },
} as const;

const defined = defineOrderings<PortfolioRow>()(
  'portfolio',
  'PortfolioOrderBy',
  'Sort order of the portfolio.',
  {
    NAME_ASC: {
      description: 'By name (case-insensitive), A → Z; ties by kind and ID.',
      keys: [
        [COLUMNS.lowerName, 'ASC'],
        [COLUMNS.kind, 'ASC'],
      ],
    },
    UPDATED_AT_DESC: {
      description: 'Most recently changed first; ties by kind and ID.',
      keys: [
        [COLUMNS.updatedAt, 'DESC'],
        [COLUMNS.kind, 'ASC'],
      ],
      // The last ties break by id descending, as they always have.
      idDirection: 'DESC',
    },
  },
  COLUMNS.id,
);

/** The `orderBy` values of the portfolio. */
export const PortfolioOrderBy = defined.OrderBy;
export type PortfolioOrderBy = keyof typeof defined.orderings;

/** What each `orderBy` sorts by, and so what its cursors hold: the key, the kind (operations first), then the id. */
export const PORTFOLIO_ORDERINGS = defined.orderings;

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
