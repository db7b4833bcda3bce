import 'reflect-metadata';
import { createConnection, type Connection } from 'mysql2/promise';
import { dataOf, startTestApp, TEST_MYSQL_URL, type TestApp } from '../harness/app';
import { CREATE_OPERATION, CREATE_PROCESS, CREATE_PROJECT } from '../harness/documents';
import { daysFromNow } from '../harness/factories';
import { canConnect } from '../harness/redis';
import { createDataSource } from '../../src/db/data-source';
import { MYSQL_MIGRATIONS } from '../../src/db/migrations/mysql';
import { createScratchMysqlDatabase } from '../../src/db/scratch';
import { MODULE_ENTITIES } from '../../src/modules';

const target = new URL(TEST_MYSQL_URL.replace(/^mariadb:/, 'mysql:'));

function admin(): Promise<Connection> {
  return createConnection({
    host: target.hostname,
    port: Number(target.port || 3306),
    user: decodeURIComponent(target.username || 'root'),
    password: decodeURIComponent(target.password),
    charset: 'utf8mb4_unicode_ci',
  });
}

/** The timestamp of the migration that moves every table to utf8mb4. */
const UTF8MB4_MIGRATION = 1796570945364;

/** Names no latin1 column can hold: emoji (with ZWJ and skin tone), bidi controls such as U+202E, other astral planes. */
const NAMES = [
  'Line 🏭 👩🏽‍🔧',
  'evil\u202Egnp.exe',
  'Mixed \u200F\u202Bمصنع\u202C and עברית',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛',
  'Kanji 𠜎𠜱 and U+10FFFF \u{10FFFF}',
  '🇪🇺🇯🇵 flags',
];

/**
 * A MariaDB/MySQL server whose default character set is latin1: tables used to take the
 * database's default, so names with emoji or U+202E failed with INTERNAL_SERVER_ERROR ("Incorrect
 * string value"). The scratch database is made through the harness's scratch naming (so the CI
 * cleanup finds it) and then switched to latin1, as a latin1 server's databases are.
 */
describe('utf8mb4 on a latin1 MariaDB database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchMysqlDatabase>>;
  let t: TestApp;
  let root: Connection;

  beforeAll(async () => {
    if (!(await canConnect(Number(target.port || 3306)))) throw new Error(`MariaDB is not reachable at ${TEST_MYSQL_URL}`);
    root = await admin();
    scratch = await createScratchMysqlDatabase(TEST_MYSQL_URL, 'opsgraph_test');
    await root.query(`ALTER DATABASE \`${scratch.name}\` CHARACTER SET latin1 COLLATE latin1_swedish_ci`);

    // The schema as it was before the utf8mb4 migration, with a row whose name latin1 can hold.
    const earlier = MYSQL_MIGRATIONS.filter((m) => Number(/(\d{13})$/.exec(m.name)?.[1]) < UTF8MB4_MIGRATION);
    const before = createDataSource({ kind: scratch.kind, url: scratch.url, poolSize: 1, logging: false }, { entities: MODULE_ENTITIES });
    before.setOptions({ migrations: earlier });
    await before.initialize();
    try {
      await before.runMigrations({ transaction: 'each' });
      await before.query(
        "INSERT INTO operation (name, description, status, createdAt, updatedAt, version) VALUES ('Café Ünïcödé', 'crème brûlée', 'ACTIVE', NOW(3), NOW(3), 1)",
      );
    } finally {
      await before.destroy();
    }

    t = await startTestApp({ databaseUrl: scratch.url, logs: true });
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
    await scratch?.drop();
    await root?.end();
  });

  it('round-trips names with emoji, U+202E and other astral characters through create and read', async () => {
    const { operations } = dataOf(await t.gql(`{ operations(first: 50) { edges { node { id } } } }`));
    const existing = operations.edges.length;
    for (const name of NAMES) {
      const created = await t.gql(CREATE_OPERATION, { input: { name, description: `${name} / ${name}` } });
      expect(created.errors).toBeUndefined();
      const operation = created.data!.createOperation;
      expect(operation.name).toBe(name);
      const read = dataOf(
        await t.gql(`query ($id: ID!) { node(id: $id) { ... on Operation { name description } } }`, { id: operation.id }),
      );
      expect(read.node).toEqual({ name, description: `${name} / ${name}` });

      const process = dataOf(
        await t.gql(CREATE_PROCESS, { input: { operationId: operation.id, name, unit: '📦', targetRatePerHour: 10 } }),
      );
      expect(process.createProcess).toMatchObject({ __typename: 'Process', name });
      const project = dataOf(
        await t.gql(CREATE_PROJECT, { input: { name, goal: name, startDate: daysFromNow(-1), dueDate: daysFromNow(30), budget: 100 } }),
      );
      expect(project.createProject).toMatchObject({ name });
    }
    const listed = dataOf(await t.gql(`{ operations(first: 50, orderBy: NAME_ASC) { edges { node { name } } } }`));
    expect(listed.operations.edges).toHaveLength(existing + NAMES.length);
    expect(new Set(listed.operations.edges.map((e: any) => e.node.name))).toEqual(new Set(['Café Ünïcödé', ...NAMES]));
  });

  it('keeps the rows written before the migration, converted', async () => {
    const list = dataOf(await t.gql(`{ operations(first: 50) { edges { node { name description } } } }`));
    expect(list.operations.edges.map((e: any) => e.node)).toContainEqual({ name: 'Café Ünïcödé', description: 'crème brûlée' });
  });

  it('leaves every table and string column utf8mb4_unicode_ci, TEXT columns TEXT, and the database default utf8mb4', async () => {
    const [tables] = await root.query(
      `SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?`,
      [scratch.name],
    );
    expect((tables as any[]).length).toBeGreaterThan(10);
    for (const table of tables as any[]) expect(`${table.name}: ${table.collation}`).toBe(`${table.name}: utf8mb4_unicode_ci`);
    const [columns] = await root.query(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, COLLATION_NAME AS collation
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND COLLATION_NAME IS NOT NULL`,
      [scratch.name],
    );
    for (const column of columns as any[])
      expect(`${column.t}.${column.c}: ${column.collation}`).toBe(`${column.t}.${column.c}: utf8mb4_unicode_ci`);
    // CONVERT TO widens TEXT to MEDIUMTEXT coming from latin1; the migration puts back the declared type.
    const texts = (columns as any[]).filter((c) => /text$/.test(c.type)).map((c) => `${c.t}.${c.c}: ${c.type}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        'alert.detail: text',
        'event.payload: text',
        'idempotency_key.response: text',
        'shift_calendar.shifts: text',
      ]),
    );
    expect(texts.filter((c) => !c.endsWith(': text'))).toEqual([]);

    // A table created later without naming a character set inherits utf8mb4 from the database.
    await root.query(`CREATE TABLE \`${scratch.name}\`.later_table (name varchar(20) NOT NULL) ENGINE=InnoDB`);
    const [[later]] = (await root.query(`SHOW CREATE TABLE \`${scratch.name}\`.later_table`)) as any;
    expect(later['Create Table']).toMatch(/CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci/);

    const [session] = await t.app.dataSource.query('SELECT @@character_set_connection AS cs, @@collation_connection AS collation');
    expect(session).toEqual({ cs: 'utf8mb4', collation: 'utf8mb4_unicode_ci' });
  });
});
