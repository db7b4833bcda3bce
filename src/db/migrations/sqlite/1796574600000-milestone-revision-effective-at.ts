import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MilestoneRevisionEffectiveAt1796574600000 implements MigrationInterface {
  name = 'MilestoneRevisionEffectiveAt1796574600000';

  // Written by hand in the generator's shape: existing revisions take effect when they were recorded.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_bf67dfd3ea2c148c5e03f10f19"');
    await queryRunner.query(
      'CREATE TABLE "temporary_milestone_revision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneRowId" integer NOT NULL, "projectRowId" integer NOT NULL, "status" varchar CHECK( "status" IN (\'PLANNED\',\'IN_PROGRESS\',\'DONE\',\'CANCELLED\') ) NOT NULL, "percentComplete" double NOT NULL, "weight" double NOT NULL, "dueDate" datetime(3) NOT NULL, "completedAt" datetime(3), "recordedAt" datetime(3) NOT NULL, "effectiveAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_milestone_revision"("id", "milestoneRowId", "projectRowId", "status", "percentComplete", "weight", "dueDate", "completedAt", "recordedAt", "effectiveAt") SELECT "id", "milestoneRowId", "projectRowId", "status", "percentComplete", "weight", "dueDate", "completedAt", "recordedAt", "recordedAt" FROM "milestone_revision"',
    );
    await queryRunner.query('DROP TABLE "milestone_revision"');
    await queryRunner.query('ALTER TABLE "temporary_milestone_revision" RENAME TO "milestone_revision"');
    await queryRunner.query('CREATE INDEX "IDX_bf67dfd3ea2c148c5e03f10f19" ON "milestone_revision" ("projectRowId", "recordedAt") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_bf67dfd3ea2c148c5e03f10f19"');
    await queryRunner.query('ALTER TABLE "milestone_revision" RENAME TO "temporary_milestone_revision"');
    await queryRunner.query(
      'CREATE TABLE "milestone_revision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneRowId" integer NOT NULL, "projectRowId" integer NOT NULL, "status" varchar CHECK( "status" IN (\'PLANNED\',\'IN_PROGRESS\',\'DONE\',\'CANCELLED\') ) NOT NULL, "percentComplete" double NOT NULL, "weight" double NOT NULL, "dueDate" datetime(3) NOT NULL, "completedAt" datetime(3), "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "milestone_revision"("id", "milestoneRowId", "projectRowId", "status", "percentComplete", "weight", "dueDate", "completedAt", "recordedAt") SELECT "id", "milestoneRowId", "projectRowId", "status", "percentComplete", "weight", "dueDate", "completedAt", "recordedAt" FROM "temporary_milestone_revision"',
    );
    await queryRunner.query('DROP TABLE "temporary_milestone_revision"');
    await queryRunner.query('CREATE INDEX "IDX_bf67dfd3ea2c148c5e03f10f19" ON "milestone_revision" ("projectRowId", "recordedAt") ');
  }
}
