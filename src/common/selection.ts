import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * True when the field being resolved selects nothing outside `allowed` (field names of its type,
 * at the first level, through inline fragments and fragment spreads; `__typename` always allowed).
 * False whenever it cannot tell (no field nodes, an unknown fragment): callers then do all the work.
 */
export function selectsOnly(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, allowed: ReadonlySet<string>): boolean {
  if (!info?.fieldNodes?.length) return false;
  const within = (set: SelectionSetNode | undefined, depth: number): boolean => {
    if (!set || depth > 16) return false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename' && !allowed.has(selection.name.value)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!within(selection.selectionSet, depth + 1)) return false;
      } else {
        const fragment = info.fragments?.[selection.name.value];
        if (!fragment || !within(fragment.selectionSet, depth + 1)) return false;
      }
    }
    return true;
  };
  return info.fieldNodes.every((node) => within(node.selectionSet, 0));
}
