import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/**
 * npm 12 runs a dependency's install scripts only when package.json's `allowScripts` lists it
 * (npm 11 runs them and warns). better-sqlite3 builds or fetches its native binding in its install
 * script: left out, a fresh `npm install` under npm 12 leaves it without one and `npm start` fails
 * on its first query. Every package the lockfile marks as having an install script is listed,
 * allowed or denied on purpose, so a new dependency with one cannot slip in unreviewed.
 */
describe('install scripts', () => {
  const allowScripts = (read('package.json').allowScripts ?? {}) as Record<string, boolean>;
  const withScripts = Object.entries(read('package-lock.json').packages as Record<string, { hasInstallScript?: boolean }>)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));

  it('every dependency with an install script is allowed or denied in package.json', () => {
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => typeof allowScripts[name] !== 'boolean')).toEqual([]);
  });

  it('better-sqlite3 (the embedded default database) and @swc/core (which npm start loads) may run theirs', () => {
    expect(allowScripts['better-sqlite3']).toBe(true);
    expect(allowScripts['@swc/core']).toBe(true);
  });

  it('allows or denies nothing that is not installed (npm install-scripts prune)', () => {
    expect(Object.keys(allowScripts).filter((name) => !withScripts.includes(name))).toEqual([]);
  });
});
