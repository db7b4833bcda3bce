import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/**
 * The tag of this run's scratch databases: SCRATCH_DB_RUN (letters, digits, `_`; `.ci/run` sets a
 * fresh one so it can drop exactly what its own run created, and nothing of a parallel run's).
 */
export function scratchRunTag(env: NodeJS.ProcessEnv = process.env): string | null {
  const tag = env.SCRATCH_DB_RUN;
  return tag && /^\w{1,24}$/.test(tag) ? tag : null;
}

/**
 * Creates a uniquely named utf8mb4 database beside the one in `baseUrl` (tests, migration checks):
 * `<prefix>_[<SCRATCH_DB_RUN>_]<time>_<random>`. Returns its URL and a `drop()` that removes it.
 */
export async function createScratchMysqlDatabase(baseUrl: string, prefix = 'opsgraph_scratch') {
  const kind = baseUrl.startsWith('mariadb:') ? ('mariadb' as const) : ('mysql' as const);
  const url = new URL(baseUrl.replace(/^mariadb:/, 'mysql:'));
  const tag = scratchRunTag();
  const name = `${prefix}_${tag ? `${tag}_` : ''}${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  const scratchUrl = url.toString().replace(/^mysql:/, `${kind}:`);
  return {
    kind,
    name,
    url: scratchUrl,
    async drop() {
      const conn = await mysql.createConnection({
        host: url.hostname,
        port: Number(url.port || 3306),
        user: decodeURIComponent(url.username || 'root'),
        password: decodeURIComponent(url.password),
      });
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}
