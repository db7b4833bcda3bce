/**
 * Finds the operation a GraphQL document will run, as `{ kind, name }` with kind 'query',
 * 'mutation' or 'subscription'. It reads the document as it is sent (not an editor's debounced
 * parse), so a subscription always goes over the WebSocket and everything else over HTTP. With
 * several operations it picks the one named by `operationName`; a document with a single operation
 * runs that one whatever the name says. Returns null when ambiguous: the server then reports it.
 */
export function resolveOperation(document, operationName) {
  const source = String(document)
    .replace(/"""[\s\S]*?"""/g, '""') // block strings first: they may contain quotes and #
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/#[^\n\r]*/g, '');
  const operations = [];
  let depth = 0;
  const tokens = source.match(/[A-Za-z_][A-Za-z0-9_]*|[{}()]/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '{' || token === '(') {
      if (depth === 0 && token === '{') operations.push({ kind: 'query', name: null }); // shorthand query
      depth++;
    } else if (token === '}' || token === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      if (token === 'query' || token === 'mutation' || token === 'subscription') {
        const next = tokens[i + 1];
        const name = next && /^[A-Za-z_]/.test(next) ? next : null;
        operations.push({ kind: token, name });
        i += name ? 1 : 0;
        // Skip to the selection set so its `{` is not read as a shorthand query.
        let level = 0;
        while (i + 1 < tokens.length) {
          const t = tokens[++i];
          if (t === '(') level++;
          else if (t === ')') level--;
          else if (t === '{' && level === 0) {
            depth = 1;
            break;
          }
        }
      } else if (token === 'fragment') {
        while (i + 1 < tokens.length && tokens[i + 1] !== '{') i++;
        i++;
        depth = 1;
      }
    }
  }
  const named = operationName ? operations.find((op) => op.name === operationName) : undefined;
  // A name that is not in the document is stale (an editor parses on a debounce): one operation wins.
  return named ?? (operations.length === 1 ? operations[0] : null);
}

/** The kind of the operation `resolveOperation` picks, or null. */
export function operationKind(document, operationName) {
  return resolveOperation(document, operationName)?.kind ?? null;
}
