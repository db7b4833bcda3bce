import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertSupplyKinds1796573622169 implements MigrationInterface {
  name = 'AlertSupplyKinds1796573622169';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `alert` CHANGE `kind` `kind` enum ('THROUGHPUT_BELOW_TARGET', 'YIELD_BELOW_TARGET', 'STOCK_BELOW_REORDER_POINT', 'MILESTONE_OVERDUE', 'BUDGET_OVERRUN', 'PROJECT_HEALTH_CHANGED', 'PURCHASE_ORDER_OVERDUE', 'SHIPMENT_LATE') NOT NULL",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `alert` CHANGE `kind` `kind` enum ('THROUGHPUT_BELOW_TARGET', 'YIELD_BELOW_TARGET', 'STOCK_BELOW_REORDER_POINT', 'MILESTONE_OVERDUE', 'BUDGET_OVERRUN', 'PROJECT_HEALTH_CHANGED') NOT NULL",
    );
  }
}
