/**
 * Writes the SDL of the app schema (sorted, so diffs are stable) to schema/schema.graphql:
 *
 *   npm run schema            write the file, creating the folder
 *   npm run schema -- --check exit 1 if the committed file differs from the code
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printAppSchema, SCHEMA_FILE } from '../schema';

async function main(argv: string[]): Promise<number> {
  const sdl = await printAppSchema();
  const relative = path.relative(process.cwd(), SCHEMA_FILE);
  if (argv.includes('--check')) {
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : null;
    if (current === sdl) {
      console.log(`${relative} is up to date`);
      return 0;
    }
    console.error(`${relative} is ${current === null ? 'missing' : 'out of date'}: run npm run schema`);
    return 1;
  }
  fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${relative} (${sdl.split('\n').length} lines)`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  },
);
