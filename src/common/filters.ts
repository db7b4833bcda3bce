import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { containsAny, likePattern } from './sql';

/** How one field of a filter input narrows a query; called only when the field is given (not undefined or null). */
export type FilterClause<F, K extends keyof F, T extends ObjectLiteral> = (
  qb: SelectQueryBuilder<T>,
  value: NonNullable<F[K]>,
  param: string,
) => void;

/** A list's filter, defined once: for each field of its `*Filter` input, the clause it adds. */
export type FilterSpec<F, T extends ObjectLiteral> = { [K in keyof F]?: FilterClause<F, K, T> };

/**
 * Applies a filter input the one way every list does: each given field adds its clause (AND);
 * an empty list (`status: []`) narrows nothing. Parameters are named after the field, so clauses
 * never collide.
 */
export function applyFilter<F extends object, T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  filter: F | null | undefined,
  spec: FilterSpec<F, T>,
): SelectQueryBuilder<T> {
  if (!filter) return qb;
  for (const key of Object.keys(spec) as (keyof F & string)[]) {
    const value = filter[key];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    spec[key]!(qb, value as NonNullable<F[typeof key]>, `f_${key}`);
  }
  return qb;
}

/** Clause: the column is any of the given values (`status: [ACTIVE, PAUSED]`). */
export function anyOf<T extends ObjectLiteral>(column: string) {
  return (qb: SelectQueryBuilder<T>, values: readonly unknown[], param: string) =>
    void qb.andWhere(`${column} IN (:...${param})`, { [param]: values });
}

/** Clause: the column equals the value (an id already decoded, a flag). */
export function equals<T extends ObjectLiteral>(column: string) {
  return (qb: SelectQueryBuilder<T>, value: unknown, param: string) => void qb.andWhere(`${column} = :${param}`, { [param]: value });
}

/** Clause: case-insensitive text in any of the columns (LIKE wildcards in the text match literally). */
export function textIn<T extends ObjectLiteral>(...columns: string[]) {
  return (qb: SelectQueryBuilder<T>, text: string, param: string) =>
    void qb.andWhere(containsAny(columns, param), { [param]: likePattern(text) });
}

/** Clause: a boolean filter on an SQL condition: true keeps the rows where it holds, false those where it does not. */
export function holds<T extends ObjectLiteral>(condition: string, parameters: ObjectLiteral = {}) {
  return (qb: SelectQueryBuilder<T>, wanted: boolean) => void qb.andWhere(wanted ? `(${condition})` : `NOT (${condition})`, parameters);
}
