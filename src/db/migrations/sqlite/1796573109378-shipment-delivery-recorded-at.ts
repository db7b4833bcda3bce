import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShipmentDeliveryRecordedAt1796573109378 implements MigrationInterface {
  name = 'ShipmentDeliveryRecordedAt1796573109378';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_e10e7b659006a9da680e02fd9a"');
    await queryRunner.query('DROP INDEX "IDX_a6a1ac99fdd097f26d38d9a22c"');
    await queryRunner.query('DROP INDEX "IDX_3783954e4874425165aeb52860"');
    await queryRunner.query(
      'CREATE TABLE "temporary_shipment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "operationRowId" integer NOT NULL, "destination" varchar(200) NOT NULL, "promisedDate" datetime(3) NOT NULL, "shippedAt" datetime(3), "deliveredAt" datetime(3), "status" varchar CHECK( "status" IN (\'PLANNED\',\'SHIPPED\',\'DELIVERED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "deliveryRecordedAt" datetime(3), CONSTRAINT "FK_3ca2e04bdfb8bfcdce0854003cb" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_shipment"("id", "createdAt", "updatedAt", "version", "operationRowId", "destination", "promisedDate", "shippedAt", "deliveredAt", "status") SELECT "id", "createdAt", "updatedAt", "version", "operationRowId", "destination", "promisedDate", "shippedAt", "deliveredAt", "status" FROM "shipment"',
    );
    await queryRunner.query('DROP TABLE "shipment"');
    await queryRunner.query('ALTER TABLE "temporary_shipment" RENAME TO "shipment"');
    await queryRunner.query('CREATE INDEX "IDX_e10e7b659006a9da680e02fd9a" ON "shipment" ("operationRowId", "promisedDate") ');
    await queryRunner.query('CREATE INDEX "IDX_a6a1ac99fdd097f26d38d9a22c" ON "shipment" ("operationRowId", "deliveredAt") ');
    await queryRunner.query('CREATE INDEX "IDX_3783954e4874425165aeb52860" ON "shipment" ("status", "promisedDate") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_3783954e4874425165aeb52860"');
    await queryRunner.query('DROP INDEX "IDX_a6a1ac99fdd097f26d38d9a22c"');
    await queryRunner.query('DROP INDEX "IDX_e10e7b659006a9da680e02fd9a"');
    await queryRunner.query('ALTER TABLE "shipment" RENAME TO "temporary_shipment"');
    await queryRunner.query(
      'CREATE TABLE "shipment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "operationRowId" integer NOT NULL, "destination" varchar(200) NOT NULL, "promisedDate" datetime(3) NOT NULL, "shippedAt" datetime(3), "deliveredAt" datetime(3), "status" varchar CHECK( "status" IN (\'PLANNED\',\'SHIPPED\',\'DELIVERED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), CONSTRAINT "FK_3ca2e04bdfb8bfcdce0854003cb" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "shipment"("id", "createdAt", "updatedAt", "version", "operationRowId", "destination", "promisedDate", "shippedAt", "deliveredAt", "status") SELECT "id", "createdAt", "updatedAt", "version", "operationRowId", "destination", "promisedDate", "shippedAt", "deliveredAt", "status" FROM "temporary_shipment"',
    );
    await queryRunner.query('DROP TABLE "temporary_shipment"');
    await queryRunner.query('CREATE INDEX "IDX_3783954e4874425165aeb52860" ON "shipment" ("status", "promisedDate") ');
    await queryRunner.query('CREATE INDEX "IDX_a6a1ac99fdd097f26d38d9a22c" ON "shipment" ("operationRowId", "deliveredAt") ');
    await queryRunner.query('CREATE INDEX "IDX_e10e7b659006a9da680e02fd9a" ON "shipment" ("operationRowId", "promisedDate") ');
  }
}
