import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProductionOrderAlertKinds1796573636485 implements MigrationInterface {
  name = 'ProductionOrderAlertKinds1796573636485';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `alert` CHANGE `kind` `kind` enum ('THROUGHPUT_BELOW_TARGET', 'YIELD_BELOW_TARGET', 'STOCK_BELOW_REORDER_POINT', 'MILESTONE_OVERDUE', 'BUDGET_OVERRUN', 'PROJECT_HEALTH_CHANGED', 'PURCHASE_ORDER_OVERDUE', 'SHIPMENT_LATE', 'PRODUCTION_ORDER_FORECAST_LATE', 'PRODUCTION_ORDER_OVERDUE') NOT NULL",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `alert` CHANGE `kind` `kind` enum ('THROUGHPUT_BELOW_TARGET', 'YIELD_BELOW_TARGET', 'STOCK_BELOW_REORDER_POINT', 'MILESTONE_OVERDUE', 'BUDGET_OVERRUN', 'PROJECT_HEALTH_CHANGED', 'PURCHASE_ORDER_OVERDUE', 'SHIPMENT_LATE') NOT NULL",
    );
  }
}
