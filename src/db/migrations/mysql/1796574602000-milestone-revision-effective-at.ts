import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MilestoneRevisionEffectiveAt1796574602000 implements MigrationInterface {
  name = 'MilestoneRevisionEffectiveAt1796574602000';

  // Written by hand: the column is added nullable, filled from recordedAt (existing revisions take
  // effect when they were recorded), then made NOT NULL, which is what the entity declares.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `milestone_revision` ADD `effectiveAt` datetime(3) NULL');
    await queryRunner.query('UPDATE `milestone_revision` SET `effectiveAt` = `recordedAt`');
    await queryRunner.query('ALTER TABLE `milestone_revision` MODIFY `effectiveAt` datetime(3) NOT NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `milestone_revision` DROP COLUMN `effectiveAt`');
  }
}
