import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SampleCoveringIndex1795813257839 implements MigrationInterface {
  name = 'SampleCoveringIndex1795813257839';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_a88819aad6feb2627181dbb862"');
    await queryRunner.query(
      'CREATE INDEX "IDX_sample_process_period_covering" ON "throughput_sample" ("processRowId", "periodStart", "periodEnd", "recordedAt", "goodUnits", "rejectedUnits", "downtimeMinutes") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_sample_process_period_covering"');
    await queryRunner.query('CREATE INDEX "IDX_a88819aad6feb2627181dbb862" ON "throughput_sample" ("processRowId", "periodStart") ');
  }
}
