import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDatabaseIncarnation1796581733602 implements MigrationInterface {
  name = 'AddDatabaseIncarnation1796581733602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `database_incarnation` (`id` int NOT NULL, `incarnation` varchar(32) NOT NULL, `startedAt` datetime(3) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    // The first incarnation; `npm run restore` replaces it (db/incarnation.entity.ts).
    await queryRunner.query('INSERT INTO `database_incarnation` (`id`, `incarnation`, `startedAt`) VALUES (1, ?, UTC_TIMESTAMP(3))', [
      randomBytes(8).toString('hex'),
    ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `database_incarnation`');
  }
}
