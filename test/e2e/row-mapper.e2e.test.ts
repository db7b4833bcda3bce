import { rowMapper } from '../../src/common/row-mapper';
import { sqliteRows } from '../../src/common/sqlite-rows';
import { seedDemo } from '../../src/demo/seed';
import { describeApp } from '../harness/suite';

/**
 * The hot read paths hydrate rows with `rowMapper` instead of TypeORM's result transformer: for
 * every entity of the app, over the demo data, it must give exactly what TypeORM gives (same class,
 * same properties, same values and types: Dates, numbers from DECIMAL/BIGINT, booleans, JSON), on
 * SQLite (rows as objects and as arrays from `sqliteRows`) and on MariaDB.
 */
describeApp('row mapper against TypeORM on %s', { databases: ['sqlite', 'mysql'] }, ({ t, db }) => {
  beforeAll(async () => {
    await seedDemo(t.app, { scale: 1, now: new Date() });
  }, 120_000);

  it('hydrates every entity exactly as TypeORM does', async () => {
    const source = t.app.readSource;
    let compared = 0;
    for (const metadata of source.entityMetadatas) {
      const expected = await source
        .getRepository(metadata.target)
        .find({ take: 200, order: { [metadata.primaryColumns[0].propertyName]: 'ASC' } });
      if (expected.length === 0) continue;
      const mapper = rowMapper(source, metadata, 'pg_o');
      const escape = (n: string) => source.driver.escape(n);
      const id = escape(metadata.primaryColumns[0].databaseName);
      const sql = `SELECT ${mapper.select} FROM ${escape(metadata.tableName)} pg_o ORDER BY pg_o.${id} ASC LIMIT 200`;
      const fromObjects = ((await source.query(sql)) as Record<string, unknown>[]).map((row) => mapper.map(row));
      expect({ entity: metadata.name, rows: fromObjects }).toEqual({ entity: metadata.name, rows: expected });
      for (let i = 0; i < expected.length; i++) expect(Object.getPrototypeOf(fromObjects[i])).toBe(Object.getPrototypeOf(expected[i]));
      if (db === 'sqlite') {
        const runner = source.createQueryRunner();
        const fromArrays = sqliteRows(runner, sql, []).map((row) => mapper.mapArray(row, 0));
        expect({ entity: metadata.name, rows: fromArrays }).toEqual({ entity: metadata.name, rows: expected });
      }
      compared++;
    }
    // The demo data fills most tables: a mapper regression cannot hide behind empty ones.
    expect(compared).toBeGreaterThanOrEqual(20);
  });
});
