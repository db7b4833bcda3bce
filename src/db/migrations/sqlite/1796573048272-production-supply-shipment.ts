import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProductionSupplyShipment1796573048272 implements MigrationInterface {
  name = 'ProductionSupplyShipment1796573048272';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "production_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "operationRowId" integer NOT NULL, "number" varchar(64) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "plannedStart" datetime(3) NOT NULL, "dueDate" datetime(3) NOT NULL, "status" varchar CHECK( "status" IN (\'PLANNED\',\'RELEASED\',\'IN_PROGRESS\',\'COMPLETED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "producedQuantity" integer NOT NULL DEFAULT (0), "releasedAt" datetime(3), "startedAt" datetime(3), "completedAt" datetime(3), "completedShort" boolean NOT NULL DEFAULT (0), "shortQuantity" integer NOT NULL DEFAULT (0), "cancelledAt" datetime(3))',
    );
    await queryRunner.query('CREATE INDEX "IDX_52324cd088361289b2993e9559" ON "production_order" ("status", "dueDate") ');
    await queryRunner.query('CREATE INDEX "IDX_9ec81ac19312032bfad33a2230" ON "production_order" ("operationRowId", "completedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_abe85fb3f7165e0f772075cc93" ON "production_order" ("operationRowId", "dueDate") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_b2d04ade5aa1c97b41ea70d863" ON "production_order" ("operationRowId", "number") ');
    await queryRunner.query(
      'CREATE TABLE "shipment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "operationRowId" integer NOT NULL, "destination" varchar(200) NOT NULL, "promisedDate" datetime(3) NOT NULL, "shippedAt" datetime(3), "deliveredAt" datetime(3), "status" varchar CHECK( "status" IN (\'PLANNED\',\'SHIPPED\',\'DELIVERED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'))',
    );
    await queryRunner.query('CREATE INDEX "IDX_3783954e4874425165aeb52860" ON "shipment" ("status", "promisedDate") ');
    await queryRunner.query('CREATE INDEX "IDX_a6a1ac99fdd097f26d38d9a22c" ON "shipment" ("operationRowId", "deliveredAt") ');
    await queryRunner.query('CREATE INDEX "IDX_e10e7b659006a9da680e02fd9a" ON "shipment" ("operationRowId", "promisedDate") ');
    await queryRunner.query(
      'CREATE TABLE "shipment_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "shipmentRowId" integer NOT NULL, "inventoryItemRowId" integer NOT NULL, "quantity" decimal(14,3) NOT NULL, "deliveredQuantity" decimal(14,3))',
    );
    await queryRunner.query('CREATE INDEX "IDX_6ebadf2570caf773b1b14fe6c0" ON "shipment_line" ("inventoryItemRowId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8587b623320577b45858f4ae11" ON "shipment_line" ("shipmentRowId", "inventoryItemRowId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "supplier" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "name" varchar(200) NOT NULL, "contact" varchar(500) NOT NULL DEFAULT (\'\'), "quotedLeadTimeDays" integer NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_05290e39dd1ef4fbbcfe329f7b" ON "supplier" ("name") ');
    await queryRunner.query(
      'CREATE TABLE "purchase_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "supplierRowId" integer NOT NULL, "number" varchar(64) NOT NULL, "orderedAt" datetime(3) NOT NULL, "promisedDate" datetime(3) NOT NULL, "status" varchar CHECK( "status" IN (\'OPEN\',\'PARTIALLY_RECEIVED\',\'RECEIVED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'OPEN\'), "receivedAt" datetime(3))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f479705eb85b6fea4103cb25b3" ON "purchase_order" ("number") ');
    await queryRunner.query('CREATE INDEX "IDX_f92f831491302d13e218068007" ON "purchase_order" ("status", "promisedDate") ');
    await queryRunner.query('CREATE INDEX "IDX_4594945c11ec9dfc9e133799c1" ON "purchase_order" ("supplierRowId", "orderedAt") ');
    await queryRunner.query(
      'CREATE TABLE "purchase_order_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseOrderRowId" integer NOT NULL, "inventoryItemRowId" integer NOT NULL, "quantityOrdered" decimal(14,3) NOT NULL, "quantityReceived" decimal(14,3) NOT NULL DEFAULT (0))',
    );
    await queryRunner.query('CREATE INDEX "IDX_76d5090e6a5afcad2913e08a99" ON "purchase_order_line" ("inventoryItemRowId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0c3d1333815e491423e90b5e39" ON "purchase_order_line" ("purchaseOrderRowId", "inventoryItemRowId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "purchase_receipt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseOrderRowId" integer NOT NULL, "receivedAt" datetime(3) NOT NULL, "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_f15c3b9d23aab7cbbf13d6bb8c" ON "purchase_receipt" ("receivedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_6f4cb182c6f69cb5b14e8b5c1c" ON "purchase_receipt" ("purchaseOrderRowId", "receivedAt") ');
    await queryRunner.query(
      'CREATE TABLE "purchase_receipt_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseReceiptRowId" integer NOT NULL, "purchaseOrderLineRowId" integer NOT NULL, "quantity" decimal(14,3) NOT NULL, "stockMovementRowId" integer NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_053480f63a215f9925d88ef342" ON "purchase_receipt_line" ("purchaseOrderLineRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_87702b9abd9cfa5a63131e9e46" ON "purchase_receipt_line" ("stockMovementRowId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_fdf355c2e06d487892856b1bc8" ON "purchase_receipt_line" ("purchaseReceiptRowId", "purchaseOrderLineRowId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_sample_process_period_covering"');
    await queryRunner.query('DROP INDEX "IDX_b15e32f90e0c6f96258092f1b1"');
    await queryRunner.query(
      'CREATE TABLE "temporary_throughput_sample" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "processRowId" integer NOT NULL, "periodStart" datetime(3) NOT NULL, "periodEnd" datetime(3) NOT NULL, "goodUnits" integer NOT NULL, "rejectedUnits" integer NOT NULL, "downtimeMinutes" double NOT NULL, "recordedAt" datetime(3) NOT NULL, "productionOrderRowId" integer, CONSTRAINT "FK_1feb2048cb65a7f955fc5be6a6f" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_throughput_sample"("id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt") SELECT "id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt" FROM "throughput_sample"',
    );
    await queryRunner.query('DROP TABLE "throughput_sample"');
    await queryRunner.query('ALTER TABLE "temporary_throughput_sample" RENAME TO "throughput_sample"');
    await queryRunner.query(
      'CREATE INDEX "IDX_sample_process_period_covering" ON "throughput_sample" ("processRowId", "periodStart", "periodEnd", "recordedAt", "goodUnits", "rejectedUnits", "downtimeMinutes") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_b15e32f90e0c6f96258092f1b1" ON "throughput_sample" ("recordedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_e56a5c45b213c949814b165d83" ON "throughput_sample" ("productionOrderRowId") ');
    await queryRunner.query('DROP INDEX "IDX_sample_process_period_covering"');
    await queryRunner.query('DROP INDEX "IDX_b15e32f90e0c6f96258092f1b1"');
    await queryRunner.query('DROP INDEX "IDX_e56a5c45b213c949814b165d83"');
    await queryRunner.query(
      'CREATE TABLE "temporary_throughput_sample" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "processRowId" integer NOT NULL, "periodStart" datetime(3) NOT NULL, "periodEnd" datetime(3) NOT NULL, "goodUnits" integer NOT NULL, "rejectedUnits" integer NOT NULL, "downtimeMinutes" double NOT NULL, "recordedAt" datetime(3) NOT NULL, "productionOrderRowId" integer, CONSTRAINT "FK_1feb2048cb65a7f955fc5be6a6f" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_e56a5c45b213c949814b165d830" FOREIGN KEY ("productionOrderRowId") REFERENCES "production_order" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_throughput_sample"("id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt", "productionOrderRowId") SELECT "id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt", "productionOrderRowId" FROM "throughput_sample"',
    );
    await queryRunner.query('DROP TABLE "throughput_sample"');
    await queryRunner.query('ALTER TABLE "temporary_throughput_sample" RENAME TO "throughput_sample"');
    await queryRunner.query(
      'CREATE INDEX "IDX_sample_process_period_covering" ON "throughput_sample" ("processRowId", "periodStart", "periodEnd", "recordedAt", "goodUnits", "rejectedUnits", "downtimeMinutes") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_b15e32f90e0c6f96258092f1b1" ON "throughput_sample" ("recordedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_e56a5c45b213c949814b165d83" ON "throughput_sample" ("productionOrderRowId") ');
    await queryRunner.query('DROP INDEX "IDX_52324cd088361289b2993e9559"');
    await queryRunner.query('DROP INDEX "IDX_9ec81ac19312032bfad33a2230"');
    await queryRunner.query('DROP INDEX "IDX_abe85fb3f7165e0f772075cc93"');
    await queryRunner.query('DROP INDEX "IDX_b2d04ade5aa1c97b41ea70d863"');
    await queryRunner.query(
      'CREATE TABLE "temporary_production_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "operationRowId" integer NOT NULL, "number" varchar(64) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "plannedStart" datetime(3) NOT NULL, "dueDate" datetime(3) NOT NULL, "status" varchar CHECK( "status" IN (\'PLANNED\',\'RELEASED\',\'IN_PROGRESS\',\'COMPLETED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "producedQuantity" integer NOT NULL DEFAULT (0), "releasedAt" datetime(3), "startedAt" datetime(3), "completedAt" datetime(3), "completedShort" boolean NOT NULL DEFAULT (0), "shortQuantity" integer NOT NULL DEFAULT (0), "cancelledAt" datetime(3), CONSTRAINT "FK_bc26fa26680ef4e54668f91f741" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_production_order"("id", "createdAt", "updatedAt", "version", "operationRowId", "number", "sku", "quantity", "plannedStart", "dueDate", "status", "producedQuantity", "releasedAt", "startedAt", "completedAt", "completedShort", "shortQuantity", "cancelledAt") SELECT "id", "createdAt", "updatedAt", "version", "operationRowId", "number", "sku", "quantity", "plannedStart", "dueDate", "status", "producedQuantity", "releasedAt", "startedAt", "completedAt", "completedShort", "shortQuantity", "cancelledAt" FROM "production_order"',
    );
    await queryRunner.query('DROP TABLE "production_order"');
    await queryRunner.query('ALTER TABLE "temporary_production_order" RENAME TO "production_order"');
    await queryRunner.query('CREATE INDEX "IDX_52324cd088361289b2993e9559" ON "production_order" ("status", "dueDate") ');
    await queryRunner.query('CREATE INDEX "IDX_9ec81ac19312032bfad33a2230" ON "production_order" ("operationRowId", "completedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_abe85fb3f7165e0f772075cc93" ON "production_order" ("operationRowId", "dueDate") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_b2d04ade5aa1c97b41ea70d863" ON "production_order" ("operationRowId", "number") ');
    await queryRunner.query('DROP INDEX "IDX_3783954e4874425165aeb52860"');
    await queryRunner.query('DROP INDEX "IDX_a6a1ac99fdd097f26d38d9a22c"');
    await queryRunner.query('DROP INDEX "IDX_e10e7b659006a9da680e02fd9a"');
    await queryRunner.query(
      'CREATE TABLE "temporary_shipment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "operationRowId" integer NOT NULL, "destination" varchar(200) NOT NULL, "promisedDate" datetime(3) NOT NULL, "shippedAt" datetime(3), "deliveredAt" datetime(3), "status" varchar CHECK( "status" IN (\'PLANNED\',\'SHIPPED\',\'DELIVERED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), CONSTRAINT "FK_3ca2e04bdfb8bfcdce0854003cb" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_shipment"("id", "createdAt", "updatedAt", "version", "operationRowId", "destination", "promisedDate", "shippedAt", "deliveredAt", "status") SELECT "id", "createdAt", "updatedAt", "version", "operationRowId", "destination", "promisedDate", "shippedAt", "deliveredAt", "status" FROM "shipment"',
    );
    await queryRunner.query('DROP TABLE "shipment"');
    await queryRunner.query('ALTER TABLE "temporary_shipment" RENAME TO "shipment"');
    await queryRunner.query('CREATE INDEX "IDX_3783954e4874425165aeb52860" ON "shipment" ("status", "promisedDate") ');
    await queryRunner.query('CREATE INDEX "IDX_a6a1ac99fdd097f26d38d9a22c" ON "shipment" ("operationRowId", "deliveredAt") ');
    await queryRunner.query('CREATE INDEX "IDX_e10e7b659006a9da680e02fd9a" ON "shipment" ("operationRowId", "promisedDate") ');
    await queryRunner.query('DROP INDEX "IDX_6ebadf2570caf773b1b14fe6c0"');
    await queryRunner.query('DROP INDEX "IDX_8587b623320577b45858f4ae11"');
    await queryRunner.query(
      'CREATE TABLE "temporary_shipment_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "shipmentRowId" integer NOT NULL, "inventoryItemRowId" integer NOT NULL, "quantity" decimal(14,3) NOT NULL, "deliveredQuantity" decimal(14,3), CONSTRAINT "FK_965d55dded26287520e71c30a58" FOREIGN KEY ("shipmentRowId") REFERENCES "shipment" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6ebadf2570caf773b1b14fe6c0a" FOREIGN KEY ("inventoryItemRowId") REFERENCES "inventory_item" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_shipment_line"("id", "shipmentRowId", "inventoryItemRowId", "quantity", "deliveredQuantity") SELECT "id", "shipmentRowId", "inventoryItemRowId", "quantity", "deliveredQuantity" FROM "shipment_line"',
    );
    await queryRunner.query('DROP TABLE "shipment_line"');
    await queryRunner.query('ALTER TABLE "temporary_shipment_line" RENAME TO "shipment_line"');
    await queryRunner.query('CREATE INDEX "IDX_6ebadf2570caf773b1b14fe6c0" ON "shipment_line" ("inventoryItemRowId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8587b623320577b45858f4ae11" ON "shipment_line" ("shipmentRowId", "inventoryItemRowId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_f479705eb85b6fea4103cb25b3"');
    await queryRunner.query('DROP INDEX "IDX_f92f831491302d13e218068007"');
    await queryRunner.query('DROP INDEX "IDX_4594945c11ec9dfc9e133799c1"');
    await queryRunner.query(
      'CREATE TABLE "temporary_purchase_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "supplierRowId" integer NOT NULL, "number" varchar(64) NOT NULL, "orderedAt" datetime(3) NOT NULL, "promisedDate" datetime(3) NOT NULL, "status" varchar CHECK( "status" IN (\'OPEN\',\'PARTIALLY_RECEIVED\',\'RECEIVED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'OPEN\'), "receivedAt" datetime(3), CONSTRAINT "FK_f32cfbda61c101bf32e3c10ee98" FOREIGN KEY ("supplierRowId") REFERENCES "supplier" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_purchase_order"("id", "createdAt", "updatedAt", "version", "supplierRowId", "number", "orderedAt", "promisedDate", "status", "receivedAt") SELECT "id", "createdAt", "updatedAt", "version", "supplierRowId", "number", "orderedAt", "promisedDate", "status", "receivedAt" FROM "purchase_order"',
    );
    await queryRunner.query('DROP TABLE "purchase_order"');
    await queryRunner.query('ALTER TABLE "temporary_purchase_order" RENAME TO "purchase_order"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f479705eb85b6fea4103cb25b3" ON "purchase_order" ("number") ');
    await queryRunner.query('CREATE INDEX "IDX_f92f831491302d13e218068007" ON "purchase_order" ("status", "promisedDate") ');
    await queryRunner.query('CREATE INDEX "IDX_4594945c11ec9dfc9e133799c1" ON "purchase_order" ("supplierRowId", "orderedAt") ');
    await queryRunner.query('DROP INDEX "IDX_76d5090e6a5afcad2913e08a99"');
    await queryRunner.query('DROP INDEX "IDX_0c3d1333815e491423e90b5e39"');
    await queryRunner.query(
      'CREATE TABLE "temporary_purchase_order_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseOrderRowId" integer NOT NULL, "inventoryItemRowId" integer NOT NULL, "quantityOrdered" decimal(14,3) NOT NULL, "quantityReceived" decimal(14,3) NOT NULL DEFAULT (0), CONSTRAINT "FK_6ce48f64edf33e910f43ec588a5" FOREIGN KEY ("purchaseOrderRowId") REFERENCES "purchase_order" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_76d5090e6a5afcad2913e08a995" FOREIGN KEY ("inventoryItemRowId") REFERENCES "inventory_item" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_purchase_order_line"("id", "purchaseOrderRowId", "inventoryItemRowId", "quantityOrdered", "quantityReceived") SELECT "id", "purchaseOrderRowId", "inventoryItemRowId", "quantityOrdered", "quantityReceived" FROM "purchase_order_line"',
    );
    await queryRunner.query('DROP TABLE "purchase_order_line"');
    await queryRunner.query('ALTER TABLE "temporary_purchase_order_line" RENAME TO "purchase_order_line"');
    await queryRunner.query('CREATE INDEX "IDX_76d5090e6a5afcad2913e08a99" ON "purchase_order_line" ("inventoryItemRowId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0c3d1333815e491423e90b5e39" ON "purchase_order_line" ("purchaseOrderRowId", "inventoryItemRowId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_f15c3b9d23aab7cbbf13d6bb8c"');
    await queryRunner.query('DROP INDEX "IDX_6f4cb182c6f69cb5b14e8b5c1c"');
    await queryRunner.query(
      'CREATE TABLE "temporary_purchase_receipt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseOrderRowId" integer NOT NULL, "receivedAt" datetime(3) NOT NULL, "recordedAt" datetime(3) NOT NULL, CONSTRAINT "FK_09214685705728173e67f33437e" FOREIGN KEY ("purchaseOrderRowId") REFERENCES "purchase_order" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_purchase_receipt"("id", "purchaseOrderRowId", "receivedAt", "recordedAt") SELECT "id", "purchaseOrderRowId", "receivedAt", "recordedAt" FROM "purchase_receipt"',
    );
    await queryRunner.query('DROP TABLE "purchase_receipt"');
    await queryRunner.query('ALTER TABLE "temporary_purchase_receipt" RENAME TO "purchase_receipt"');
    await queryRunner.query('CREATE INDEX "IDX_f15c3b9d23aab7cbbf13d6bb8c" ON "purchase_receipt" ("receivedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_6f4cb182c6f69cb5b14e8b5c1c" ON "purchase_receipt" ("purchaseOrderRowId", "receivedAt") ');
    await queryRunner.query('DROP INDEX "IDX_053480f63a215f9925d88ef342"');
    await queryRunner.query('DROP INDEX "IDX_87702b9abd9cfa5a63131e9e46"');
    await queryRunner.query('DROP INDEX "IDX_fdf355c2e06d487892856b1bc8"');
    await queryRunner.query(
      'CREATE TABLE "temporary_purchase_receipt_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseReceiptRowId" integer NOT NULL, "purchaseOrderLineRowId" integer NOT NULL, "quantity" decimal(14,3) NOT NULL, "stockMovementRowId" integer NOT NULL, CONSTRAINT "FK_a09cec5f0d30ac07c2ab0290345" FOREIGN KEY ("purchaseReceiptRowId") REFERENCES "purchase_receipt" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_053480f63a215f9925d88ef3429" FOREIGN KEY ("purchaseOrderLineRowId") REFERENCES "purchase_order_line" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_87702b9abd9cfa5a63131e9e460" FOREIGN KEY ("stockMovementRowId") REFERENCES "stock_movement" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_purchase_receipt_line"("id", "purchaseReceiptRowId", "purchaseOrderLineRowId", "quantity", "stockMovementRowId") SELECT "id", "purchaseReceiptRowId", "purchaseOrderLineRowId", "quantity", "stockMovementRowId" FROM "purchase_receipt_line"',
    );
    await queryRunner.query('DROP TABLE "purchase_receipt_line"');
    await queryRunner.query('ALTER TABLE "temporary_purchase_receipt_line" RENAME TO "purchase_receipt_line"');
    await queryRunner.query('CREATE INDEX "IDX_053480f63a215f9925d88ef342" ON "purchase_receipt_line" ("purchaseOrderLineRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_87702b9abd9cfa5a63131e9e46" ON "purchase_receipt_line" ("stockMovementRowId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_fdf355c2e06d487892856b1bc8" ON "purchase_receipt_line" ("purchaseReceiptRowId", "purchaseOrderLineRowId") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_fdf355c2e06d487892856b1bc8"');
    await queryRunner.query('DROP INDEX "IDX_87702b9abd9cfa5a63131e9e46"');
    await queryRunner.query('DROP INDEX "IDX_053480f63a215f9925d88ef342"');
    await queryRunner.query('ALTER TABLE "purchase_receipt_line" RENAME TO "temporary_purchase_receipt_line"');
    await queryRunner.query(
      'CREATE TABLE "purchase_receipt_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseReceiptRowId" integer NOT NULL, "purchaseOrderLineRowId" integer NOT NULL, "quantity" decimal(14,3) NOT NULL, "stockMovementRowId" integer NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "purchase_receipt_line"("id", "purchaseReceiptRowId", "purchaseOrderLineRowId", "quantity", "stockMovementRowId") SELECT "id", "purchaseReceiptRowId", "purchaseOrderLineRowId", "quantity", "stockMovementRowId" FROM "temporary_purchase_receipt_line"',
    );
    await queryRunner.query('DROP TABLE "temporary_purchase_receipt_line"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_fdf355c2e06d487892856b1bc8" ON "purchase_receipt_line" ("purchaseReceiptRowId", "purchaseOrderLineRowId") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_87702b9abd9cfa5a63131e9e46" ON "purchase_receipt_line" ("stockMovementRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_053480f63a215f9925d88ef342" ON "purchase_receipt_line" ("purchaseOrderLineRowId") ');
    await queryRunner.query('DROP INDEX "IDX_6f4cb182c6f69cb5b14e8b5c1c"');
    await queryRunner.query('DROP INDEX "IDX_f15c3b9d23aab7cbbf13d6bb8c"');
    await queryRunner.query('ALTER TABLE "purchase_receipt" RENAME TO "temporary_purchase_receipt"');
    await queryRunner.query(
      'CREATE TABLE "purchase_receipt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseOrderRowId" integer NOT NULL, "receivedAt" datetime(3) NOT NULL, "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "purchase_receipt"("id", "purchaseOrderRowId", "receivedAt", "recordedAt") SELECT "id", "purchaseOrderRowId", "receivedAt", "recordedAt" FROM "temporary_purchase_receipt"',
    );
    await queryRunner.query('DROP TABLE "temporary_purchase_receipt"');
    await queryRunner.query('CREATE INDEX "IDX_6f4cb182c6f69cb5b14e8b5c1c" ON "purchase_receipt" ("purchaseOrderRowId", "receivedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_f15c3b9d23aab7cbbf13d6bb8c" ON "purchase_receipt" ("receivedAt") ');
    await queryRunner.query('DROP INDEX "IDX_0c3d1333815e491423e90b5e39"');
    await queryRunner.query('DROP INDEX "IDX_76d5090e6a5afcad2913e08a99"');
    await queryRunner.query('ALTER TABLE "purchase_order_line" RENAME TO "temporary_purchase_order_line"');
    await queryRunner.query(
      'CREATE TABLE "purchase_order_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchaseOrderRowId" integer NOT NULL, "inventoryItemRowId" integer NOT NULL, "quantityOrdered" decimal(14,3) NOT NULL, "quantityReceived" decimal(14,3) NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'INSERT INTO "purchase_order_line"("id", "purchaseOrderRowId", "inventoryItemRowId", "quantityOrdered", "quantityReceived") SELECT "id", "purchaseOrderRowId", "inventoryItemRowId", "quantityOrdered", "quantityReceived" FROM "temporary_purchase_order_line"',
    );
    await queryRunner.query('DROP TABLE "temporary_purchase_order_line"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0c3d1333815e491423e90b5e39" ON "purchase_order_line" ("purchaseOrderRowId", "inventoryItemRowId") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_76d5090e6a5afcad2913e08a99" ON "purchase_order_line" ("inventoryItemRowId") ');
    await queryRunner.query('DROP INDEX "IDX_4594945c11ec9dfc9e133799c1"');
    await queryRunner.query('DROP INDEX "IDX_f92f831491302d13e218068007"');
    await queryRunner.query('DROP INDEX "IDX_f479705eb85b6fea4103cb25b3"');
    await queryRunner.query('ALTER TABLE "purchase_order" RENAME TO "temporary_purchase_order"');
    await queryRunner.query(
      'CREATE TABLE "purchase_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "supplierRowId" integer NOT NULL, "number" varchar(64) NOT NULL, "orderedAt" datetime(3) NOT NULL, "promisedDate" datetime(3) NOT NULL, "status" varchar CHECK( "status" IN (\'OPEN\',\'PARTIALLY_RECEIVED\',\'RECEIVED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'OPEN\'), "receivedAt" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "purchase_order"("id", "createdAt", "updatedAt", "version", "supplierRowId", "number", "orderedAt", "promisedDate", "status", "receivedAt") SELECT "id", "createdAt", "updatedAt", "version", "supplierRowId", "number", "orderedAt", "promisedDate", "status", "receivedAt" FROM "temporary_purchase_order"',
    );
    await queryRunner.query('DROP TABLE "temporary_purchase_order"');
    await queryRunner.query('CREATE INDEX "IDX_4594945c11ec9dfc9e133799c1" ON "purchase_order" ("supplierRowId", "orderedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_f92f831491302d13e218068007" ON "purchase_order" ("status", "promisedDate") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f479705eb85b6fea4103cb25b3" ON "purchase_order" ("number") ');
    await queryRunner.query('DROP INDEX "IDX_8587b623320577b45858f4ae11"');
    await queryRunner.query('DROP INDEX "IDX_6ebadf2570caf773b1b14fe6c0"');
    await queryRunner.query('ALTER TABLE "shipment_line" RENAME TO "temporary_shipment_line"');
    await queryRunner.query(
      'CREATE TABLE "shipment_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "shipmentRowId" integer NOT NULL, "inventoryItemRowId" integer NOT NULL, "quantity" decimal(14,3) NOT NULL, "deliveredQuantity" decimal(14,3))',
    );
    await queryRunner.query(
      'INSERT INTO "shipment_line"("id", "shipmentRowId", "inventoryItemRowId", "quantity", "deliveredQuantity") SELECT "id", "shipmentRowId", "inventoryItemRowId", "quantity", "deliveredQuantity" FROM "temporary_shipment_line"',
    );
    await queryRunner.query('DROP TABLE "temporary_shipment_line"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8587b623320577b45858f4ae11" ON "shipment_line" ("shipmentRowId", "inventoryItemRowId") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_6ebadf2570caf773b1b14fe6c0" ON "shipment_line" ("inventoryItemRowId") ');
    await queryRunner.query('DROP INDEX "IDX_e10e7b659006a9da680e02fd9a"');
    await queryRunner.query('DROP INDEX "IDX_a6a1ac99fdd097f26d38d9a22c"');
    await queryRunner.query('DROP INDEX "IDX_3783954e4874425165aeb52860"');
    await queryRunner.query('ALTER TABLE "shipment" RENAME TO "temporary_shipment"');
    await queryRunner.query(
      'CREATE TABLE "shipment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "operationRowId" integer NOT NULL, "destination" varchar(200) NOT NULL, "promisedDate" datetime(3) NOT NULL, "shippedAt" datetime(3), "deliveredAt" datetime(3), "status" varchar CHECK( "status" IN (\'PLANNED\',\'SHIPPED\',\'DELIVERED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'))',
    );
    await queryRunner.query(
      'INSERT INTO "shipment"("id", "createdAt", "updatedAt", "version", "operationRowId", "destination", "promisedDate", "shippedAt", "deliveredAt", "status") SELECT "id", "createdAt", "updatedAt", "version", "operationRowId", "destination", "promisedDate", "shippedAt", "deliveredAt", "status" FROM "temporary_shipment"',
    );
    await queryRunner.query('DROP TABLE "temporary_shipment"');
    await queryRunner.query('CREATE INDEX "IDX_e10e7b659006a9da680e02fd9a" ON "shipment" ("operationRowId", "promisedDate") ');
    await queryRunner.query('CREATE INDEX "IDX_a6a1ac99fdd097f26d38d9a22c" ON "shipment" ("operationRowId", "deliveredAt") ');
    await queryRunner.query('CREATE INDEX "IDX_3783954e4874425165aeb52860" ON "shipment" ("status", "promisedDate") ');
    await queryRunner.query('DROP INDEX "IDX_b2d04ade5aa1c97b41ea70d863"');
    await queryRunner.query('DROP INDEX "IDX_abe85fb3f7165e0f772075cc93"');
    await queryRunner.query('DROP INDEX "IDX_9ec81ac19312032bfad33a2230"');
    await queryRunner.query('DROP INDEX "IDX_52324cd088361289b2993e9559"');
    await queryRunner.query('ALTER TABLE "production_order" RENAME TO "temporary_production_order"');
    await queryRunner.query(
      'CREATE TABLE "production_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "operationRowId" integer NOT NULL, "number" varchar(64) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "plannedStart" datetime(3) NOT NULL, "dueDate" datetime(3) NOT NULL, "status" varchar CHECK( "status" IN (\'PLANNED\',\'RELEASED\',\'IN_PROGRESS\',\'COMPLETED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "producedQuantity" integer NOT NULL DEFAULT (0), "releasedAt" datetime(3), "startedAt" datetime(3), "completedAt" datetime(3), "completedShort" boolean NOT NULL DEFAULT (0), "shortQuantity" integer NOT NULL DEFAULT (0), "cancelledAt" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "production_order"("id", "createdAt", "updatedAt", "version", "operationRowId", "number", "sku", "quantity", "plannedStart", "dueDate", "status", "producedQuantity", "releasedAt", "startedAt", "completedAt", "completedShort", "shortQuantity", "cancelledAt") SELECT "id", "createdAt", "updatedAt", "version", "operationRowId", "number", "sku", "quantity", "plannedStart", "dueDate", "status", "producedQuantity", "releasedAt", "startedAt", "completedAt", "completedShort", "shortQuantity", "cancelledAt" FROM "temporary_production_order"',
    );
    await queryRunner.query('DROP TABLE "temporary_production_order"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_b2d04ade5aa1c97b41ea70d863" ON "production_order" ("operationRowId", "number") ');
    await queryRunner.query('CREATE INDEX "IDX_abe85fb3f7165e0f772075cc93" ON "production_order" ("operationRowId", "dueDate") ');
    await queryRunner.query('CREATE INDEX "IDX_9ec81ac19312032bfad33a2230" ON "production_order" ("operationRowId", "completedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_52324cd088361289b2993e9559" ON "production_order" ("status", "dueDate") ');
    await queryRunner.query('DROP INDEX "IDX_e56a5c45b213c949814b165d83"');
    await queryRunner.query('DROP INDEX "IDX_b15e32f90e0c6f96258092f1b1"');
    await queryRunner.query('DROP INDEX "IDX_sample_process_period_covering"');
    await queryRunner.query('ALTER TABLE "throughput_sample" RENAME TO "temporary_throughput_sample"');
    await queryRunner.query(
      'CREATE TABLE "throughput_sample" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "processRowId" integer NOT NULL, "periodStart" datetime(3) NOT NULL, "periodEnd" datetime(3) NOT NULL, "goodUnits" integer NOT NULL, "rejectedUnits" integer NOT NULL, "downtimeMinutes" double NOT NULL, "recordedAt" datetime(3) NOT NULL, "productionOrderRowId" integer, CONSTRAINT "FK_1feb2048cb65a7f955fc5be6a6f" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "throughput_sample"("id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt", "productionOrderRowId") SELECT "id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt", "productionOrderRowId" FROM "temporary_throughput_sample"',
    );
    await queryRunner.query('DROP TABLE "temporary_throughput_sample"');
    await queryRunner.query('CREATE INDEX "IDX_e56a5c45b213c949814b165d83" ON "throughput_sample" ("productionOrderRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_b15e32f90e0c6f96258092f1b1" ON "throughput_sample" ("recordedAt") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_sample_process_period_covering" ON "throughput_sample" ("processRowId", "periodStart", "periodEnd", "recordedAt", "goodUnits", "rejectedUnits", "downtimeMinutes") ',
    );
    await queryRunner.query('DROP INDEX "IDX_e56a5c45b213c949814b165d83"');
    await queryRunner.query('DROP INDEX "IDX_b15e32f90e0c6f96258092f1b1"');
    await queryRunner.query('DROP INDEX "IDX_sample_process_period_covering"');
    await queryRunner.query('ALTER TABLE "throughput_sample" RENAME TO "temporary_throughput_sample"');
    await queryRunner.query(
      'CREATE TABLE "throughput_sample" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "processRowId" integer NOT NULL, "periodStart" datetime(3) NOT NULL, "periodEnd" datetime(3) NOT NULL, "goodUnits" integer NOT NULL, "rejectedUnits" integer NOT NULL, "downtimeMinutes" double NOT NULL, "recordedAt" datetime(3) NOT NULL, CONSTRAINT "FK_1feb2048cb65a7f955fc5be6a6f" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "throughput_sample"("id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt") SELECT "id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt" FROM "temporary_throughput_sample"',
    );
    await queryRunner.query('DROP TABLE "temporary_throughput_sample"');
    await queryRunner.query('CREATE INDEX "IDX_b15e32f90e0c6f96258092f1b1" ON "throughput_sample" ("recordedAt") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_sample_process_period_covering" ON "throughput_sample" ("processRowId", "periodStart", "periodEnd", "recordedAt", "goodUnits", "rejectedUnits", "downtimeMinutes") ',
    );
    await queryRunner.query('DROP INDEX "IDX_fdf355c2e06d487892856b1bc8"');
    await queryRunner.query('DROP INDEX "IDX_87702b9abd9cfa5a63131e9e46"');
    await queryRunner.query('DROP INDEX "IDX_053480f63a215f9925d88ef342"');
    await queryRunner.query('DROP TABLE "purchase_receipt_line"');
    await queryRunner.query('DROP INDEX "IDX_6f4cb182c6f69cb5b14e8b5c1c"');
    await queryRunner.query('DROP INDEX "IDX_f15c3b9d23aab7cbbf13d6bb8c"');
    await queryRunner.query('DROP TABLE "purchase_receipt"');
    await queryRunner.query('DROP INDEX "IDX_0c3d1333815e491423e90b5e39"');
    await queryRunner.query('DROP INDEX "IDX_76d5090e6a5afcad2913e08a99"');
    await queryRunner.query('DROP TABLE "purchase_order_line"');
    await queryRunner.query('DROP INDEX "IDX_4594945c11ec9dfc9e133799c1"');
    await queryRunner.query('DROP INDEX "IDX_f92f831491302d13e218068007"');
    await queryRunner.query('DROP INDEX "IDX_f479705eb85b6fea4103cb25b3"');
    await queryRunner.query('DROP TABLE "purchase_order"');
    await queryRunner.query('DROP INDEX "IDX_05290e39dd1ef4fbbcfe329f7b"');
    await queryRunner.query('DROP TABLE "supplier"');
    await queryRunner.query('DROP INDEX "IDX_8587b623320577b45858f4ae11"');
    await queryRunner.query('DROP INDEX "IDX_6ebadf2570caf773b1b14fe6c0"');
    await queryRunner.query('DROP TABLE "shipment_line"');
    await queryRunner.query('DROP INDEX "IDX_e10e7b659006a9da680e02fd9a"');
    await queryRunner.query('DROP INDEX "IDX_a6a1ac99fdd097f26d38d9a22c"');
    await queryRunner.query('DROP INDEX "IDX_3783954e4874425165aeb52860"');
    await queryRunner.query('DROP TABLE "shipment"');
    await queryRunner.query('DROP INDEX "IDX_b2d04ade5aa1c97b41ea70d863"');
    await queryRunner.query('DROP INDEX "IDX_abe85fb3f7165e0f772075cc93"');
    await queryRunner.query('DROP INDEX "IDX_9ec81ac19312032bfad33a2230"');
    await queryRunner.query('DROP INDEX "IDX_52324cd088361289b2993e9559"');
    await queryRunner.query('DROP TABLE "production_order"');
  }
}
