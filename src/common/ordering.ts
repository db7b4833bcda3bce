import { registerEnumType } from 'type-graphql';
import type { Ordering, SortDirection, SortKey } from './pagination';

/** A sort key without its direction: what a column is, once per list. */
export type Column<T> = Omit<SortKey<T>, 'direction'>;

/** One `orderBy` value: its description and its keys with their directions (the row id follows the last). */
export interface OrderingRow<T> {
  description: string;
  keys: readonly (readonly [Column<T>, SortDirection])[];
  /** The row id's direction, the last tiebreaker. Default: the direction of the last key. */
  idDirection?: SortDirection;
}

/**
 * A list's orderings, defined once as a table: each row yields a value of the GraphQL `orderBy`
 * enum (registered here, with its description) and the ordering its SQL and cursors use. The row
 * id breaks the last ties, in the direction of the last key unless the row says otherwise.
 *
 *     const { OrderBy, orderings } = defineOrderings<Operation>()('operations', 'OperationOrderBy', 'Sort order of an operations list.', {
 *       NAME_ASC: { description: 'By name, A–Z.', keys: [[NAME, 'ASC']] },
 *     }, ID);
 */
export function defineOrderings<T>() {
  return <K extends string>(
    connection: string,
    enumName: string,
    enumDescription: string,
    table: Record<K, OrderingRow<T>>,
    id: { sql?: string; read: (row: T) => number },
  ) => {
    const names = Object.keys(table) as K[];
    const OrderBy = Object.fromEntries(names.map((name) => [name, name])) as { [P in K]: P };
    registerEnumType(OrderBy, {
      name: enumName,
      description: enumDescription,
      valuesConfig: Object.fromEntries(names.map((name) => [name, { description: table[name].description }])) as never,
    });
    const orderings = Object.fromEntries(
      names.map((name) => {
        const keys = table[name].keys.map(([column, direction]) => ({ ...column, direction }));
        const direction = table[name].idDirection ?? keys[keys.length - 1]?.direction ?? 'ASC';
        const ordering: Ordering<T> = { connection, name, keys, id: { ...id, direction } };
        return [name, ordering];
      }),
    ) as Record<K, Ordering<T>>;
    return { OrderBy, orderings };
  };
}
