import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDatabaseIncarnation1796581730749 implements MigrationInterface {
  name = 'AddDatabaseIncarnation1796581730749';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "database_incarnation" ("id" integer PRIMARY KEY NOT NULL, "incarnation" varchar(32) NOT NULL, "startedAt" datetime(3) NOT NULL)',
    );
    // The first incarnation; `npm run restore` replaces it (db/incarnation.entity.ts).
    await queryRunner.query(
      'INSERT INTO "database_incarnation" ("id", "incarnation", "startedAt") VALUES (1, ?, strftime(\'%Y-%m-%d %H:%M:%f\', \'now\'))',
      [randomBytes(8).toString('hex')],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "database_incarnation"');
  }
}
