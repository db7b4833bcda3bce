import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './faults';

/** Real driver errors, raw and as TypeORM wraps them (QueryFailedError.driverError). */
const bothWays = (error: Error) => [error, new QueryFailedError('SELECT 1', [], error)];

describe('isDatabaseUnavailable', () => {
  const file = path.join(os.tmpdir(), `opsgraph-faults-${randomBytes(4).toString('hex')}.sqlite`);
  afterAll(() => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  });

  it('counts SQLite staying busy (another writer holds the file) as unavailable, a constraint violation not', () => {
    const holder = new Database(file);
    const writer = new Database(file);
    try {
      holder.pragma('journal_mode = WAL');
      holder.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
      holder.exec('INSERT INTO t VALUES (1)');
      holder.exec('BEGIN IMMEDIATE');
      writer.pragma('busy_timeout = 0');
      const busy = (() => {
        try {
          writer.exec('INSERT INTO t VALUES (2)');
        } catch (error) {
          return error as Error & { code: string };
        }
        throw new Error('the write was not refused');
      })();
      expect(busy.code).toMatch(/^SQLITE_BUSY/);
      for (const error of bothWays(busy)) expect(isDatabaseUnavailable(error)).toBe(true);
      holder.exec('ROLLBACK');

      const duplicate = (() => {
        try {
          writer.exec('INSERT INTO t VALUES (1)');
        } catch (error) {
          return error as Error;
        }
        throw new Error('the duplicate was not refused');
      })();
      for (const error of bothWays(duplicate)) expect(isDatabaseUnavailable(error)).toBe(false);
    } finally {
      writer.close();
      holder.close();
    }
  });

  it('counts a refused MySQL connection and one the server hangs up on as unavailable', async () => {
    // A port nobody listens on: ECONNREFUSED.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await mysql.createConnection({ host: '127.0.0.1', port, connectTimeout: 2000 }).then(
      () => null,
      (error: Error) => error,
    );
    expect(refused).not.toBeNull();
    for (const error of bothWays(refused!)) expect(isDatabaseUnavailable(error)).toBe(true);

    // A server that accepts, then hangs up: the handshake's connection is lost.
    const hangUp = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    try {
      const lost = await mysql
        .createConnection({ host: '127.0.0.1', port: (hangUp.address() as net.AddressInfo).port, connectTimeout: 2000 })
        .then(
          () => null,
          (error: Error) => error,
        );
      expect(lost).not.toBeNull();
      for (const error of bothWays(lost!)) expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await new Promise((resolve) => hangUp.close(resolve));
    }
  });

  it('leaves errors of the request itself alone', () => {
    for (const error of bothWays(Object.assign(new Error("Duplicate entry 'x' for key 'sku'"), { code: 'ER_DUP_ENTRY' })))
      expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
