/**
 * Writes what clients build from the app schema, sorted so diffs are stable:
 *
 *   schema/schema.graphql       the SDL (codegen, GraphiQL, reviews)
 *   schema/possible-types.json  `{ "<interface or union>": ["<object type>", ...] }`, the fragment
 *                               matcher for Apollo Client's `new InMemoryCache({ possibleTypes })`
 *                               (Graphcache's `cacheExchange({ possibleTypes })` takes it too)
 *   schema/introspection.json   the introspection result minified for urql Graphcache's
 *                               `cacheExchange({ schema })`: exact fragment matching on reads and
 *                               writes, and partial results ("schema awareness")
 *
 *   npm run schema            write the files, creating the folder
 *   npm run schema -- --check exit 1 if a committed file differs from the code
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { introspectionFromSchema, isAbstractType, lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { minifyIntrospectionQuery } from '@urql/introspection';
import { buildAppSchema, printAppSchema, SCHEMA_FILE } from '../schema';

/** Where the committed fragment matcher lives, beside the SDL. */
export const POSSIBLE_TYPES_FILE = path.join(path.dirname(SCHEMA_FILE), 'possible-types.json');

/**
 * Every interface and union of the schema mapped to the object types that can stand in for it,
 * both sorted by name. Without this map Apollo Client's InMemoryCache drops the fields selected
 * in `... on ErrorResult { code message }` or `... on Node { id }` (it cannot tell that
 * `SampleOverlap` is an `ErrorResult`), and Graphcache falls back to guessing.
 */
export function possibleTypesOf(schema: GraphQLSchema): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  const abstractTypes = Object.values(schema.getTypeMap())
    .filter(isAbstractType)
    .filter((type) => !type.name.startsWith('__'))
    .sort((a, b) => (a.name < b.name ? -1 : 1)); // code-unit order: the same under every locale
  for (const type of abstractTypes) {
    map[type.name] = schema
      .getPossibleTypes(type)
      .map((member) => member.name)
      .sort();
  }
  return map;
}

/** Where the committed introspection for Graphcache lives, beside the SDL. */
export const INTROSPECTION_FILE = path.join(path.dirname(SCHEMA_FILE), 'introspection.json');

/**
 * The schema's introspection in the compact form of `@urql/introspection` (no descriptions; scalars,
 * enums and input types reduced to `Any`), from the sorted schema so it only changes with the graph.
 * It is what Graphcache needs to match `... on ErrorResult` and `... on Node` exactly when it writes
 * a result as well as when it reads one: with `possibleTypes` alone, Graphcache 9 still walks every
 * fragment of a union on writes and warns about the members' fields that are absent.
 */
export function introspectionOf(schema: GraphQLSchema): unknown {
  return minifyIntrospectionQuery(introspectionFromSchema(lexicographicSortSchema(schema), { descriptions: false }));
}

/** The files `npm run schema` writes, with the content the code produces now. */
export async function emittedSchemaFiles(): Promise<{ file: string; content: string }[]> {
  return [
    { file: SCHEMA_FILE, content: await printAppSchema() },
    { file: POSSIBLE_TYPES_FILE, content: `${JSON.stringify(possibleTypesOf(await buildAppSchema()), null, 2)}\n` },
    // One line: 69 KB minified, 7,500 lines pretty-printed; review the SDL's diff instead.
    { file: INTROSPECTION_FILE, content: `${JSON.stringify(introspectionOf(await buildAppSchema()))}\n` },
  ];
}

async function main(argv: string[]): Promise<number> {
  const files = await emittedSchemaFiles();
  if (argv.includes('--check')) {
    let code = 0;
    for (const { file, content } of files) {
      const relative = path.relative(process.cwd(), file);
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      if (current === content) {
        console.log(`${relative} is up to date`);
      } else {
        console.error(`${relative} is ${current === null ? 'missing' : 'out of date'}: run npm run schema`);
        code = 1;
      }
    }
    return code;
  }
  for (const { file, content } of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    console.log(`wrote ${path.relative(process.cwd(), file)} (${content.split('\n').length} lines)`);
  }
  return 0;
}

// Run only as a script: the schema test imports the functions above.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
