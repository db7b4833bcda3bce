import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SampleCoveringIndex1795813259892 implements MigrationInterface {
  name = 'SampleCoveringIndex1795813259892';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Create before drop: the foreign key on processRowId needs an index starting with it at all times.
    await queryRunner.query(
      'CREATE INDEX `IDX_sample_process_period_covering` ON `throughput_sample` (`processRowId`, `periodStart`, `periodEnd`, `recordedAt`, `goodUnits`, `rejectedUnits`, `downtimeMinutes`)',
    );
    await queryRunner.query('DROP INDEX `IDX_a88819aad6feb2627181dbb862` ON `throughput_sample`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `IDX_a88819aad6feb2627181dbb862` ON `throughput_sample` (`processRowId`, `periodStart`)');
    await queryRunner.query('DROP INDEX `IDX_sample_process_period_covering` ON `throughput_sample`');
  }
}
