import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../config';
import { createDataSource, createReadSource } from './data-source';

/** The embedded database's connections: the settings the README states, and the reader's snapshot. */
describe('SQLite writer and reader', () => {
  const file = path.join(os.tmpdir(), `opsgraph-ds-${randomBytes(4).toString('hex')}.sqlite`);
  let writer: DataSource;
  let reader: DataSource;
  beforeAll(async () => {
    writer = createDataSource({ ...parseDatabaseUrl(`sqlite:${file}`), poolSize: 1, logging: false }, { entities: [], migrations: false });
    await writer.initialize();
    await writer.query('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    reader = createReadSource({ ...parseDatabaseUrl(`sqlite:${file}`), poolSize: 1, logging: false }, writer);
    await reader.initialize();
  });
  afterAll(async () => {
    await reader?.destroy();
    await writer?.destroy();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  });

  const pragma = async (ds: DataSource, name: string) => Object.values((await ds.query(`PRAGMA ${name}`))[0])[0];

  it('runs WAL, synchronous NORMAL, a 5 s busy timeout, foreign keys and a WAL size limit', async () => {
    expect(await pragma(writer, 'journal_mode')).toBe('wal');
    expect(await pragma(writer, 'synchronous')).toBe(1); // NORMAL
    expect(await pragma(writer, 'busy_timeout')).toBe(5000);
    expect(await pragma(writer, 'foreign_keys')).toBe(1);
    expect(await pragma(writer, 'journal_size_limit')).toBe(64 * 1024 * 1024);
    expect(await pragma(reader, 'busy_timeout')).toBe(5000);
  });

  it('takes SQLITE_SYNCHRONOUS=FULL', async () => {
    const other = createDataSource(
      { ...parseDatabaseUrl(`sqlite:${file}`), poolSize: 1, logging: false, sqliteSynchronous: 'FULL' },
      { entities: [], migrations: false },
    );
    await other.initialize();
    try {
      expect(await pragma(other, 'synchronous')).toBe(2);
    } finally {
      await other.destroy();
    }
  });

  it('reads the last committed snapshot: never the rows of an open write transaction', async () => {
    let inside!: () => void;
    const written = new Promise<void>((resolve) => (inside = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const tx = writer.transaction(async (manager) => {
      await manager.query('INSERT INTO t (x) VALUES (1)');
      inside();
      await finished;
    });
    await written;
    expect(await reader.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
    // On the writer's own connection the open transaction shows: why reads need a connection of their own.
    expect(await writer.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);
    finish();
    await tx;
    expect(await reader.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);
  });

  it('refuses writes on the reader', async () => {
    await expect(reader.query('INSERT INTO t (x) VALUES (2)')).rejects.toMatchObject({ driverError: { code: 'SQLITE_READONLY' } });
  });

  it('reads through the writer on MySQL/MariaDB and on :memory:', () => {
    expect(createReadSource({ ...parseDatabaseUrl('sqlite::memory:'), poolSize: 1, logging: false }, writer)).toBe(writer);
    expect(createReadSource({ ...parseDatabaseUrl('mariadb://root@127.0.0.1/x'), poolSize: 1, logging: false }, writer)).toBe(writer);
  });
});
