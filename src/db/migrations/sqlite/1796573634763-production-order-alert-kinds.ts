import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProductionOrderAlertKinds1796573634763 implements MigrationInterface {
  name = 'ProductionOrderAlertKinds1796573634763';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_1b4dd26ec2d487b68d85bc664e"');
    await queryRunner.query('DROP INDEX "IDX_62fc333ef2cbc64dbd82a9164b"');
    await queryRunner.query('DROP INDEX "IDX_f89251294c5fa2ade7ad42562d"');
    await queryRunner.query('DROP INDEX "IDX_f411bb0ae2e3c300461fa90786"');
    await queryRunner.query(
      'CREATE TABLE "temporary_alert" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar CHECK( "kind" IN (\'THROUGHPUT_BELOW_TARGET\',\'YIELD_BELOW_TARGET\',\'STOCK_BELOW_REORDER_POINT\',\'MILESTONE_OVERDUE\',\'BUDGET_OVERRUN\',\'PROJECT_HEALTH_CHANGED\',\'PURCHASE_ORDER_OVERDUE\',\'SHIPMENT_LATE\',\'PRODUCTION_ORDER_FORECAST_LATE\',\'PRODUCTION_ORDER_OVERDUE\') ) NOT NULL, "severity" varchar CHECK( "severity" IN (\'INFO\',\'WARNING\',\'CRITICAL\') ) NOT NULL, "subjectId" varchar(64) NOT NULL, "operationRowId" integer, "projectRowId" integer, "message" varchar(500) NOT NULL, "detail" text NOT NULL, "raisedAt" datetime(3) NOT NULL, "acknowledgedAt" datetime(3), "acknowledgedBy" varchar(200), "clearedAt" datetime(3), "activeKey" varchar(100))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_alert"("id", "kind", "severity", "subjectId", "operationRowId", "projectRowId", "message", "detail", "raisedAt", "acknowledgedAt", "acknowledgedBy", "clearedAt", "activeKey") SELECT "id", "kind", "severity", "subjectId", "operationRowId", "projectRowId", "message", "detail", "raisedAt", "acknowledgedAt", "acknowledgedBy", "clearedAt", "activeKey" FROM "alert"',
    );
    await queryRunner.query('DROP TABLE "alert"');
    await queryRunner.query('ALTER TABLE "temporary_alert" RENAME TO "alert"');
    await queryRunner.query('CREATE INDEX "IDX_1b4dd26ec2d487b68d85bc664e" ON "alert" ("raisedAt") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_62fc333ef2cbc64dbd82a9164b" ON "alert" ("activeKey") ');
    await queryRunner.query('CREATE INDEX "IDX_f89251294c5fa2ade7ad42562d" ON "alert" ("projectRowId", "raisedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_f411bb0ae2e3c300461fa90786" ON "alert" ("operationRowId", "raisedAt") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_f411bb0ae2e3c300461fa90786"');
    await queryRunner.query('DROP INDEX "IDX_f89251294c5fa2ade7ad42562d"');
    await queryRunner.query('DROP INDEX "IDX_62fc333ef2cbc64dbd82a9164b"');
    await queryRunner.query('DROP INDEX "IDX_1b4dd26ec2d487b68d85bc664e"');
    await queryRunner.query('ALTER TABLE "alert" RENAME TO "temporary_alert"');
    await queryRunner.query(
      'CREATE TABLE "alert" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar CHECK( "kind" IN (\'THROUGHPUT_BELOW_TARGET\',\'YIELD_BELOW_TARGET\',\'STOCK_BELOW_REORDER_POINT\',\'MILESTONE_OVERDUE\',\'BUDGET_OVERRUN\',\'PROJECT_HEALTH_CHANGED\',\'PURCHASE_ORDER_OVERDUE\',\'SHIPMENT_LATE\') ) NOT NULL, "severity" varchar CHECK( "severity" IN (\'INFO\',\'WARNING\',\'CRITICAL\') ) NOT NULL, "subjectId" varchar(64) NOT NULL, "operationRowId" integer, "projectRowId" integer, "message" varchar(500) NOT NULL, "detail" text NOT NULL, "raisedAt" datetime(3) NOT NULL, "acknowledgedAt" datetime(3), "acknowledgedBy" varchar(200), "clearedAt" datetime(3), "activeKey" varchar(100))',
    );
    await queryRunner.query(
      'INSERT INTO "alert"("id", "kind", "severity", "subjectId", "operationRowId", "projectRowId", "message", "detail", "raisedAt", "acknowledgedAt", "acknowledgedBy", "clearedAt", "activeKey") SELECT "id", "kind", "severity", "subjectId", "operationRowId", "projectRowId", "message", "detail", "raisedAt", "acknowledgedAt", "acknowledgedBy", "clearedAt", "activeKey" FROM "temporary_alert"',
    );
    await queryRunner.query('DROP TABLE "temporary_alert"');
    await queryRunner.query('CREATE INDEX "IDX_f411bb0ae2e3c300461fa90786" ON "alert" ("operationRowId", "raisedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_f89251294c5fa2ade7ad42562d" ON "alert" ("projectRowId", "raisedAt") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_62fc333ef2cbc64dbd82a9164b" ON "alert" ("activeKey") ');
    await queryRunner.query('CREATE INDEX "IDX_1b4dd26ec2d487b68d85bc664e" ON "alert" ("raisedAt") ');
  }
}
