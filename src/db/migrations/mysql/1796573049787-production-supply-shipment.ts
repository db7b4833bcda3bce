import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProductionSupplyShipment1796573049787 implements MigrationInterface {
  name = 'ProductionSupplyShipment1796573049787';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `production_order` (`id` int NOT NULL AUTO_INCREMENT, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', `operationRowId` int NOT NULL, `number` varchar(64) NOT NULL, `sku` varchar(64) NOT NULL, `quantity` int NOT NULL, `plannedStart` datetime(3) NOT NULL, `dueDate` datetime(3) NOT NULL, `status` enum ('PLANNED', 'RELEASED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED') NOT NULL DEFAULT 'PLANNED', `producedQuantity` int NOT NULL DEFAULT '0', `releasedAt` datetime(3) NULL, `startedAt` datetime(3) NULL, `completedAt` datetime(3) NULL, `completedShort` tinyint NOT NULL DEFAULT 0, `shortQuantity` int NOT NULL DEFAULT '0', `cancelledAt` datetime(3) NULL, INDEX `IDX_52324cd088361289b2993e9559` (`status`, `dueDate`), INDEX `IDX_9ec81ac19312032bfad33a2230` (`operationRowId`, `completedAt`), INDEX `IDX_abe85fb3f7165e0f772075cc93` (`operationRowId`, `dueDate`), UNIQUE INDEX `IDX_b2d04ade5aa1c97b41ea70d863` (`operationRowId`, `number`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `shipment` (`id` int NOT NULL AUTO_INCREMENT, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', `operationRowId` int NOT NULL, `destination` varchar(200) NOT NULL, `promisedDate` datetime(3) NOT NULL, `shippedAt` datetime(3) NULL, `deliveredAt` datetime(3) NULL, `status` enum ('PLANNED', 'SHIPPED', 'DELIVERED', 'CANCELLED') NOT NULL DEFAULT 'PLANNED', INDEX `IDX_3783954e4874425165aeb52860` (`status`, `promisedDate`), INDEX `IDX_a6a1ac99fdd097f26d38d9a22c` (`operationRowId`, `deliveredAt`), INDEX `IDX_e10e7b659006a9da680e02fd9a` (`operationRowId`, `promisedDate`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `shipment_line` (`id` int NOT NULL AUTO_INCREMENT, `shipmentRowId` int NOT NULL, `inventoryItemRowId` int NOT NULL, `quantity` decimal(14,3) NOT NULL, `deliveredQuantity` decimal(14,3) NULL, INDEX `IDX_6ebadf2570caf773b1b14fe6c0` (`inventoryItemRowId`), UNIQUE INDEX `IDX_8587b623320577b45858f4ae11` (`shipmentRowId`, `inventoryItemRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `supplier` (`id` int NOT NULL AUTO_INCREMENT, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', `name` varchar(200) NOT NULL, `contact` varchar(500) NOT NULL DEFAULT '', `quotedLeadTimeDays` int NOT NULL, UNIQUE INDEX `IDX_05290e39dd1ef4fbbcfe329f7b` (`name`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `purchase_order` (`id` int NOT NULL AUTO_INCREMENT, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', `supplierRowId` int NOT NULL, `number` varchar(64) NOT NULL, `orderedAt` datetime(3) NOT NULL, `promisedDate` datetime(3) NOT NULL, `status` enum ('OPEN', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED') NOT NULL DEFAULT 'OPEN', `receivedAt` datetime(3) NULL, UNIQUE INDEX `IDX_f479705eb85b6fea4103cb25b3` (`number`), INDEX `IDX_f92f831491302d13e218068007` (`status`, `promisedDate`), INDEX `IDX_4594945c11ec9dfc9e133799c1` (`supplierRowId`, `orderedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `purchase_order_line` (`id` int NOT NULL AUTO_INCREMENT, `purchaseOrderRowId` int NOT NULL, `inventoryItemRowId` int NOT NULL, `quantityOrdered` decimal(14,3) NOT NULL, `quantityReceived` decimal(14,3) NOT NULL DEFAULT '0.000', INDEX `IDX_76d5090e6a5afcad2913e08a99` (`inventoryItemRowId`), UNIQUE INDEX `IDX_0c3d1333815e491423e90b5e39` (`purchaseOrderRowId`, `inventoryItemRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `purchase_receipt` (`id` int NOT NULL AUTO_INCREMENT, `purchaseOrderRowId` int NOT NULL, `receivedAt` datetime(3) NOT NULL, `recordedAt` datetime(3) NOT NULL, INDEX `IDX_f15c3b9d23aab7cbbf13d6bb8c` (`receivedAt`), INDEX `IDX_6f4cb182c6f69cb5b14e8b5c1c` (`purchaseOrderRowId`, `receivedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `purchase_receipt_line` (`id` int NOT NULL AUTO_INCREMENT, `purchaseReceiptRowId` int NOT NULL, `purchaseOrderLineRowId` int NOT NULL, `quantity` decimal(14,3) NOT NULL, `stockMovementRowId` int NOT NULL, INDEX `IDX_053480f63a215f9925d88ef342` (`purchaseOrderLineRowId`), INDEX `IDX_87702b9abd9cfa5a63131e9e46` (`stockMovementRowId`), UNIQUE INDEX `IDX_fdf355c2e06d487892856b1bc8` (`purchaseReceiptRowId`, `purchaseOrderLineRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query('ALTER TABLE `throughput_sample` ADD `productionOrderRowId` int NULL');
    await queryRunner.query('CREATE INDEX `IDX_e56a5c45b213c949814b165d83` ON `throughput_sample` (`productionOrderRowId`)');
    await queryRunner.query(
      'ALTER TABLE `throughput_sample` ADD CONSTRAINT `FK_e56a5c45b213c949814b165d830` FOREIGN KEY (`productionOrderRowId`) REFERENCES `production_order`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `production_order` ADD CONSTRAINT `FK_bc26fa26680ef4e54668f91f741` FOREIGN KEY (`operationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `shipment` ADD CONSTRAINT `FK_3ca2e04bdfb8bfcdce0854003cb` FOREIGN KEY (`operationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `shipment_line` ADD CONSTRAINT `FK_965d55dded26287520e71c30a58` FOREIGN KEY (`shipmentRowId`) REFERENCES `shipment`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `shipment_line` ADD CONSTRAINT `FK_6ebadf2570caf773b1b14fe6c0a` FOREIGN KEY (`inventoryItemRowId`) REFERENCES `inventory_item`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `purchase_order` ADD CONSTRAINT `FK_f32cfbda61c101bf32e3c10ee98` FOREIGN KEY (`supplierRowId`) REFERENCES `supplier`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `purchase_order_line` ADD CONSTRAINT `FK_6ce48f64edf33e910f43ec588a5` FOREIGN KEY (`purchaseOrderRowId`) REFERENCES `purchase_order`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `purchase_order_line` ADD CONSTRAINT `FK_76d5090e6a5afcad2913e08a995` FOREIGN KEY (`inventoryItemRowId`) REFERENCES `inventory_item`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `purchase_receipt` ADD CONSTRAINT `FK_09214685705728173e67f33437e` FOREIGN KEY (`purchaseOrderRowId`) REFERENCES `purchase_order`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `purchase_receipt_line` ADD CONSTRAINT `FK_a09cec5f0d30ac07c2ab0290345` FOREIGN KEY (`purchaseReceiptRowId`) REFERENCES `purchase_receipt`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `purchase_receipt_line` ADD CONSTRAINT `FK_053480f63a215f9925d88ef3429` FOREIGN KEY (`purchaseOrderLineRowId`) REFERENCES `purchase_order_line`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `purchase_receipt_line` ADD CONSTRAINT `FK_87702b9abd9cfa5a63131e9e460` FOREIGN KEY (`stockMovementRowId`) REFERENCES `stock_movement`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `purchase_receipt_line` DROP FOREIGN KEY `FK_87702b9abd9cfa5a63131e9e460`');
    await queryRunner.query('ALTER TABLE `purchase_receipt_line` DROP FOREIGN KEY `FK_053480f63a215f9925d88ef3429`');
    await queryRunner.query('ALTER TABLE `purchase_receipt_line` DROP FOREIGN KEY `FK_a09cec5f0d30ac07c2ab0290345`');
    await queryRunner.query('ALTER TABLE `purchase_receipt` DROP FOREIGN KEY `FK_09214685705728173e67f33437e`');
    await queryRunner.query('ALTER TABLE `purchase_order_line` DROP FOREIGN KEY `FK_76d5090e6a5afcad2913e08a995`');
    await queryRunner.query('ALTER TABLE `purchase_order_line` DROP FOREIGN KEY `FK_6ce48f64edf33e910f43ec588a5`');
    await queryRunner.query('ALTER TABLE `purchase_order` DROP FOREIGN KEY `FK_f32cfbda61c101bf32e3c10ee98`');
    await queryRunner.query('ALTER TABLE `shipment_line` DROP FOREIGN KEY `FK_6ebadf2570caf773b1b14fe6c0a`');
    await queryRunner.query('ALTER TABLE `shipment_line` DROP FOREIGN KEY `FK_965d55dded26287520e71c30a58`');
    await queryRunner.query('ALTER TABLE `shipment` DROP FOREIGN KEY `FK_3ca2e04bdfb8bfcdce0854003cb`');
    await queryRunner.query('ALTER TABLE `production_order` DROP FOREIGN KEY `FK_bc26fa26680ef4e54668f91f741`');
    await queryRunner.query('ALTER TABLE `throughput_sample` DROP FOREIGN KEY `FK_e56a5c45b213c949814b165d830`');
    await queryRunner.query('DROP INDEX `IDX_e56a5c45b213c949814b165d83` ON `throughput_sample`');
    await queryRunner.query('ALTER TABLE `throughput_sample` DROP COLUMN `productionOrderRowId`');
    await queryRunner.query('DROP INDEX `IDX_fdf355c2e06d487892856b1bc8` ON `purchase_receipt_line`');
    await queryRunner.query('DROP INDEX `IDX_87702b9abd9cfa5a63131e9e46` ON `purchase_receipt_line`');
    await queryRunner.query('DROP INDEX `IDX_053480f63a215f9925d88ef342` ON `purchase_receipt_line`');
    await queryRunner.query('DROP TABLE `purchase_receipt_line`');
    await queryRunner.query('DROP INDEX `IDX_6f4cb182c6f69cb5b14e8b5c1c` ON `purchase_receipt`');
    await queryRunner.query('DROP INDEX `IDX_f15c3b9d23aab7cbbf13d6bb8c` ON `purchase_receipt`');
    await queryRunner.query('DROP TABLE `purchase_receipt`');
    await queryRunner.query('DROP INDEX `IDX_0c3d1333815e491423e90b5e39` ON `purchase_order_line`');
    await queryRunner.query('DROP INDEX `IDX_76d5090e6a5afcad2913e08a99` ON `purchase_order_line`');
    await queryRunner.query('DROP TABLE `purchase_order_line`');
    await queryRunner.query('DROP INDEX `IDX_4594945c11ec9dfc9e133799c1` ON `purchase_order`');
    await queryRunner.query('DROP INDEX `IDX_f92f831491302d13e218068007` ON `purchase_order`');
    await queryRunner.query('DROP INDEX `IDX_f479705eb85b6fea4103cb25b3` ON `purchase_order`');
    await queryRunner.query('DROP TABLE `purchase_order`');
    await queryRunner.query('DROP INDEX `IDX_05290e39dd1ef4fbbcfe329f7b` ON `supplier`');
    await queryRunner.query('DROP TABLE `supplier`');
    await queryRunner.query('DROP INDEX `IDX_8587b623320577b45858f4ae11` ON `shipment_line`');
    await queryRunner.query('DROP INDEX `IDX_6ebadf2570caf773b1b14fe6c0` ON `shipment_line`');
    await queryRunner.query('DROP TABLE `shipment_line`');
    await queryRunner.query('DROP INDEX `IDX_e10e7b659006a9da680e02fd9a` ON `shipment`');
    await queryRunner.query('DROP INDEX `IDX_a6a1ac99fdd097f26d38d9a22c` ON `shipment`');
    await queryRunner.query('DROP INDEX `IDX_3783954e4874425165aeb52860` ON `shipment`');
    await queryRunner.query('DROP TABLE `shipment`');
    await queryRunner.query('DROP INDEX `IDX_b2d04ade5aa1c97b41ea70d863` ON `production_order`');
    await queryRunner.query('DROP INDEX `IDX_abe85fb3f7165e0f772075cc93` ON `production_order`');
    await queryRunner.query('DROP INDEX `IDX_9ec81ac19312032bfad33a2230` ON `production_order`');
    await queryRunner.query('DROP INDEX `IDX_52324cd088361289b2993e9559` ON `production_order`');
    await queryRunner.query('DROP TABLE `production_order`');
  }
}
