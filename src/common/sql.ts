/**
 * `LIKE` with an escape character that means the same on SQLite and MySQL (a backslash does not:
 * MySQL string literals treat it as an escape themselves). Use as `LOWER(x) LIKE :p ${LIKE_ESCAPE}`.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

/** Lower-cased `%text%` with LIKE wildcards escaped, so a search for "50%" matches literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** `(LOWER(a) LIKE :param ESCAPE '!' OR LOWER(b) LIKE …)` over the given columns. */
export function containsAny(columns: string[], param: string): string {
  return `(${columns.map((c) => `LOWER(${c}) LIKE :${param} ${LIKE_ESCAPE}`).join(' OR ')})`;
}
