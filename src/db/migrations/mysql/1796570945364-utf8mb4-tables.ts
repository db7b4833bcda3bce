import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHARSET = 'utf8mb4';
const COLLATION = 'utf8mb4_unicode_ci';

/** The largest value, in bytes, each text type holds (a converted column goes back to its type when its data fits). */
const TEXT_BYTES: Record<string, number> = { tinytext: 255, text: 65_535, mediumtext: 16_777_215 };

interface TextColumn {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  comment: string;
}

const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/**
 * Every table in utf8mb4 with utf8mb4_unicode_ci, whatever the server's default. Until now tables
 * took the database's default character set, so on a latin1 server a name with an emoji or U+202E
 * failed with "Incorrect string value". The database's own default is changed too, so tables
 * created later inherit it (and generated migrations name it, see src/cli/migrations.ts).
 *
 * utf8mb4_unicode_ci is the collation the connection and the scratch databases already used, so
 * unique indexes and ordering keep their meaning. A table already in it is left alone (a fresh
 * database costs no ALTER). CONVERT TO widens TEXT columns (TEXT to MEDIUMTEXT) when the old
 * character set had shorter characters; each goes back to its declared type when its data fits.
 */
export class Utf8mb4Tables1796570945364 implements MigrationInterface {
  name = 'Utf8mb4Tables1796570945364';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const [{ db }] = (await queryRunner.query('SELECT DATABASE() AS db')) as { db: string }[];
    await queryRunner.query(`ALTER DATABASE ${quote(db)} CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`);
    const tables = (
      (await queryRunner.query(
        `SELECT t.TABLE_NAME AS name FROM information_schema.TABLES t
          WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
            AND (t.TABLE_COLLATION IS NULL OR t.TABLE_COLLATION <> ?
              OR EXISTS (SELECT 1 FROM information_schema.COLUMNS c
                          WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                            AND c.COLLATION_NAME IS NOT NULL AND c.COLLATION_NAME <> ?))
          ORDER BY t.TABLE_NAME`,
        [COLLATION, COLLATION],
      )) as { name: string }[]
    ).map((row) => row.name);
    if (tables.length === 0) return;

    const textColumns = async (): Promise<TextColumn[]> =>
      (
        (await queryRunner.query(
          `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, DATA_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def, COLUMN_COMMENT AS comment
             FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('tinytext', 'text', 'mediumtext')`,
        )) as { t: string; c: string; type: string; nullable: string; def: string | null; comment: string }[]
      ).map((r) => ({
        table: r.t,
        column: r.c,
        type: r.type.toLowerCase(),
        nullable: r.nullable === 'YES',
        hasDefault: r.def !== null && r.def !== 'NULL',
        comment: r.comment ?? '',
      }));
    const before = await textColumns();

    for (const table of tables) {
      await queryRunner.query(`ALTER TABLE ${quote(table)} CONVERT TO CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`);
    }

    for (const after of await textColumns()) {
      const was = before.find((b) => b.table === after.table && b.column === after.column);
      if (!was || was.type === after.type || was.hasDefault || !(was.type in TEXT_BYTES)) continue;
      const [{ bytes }] = (await queryRunner.query(
        `SELECT COALESCE(MAX(LENGTH(${quote(after.column)})), 0) AS bytes FROM ${quote(after.table)}`,
      )) as { bytes: number | string }[];
      if (Number(bytes) > TEXT_BYTES[was.type]) continue; // the data needs the wider type: keep it
      await queryRunner.query(
        `ALTER TABLE ${quote(after.table)} MODIFY ${quote(after.column)} ${was.type} CHARACTER SET ${CHARSET} COLLATE ${COLLATION} ${
          was.nullable ? 'NULL' : 'NOT NULL'
        }${was.comment ? ` COMMENT '${was.comment.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : ''}`,
      );
    }
  }

  public async down(): Promise<void> {
    // Nothing to undo safely: the character set each table had before is not recorded, and going
    // back to a narrower one would fail on (or mangle) the text that needed utf8mb4.
  }
}
