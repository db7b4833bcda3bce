import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795800261481 implements MigrationInterface {
  name = 'Init1795800261481';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `cost_entry` (`id` int NOT NULL AUTO_INCREMENT, `projectRowId` int NULL, `operationRowId` int NULL, `amountCents` bigint NOT NULL, `incurredAt` datetime(3) NOT NULL, `description` varchar(500) NOT NULL, `recordedAt` datetime(3) NOT NULL, INDEX `IDX_1f166085ebf6c736e88794cb2f` (`operationRowId`, `incurredAt`), INDEX `IDX_8a626911178635b3314ab8be32` (`projectRowId`, `incurredAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `inventory_item` (`id` int NOT NULL AUTO_INCREMENT, `sku` varchar(64) NOT NULL, `name` varchar(200) NOT NULL, `unit` varchar(50) NOT NULL, `onHand` decimal(14,3) NOT NULL DEFAULT '0.000', `reorderPoint` decimal(14,3) NOT NULL DEFAULT '0.000', `operationRowId` int NOT NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', UNIQUE INDEX `IDX_d6ea8a96077963efdebaa65044` (`sku`), INDEX `IDX_33d628360609a8de63d9303b9d` (`operationRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `stock_movement` (`id` int NOT NULL AUTO_INCREMENT, `itemRowId` int NOT NULL, `kind` enum ('RECEIPT', 'CONSUMPTION', 'SHIPMENT', 'ADJUSTMENT') NOT NULL, `delta` decimal(14,3) NOT NULL, `onHandAfter` decimal(14,3) NOT NULL, `note` varchar(500) NOT NULL DEFAULT '', `occurredAt` datetime(3) NOT NULL, `recordedAt` datetime(3) NOT NULL, INDEX `IDX_ca3273f8cd332cc9d59aa3b6f5` (`itemRowId`, `occurredAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `milestone` (`id` int NOT NULL AUTO_INCREMENT, `projectRowId` int NOT NULL, `name` varchar(200) NOT NULL, `ownerRowId` int NULL, `dueDate` datetime(3) NOT NULL, `weight` double NOT NULL DEFAULT '1', `status` enum ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED') NOT NULL DEFAULT 'PLANNED', `percentComplete` double NOT NULL DEFAULT '0', `completedAt` datetime(3) NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', INDEX `IDX_f775e8ca97f9de70704a5fd188` (`ownerRowId`), INDEX `IDX_c5b3fc13de9a61689511f3b387` (`projectRowId`, `dueDate`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `operation` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(200) NOT NULL, `description` varchar(2000) NOT NULL DEFAULT '', `status` enum ('ACTIVE', 'PAUSED', 'RETIRED') NOT NULL DEFAULT 'ACTIVE', `teamRowId` int NULL, `originProjectRowId` int NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', INDEX `IDX_54bef81947d8e6ad96d1cc022a` (`name`), INDEX `IDX_76376f474e50505063cf475e68` (`status`), INDEX `IDX_b37092ee79e63cea1b220ccb1f` (`teamRowId`), INDEX `IDX_3db9f2d418022fb1517afe3bc8` (`originProjectRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `process` (`id` int NOT NULL AUTO_INCREMENT, `operationRowId` int NOT NULL, `name` varchar(200) NOT NULL, `sequence` int NOT NULL, `status` enum ('RUNNING', 'IDLE', 'DOWN') NOT NULL DEFAULT 'IDLE', `unit` varchar(50) NOT NULL, `targetRatePerHour` double NOT NULL, `targetYield` double NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', UNIQUE INDEX `IDX_d3907f203145d73258b65019cc` (`operationRowId`, `sequence`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `throughput_sample` (`id` int NOT NULL AUTO_INCREMENT, `processRowId` int NOT NULL, `periodStart` datetime(3) NOT NULL, `periodEnd` datetime(3) NOT NULL, `goodUnits` int NOT NULL, `rejectedUnits` int NOT NULL, `downtimeMinutes` double NOT NULL, `recordedAt` datetime(3) NOT NULL, INDEX `IDX_b15e32f90e0c6f96258092f1b1` (`recordedAt`), INDEX `IDX_a88819aad6feb2627181dbb862` (`processRowId`, `periodStart`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `project` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(200) NOT NULL, `goal` varchar(2000) NOT NULL DEFAULT '', `status` enum ('PLANNED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED') NOT NULL DEFAULT 'PLANNED', `startDate` datetime(3) NOT NULL, `dueDate` datetime(3) NOT NULL, `completedAt` datetime(3) NULL, `budgetCents` bigint NOT NULL, `teamRowId` int NULL, `improvesOperationRowId` int NULL, `deliveredOperationRowId` int NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', INDEX `IDX_dedfea394088ed136ddadeee89` (`name`), INDEX `IDX_57856cedbec1fbed761154d162` (`status`), INDEX `IDX_e714ecd244407c53ae52795ab6` (`dueDate`), INDEX `IDX_fa1dc4d14bb02b98020d1e015d` (`teamRowId`), INDEX `IDX_46e4377137dc0eb811d3d77a8d` (`improvesOperationRowId`), INDEX `IDX_814813701992bce65091ab7d45` (`deliveredOperationRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `risk` (`id` int NOT NULL AUTO_INCREMENT, `projectRowId` int NOT NULL, `title` varchar(200) NOT NULL, `probability` int NOT NULL, `impact` int NOT NULL, `status` enum ('OPEN', 'MITIGATING', 'CLOSED', 'OCCURRED') NOT NULL DEFAULT 'OPEN', `ownerRowId` int NULL, `mitigation` varchar(2000) NOT NULL DEFAULT '', `milestoneRowId` int NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', INDEX `IDX_df6f566067de36bc9c71132a2b` (`projectRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `person` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(200) NOT NULL, `email` varchar(254) NULL, `createdAt` datetime(3) NOT NULL, UNIQUE INDEX `IDX_d2d717efd90709ebd3cb26b936` (`email`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `team` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(200) NOT NULL, `kind` enum ('PERMANENT', 'TEMPORARY') NOT NULL, `projectRowId` int NULL, `disbandedAt` datetime(3) NULL, `createdAt` datetime(3) NOT NULL, INDEX `IDX_053f47770990f2de4351efc217` (`projectRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `team_member` (`id` int NOT NULL AUTO_INCREMENT, `teamRowId` int NOT NULL, `personRowId` int NOT NULL, `role` varchar(100) NOT NULL, `joinedAt` datetime(3) NOT NULL, INDEX `IDX_7351abe30a98aea16a6271c9a7` (`personRowId`), UNIQUE INDEX `IDX_14b2be9d9250de28c687bc76e4` (`teamRowId`, `personRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `idempotency_key` (`keyHash` varchar(64) NOT NULL, `operation` varchar(64) NOT NULL, `requestHash` varchar(64) NOT NULL, `response` text NOT NULL, `createdAt` datetime(3) NOT NULL, INDEX `IDX_38536b1937c55d305af4d69a97` (`createdAt`), PRIMARY KEY (`keyHash`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `shift_calendar` (`id` int NOT NULL AUTO_INCREMENT, `operationRowId` int NULL, `processRowId` int NULL, `timeZone` varchar(64) NOT NULL, `shifts` text NOT NULL, `updatedAt` datetime(3) NOT NULL, UNIQUE INDEX `IDX_2b1e109e40fa3ca47f2e818d3e` (`operationRowId`), UNIQUE INDEX `IDX_f8bc1830e2d38bebe0f18cf29e` (`processRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `event_stream` (`streamKey` varchar(64) NOT NULL, `lastSeq` int NOT NULL DEFAULT '0', PRIMARY KEY (`streamKey`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `event` (`id` int NOT NULL AUTO_INCREMENT, `streamKey` varchar(64) NOT NULL, `seq` int NOT NULL, `type` varchar(64) NOT NULL, `subjectId` varchar(64) NOT NULL, `payload` text NOT NULL, `createdAt` datetime(3) NOT NULL, INDEX `IDX_77b45e61f3194ba2be468b0778` (`createdAt`), UNIQUE INDEX `IDX_b81b2d8e150a9f248ea09c8944` (`streamKey`, `seq`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `milestone_revision` (`id` int NOT NULL AUTO_INCREMENT, `milestoneRowId` int NOT NULL, `projectRowId` int NOT NULL, `status` enum ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED') NOT NULL, `percentComplete` double NOT NULL, `weight` double NOT NULL, `dueDate` datetime(3) NOT NULL, `completedAt` datetime(3) NULL, `recordedAt` datetime(3) NOT NULL, INDEX `IDX_bf67dfd3ea2c148c5e03f10f19` (`projectRowId`, `recordedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `alert` (`id` int NOT NULL AUTO_INCREMENT, `kind` enum ('THROUGHPUT_BELOW_TARGET', 'YIELD_BELOW_TARGET', 'STOCK_BELOW_REORDER_POINT', 'MILESTONE_OVERDUE', 'BUDGET_OVERRUN', 'PROJECT_HEALTH_CHANGED') NOT NULL, `severity` enum ('INFO', 'WARNING', 'CRITICAL') NOT NULL, `subjectId` varchar(64) NOT NULL, `operationRowId` int NULL, `projectRowId` int NULL, `message` varchar(500) NOT NULL, `detail` text NOT NULL, `raisedAt` datetime(3) NOT NULL, `acknowledgedAt` datetime(3) NULL, `acknowledgedBy` varchar(200) NULL, `clearedAt` datetime(3) NULL, `activeKey` varchar(100) NULL, INDEX `IDX_1b4dd26ec2d487b68d85bc664e` (`raisedAt`), UNIQUE INDEX `IDX_62fc333ef2cbc64dbd82a9164b` (`activeKey`), INDEX `IDX_f89251294c5fa2ade7ad42562d` (`projectRowId`, `raisedAt`), INDEX `IDX_f411bb0ae2e3c300461fa90786` (`operationRowId`, `raisedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `handover` (`id` int NOT NULL AUTO_INCREMENT, `projectRowId` int NOT NULL, `operationRowId` int NOT NULL, `receivingTeamRowId` int NOT NULL, `status` enum ('PROPOSED', 'ACCEPTED', 'IN_SUPPORT', 'CLOSED') NOT NULL DEFAULT 'PROPOSED', `targetThroughputPerHour` double NULL, `targetYield` double NULL, `targetOee` double NULL, `baselineFrom` datetime(3) NULL, `baselineTo` datetime(3) NULL, `baselineUnitsPerHour` double NULL, `baselineYield` double NULL, `baselineOee` double NULL, `baselineSampleCount` int NOT NULL DEFAULT '0', `supportDays` int NOT NULL, `supportUntil` datetime(3) NULL, `proposedAt` datetime(3) NOT NULL, `acceptedAt` datetime(3) NULL, `acceptedBy` varchar(200) NULL, `closedAt` datetime(3) NULL, `closedBy` varchar(200) NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', UNIQUE INDEX `IDX_6ce60784931b6e3db098fb0aff` (`projectRowId`), INDEX `IDX_39dd9bee7840b3fb5ba0794c84` (`operationRowId`), INDEX `IDX_e575676fe9c703bb1167eb8733` (`receivingTeamRowId`), INDEX `IDX_939530ac867b57995f128ff445` (`status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `acceptance_criterion` (`id` int NOT NULL AUTO_INCREMENT, `handoverRowId` int NOT NULL, `description` varchar(500) NOT NULL, `met` tinyint NOT NULL DEFAULT 0, `metBy` varchar(200) NULL, `metAt` datetime(3) NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', INDEX `IDX_07fb7603d92f34c4827e533cd7` (`handoverRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'ALTER TABLE `cost_entry` ADD CONSTRAINT `FK_ba3c6e14d13a4a9501dcabb0f2d` FOREIGN KEY (`projectRowId`) REFERENCES `project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `cost_entry` ADD CONSTRAINT `FK_f91c714609fa79f8bc5462013a2` FOREIGN KEY (`operationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `inventory_item` ADD CONSTRAINT `FK_33d628360609a8de63d9303b9d0` FOREIGN KEY (`operationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `stock_movement` ADD CONSTRAINT `FK_1c57575cac2f9972628f0e85fd1` FOREIGN KEY (`itemRowId`) REFERENCES `inventory_item`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `milestone` ADD CONSTRAINT `FK_c79911680f0585e54989f3f7de9` FOREIGN KEY (`projectRowId`) REFERENCES `project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `milestone` ADD CONSTRAINT `FK_f775e8ca97f9de70704a5fd1888` FOREIGN KEY (`ownerRowId`) REFERENCES `person`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `operation` ADD CONSTRAINT `FK_b37092ee79e63cea1b220ccb1f6` FOREIGN KEY (`teamRowId`) REFERENCES `team`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `operation` ADD CONSTRAINT `FK_3db9f2d418022fb1517afe3bc88` FOREIGN KEY (`originProjectRowId`) REFERENCES `project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `process` ADD CONSTRAINT `FK_78fabcfb7c5fb9d28028c9f962d` FOREIGN KEY (`operationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `throughput_sample` ADD CONSTRAINT `FK_1feb2048cb65a7f955fc5be6a6f` FOREIGN KEY (`processRowId`) REFERENCES `process`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `project` ADD CONSTRAINT `FK_fa1dc4d14bb02b98020d1e015d8` FOREIGN KEY (`teamRowId`) REFERENCES `team`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `project` ADD CONSTRAINT `FK_46e4377137dc0eb811d3d77a8dc` FOREIGN KEY (`improvesOperationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `project` ADD CONSTRAINT `FK_814813701992bce65091ab7d456` FOREIGN KEY (`deliveredOperationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `risk` ADD CONSTRAINT `FK_df6f566067de36bc9c71132a2b7` FOREIGN KEY (`projectRowId`) REFERENCES `project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `risk` ADD CONSTRAINT `FK_dd558313937c71249395a6b66fc` FOREIGN KEY (`ownerRowId`) REFERENCES `person`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `risk` ADD CONSTRAINT `FK_c6b7be45e960be92bc183868fa9` FOREIGN KEY (`milestoneRowId`) REFERENCES `milestone`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `team` ADD CONSTRAINT `FK_053f47770990f2de4351efc2170` FOREIGN KEY (`projectRowId`) REFERENCES `project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `team_member` ADD CONSTRAINT `FK_6284b204fc999b04d35c3bc2308` FOREIGN KEY (`teamRowId`) REFERENCES `team`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `team_member` ADD CONSTRAINT `FK_7351abe30a98aea16a6271c9a73` FOREIGN KEY (`personRowId`) REFERENCES `person`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `shift_calendar` ADD CONSTRAINT `FK_2b1e109e40fa3ca47f2e818d3e2` FOREIGN KEY (`operationRowId`) REFERENCES `operation`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `shift_calendar` ADD CONSTRAINT `FK_f8bc1830e2d38bebe0f18cf29e3` FOREIGN KEY (`processRowId`) REFERENCES `process`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `handover` ADD CONSTRAINT `FK_6ce60784931b6e3db098fb0aff6` FOREIGN KEY (`projectRowId`) REFERENCES `project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `handover` ADD CONSTRAINT `FK_39dd9bee7840b3fb5ba0794c847` FOREIGN KEY (`operationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `handover` ADD CONSTRAINT `FK_e575676fe9c703bb1167eb8733a` FOREIGN KEY (`receivingTeamRowId`) REFERENCES `team`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `acceptance_criterion` ADD CONSTRAINT `FK_07fb7603d92f34c4827e533cd77` FOREIGN KEY (`handoverRowId`) REFERENCES `handover`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `acceptance_criterion` DROP FOREIGN KEY `FK_07fb7603d92f34c4827e533cd77`');
    await queryRunner.query('ALTER TABLE `handover` DROP FOREIGN KEY `FK_e575676fe9c703bb1167eb8733a`');
    await queryRunner.query('ALTER TABLE `handover` DROP FOREIGN KEY `FK_39dd9bee7840b3fb5ba0794c847`');
    await queryRunner.query('ALTER TABLE `handover` DROP FOREIGN KEY `FK_6ce60784931b6e3db098fb0aff6`');
    await queryRunner.query('ALTER TABLE `shift_calendar` DROP FOREIGN KEY `FK_f8bc1830e2d38bebe0f18cf29e3`');
    await queryRunner.query('ALTER TABLE `shift_calendar` DROP FOREIGN KEY `FK_2b1e109e40fa3ca47f2e818d3e2`');
    await queryRunner.query('ALTER TABLE `team_member` DROP FOREIGN KEY `FK_7351abe30a98aea16a6271c9a73`');
    await queryRunner.query('ALTER TABLE `team_member` DROP FOREIGN KEY `FK_6284b204fc999b04d35c3bc2308`');
    await queryRunner.query('ALTER TABLE `team` DROP FOREIGN KEY `FK_053f47770990f2de4351efc2170`');
    await queryRunner.query('ALTER TABLE `risk` DROP FOREIGN KEY `FK_c6b7be45e960be92bc183868fa9`');
    await queryRunner.query('ALTER TABLE `risk` DROP FOREIGN KEY `FK_dd558313937c71249395a6b66fc`');
    await queryRunner.query('ALTER TABLE `risk` DROP FOREIGN KEY `FK_df6f566067de36bc9c71132a2b7`');
    await queryRunner.query('ALTER TABLE `project` DROP FOREIGN KEY `FK_814813701992bce65091ab7d456`');
    await queryRunner.query('ALTER TABLE `project` DROP FOREIGN KEY `FK_46e4377137dc0eb811d3d77a8dc`');
    await queryRunner.query('ALTER TABLE `project` DROP FOREIGN KEY `FK_fa1dc4d14bb02b98020d1e015d8`');
    await queryRunner.query('ALTER TABLE `throughput_sample` DROP FOREIGN KEY `FK_1feb2048cb65a7f955fc5be6a6f`');
    await queryRunner.query('ALTER TABLE `process` DROP FOREIGN KEY `FK_78fabcfb7c5fb9d28028c9f962d`');
    await queryRunner.query('ALTER TABLE `operation` DROP FOREIGN KEY `FK_3db9f2d418022fb1517afe3bc88`');
    await queryRunner.query('ALTER TABLE `operation` DROP FOREIGN KEY `FK_b37092ee79e63cea1b220ccb1f6`');
    await queryRunner.query('ALTER TABLE `milestone` DROP FOREIGN KEY `FK_f775e8ca97f9de70704a5fd1888`');
    await queryRunner.query('ALTER TABLE `milestone` DROP FOREIGN KEY `FK_c79911680f0585e54989f3f7de9`');
    await queryRunner.query('ALTER TABLE `stock_movement` DROP FOREIGN KEY `FK_1c57575cac2f9972628f0e85fd1`');
    await queryRunner.query('ALTER TABLE `inventory_item` DROP FOREIGN KEY `FK_33d628360609a8de63d9303b9d0`');
    await queryRunner.query('ALTER TABLE `cost_entry` DROP FOREIGN KEY `FK_f91c714609fa79f8bc5462013a2`');
    await queryRunner.query('ALTER TABLE `cost_entry` DROP FOREIGN KEY `FK_ba3c6e14d13a4a9501dcabb0f2d`');
    await queryRunner.query('DROP INDEX `IDX_07fb7603d92f34c4827e533cd7` ON `acceptance_criterion`');
    await queryRunner.query('DROP TABLE `acceptance_criterion`');
    await queryRunner.query('DROP INDEX `IDX_939530ac867b57995f128ff445` ON `handover`');
    await queryRunner.query('DROP INDEX `IDX_e575676fe9c703bb1167eb8733` ON `handover`');
    await queryRunner.query('DROP INDEX `IDX_39dd9bee7840b3fb5ba0794c84` ON `handover`');
    await queryRunner.query('DROP INDEX `IDX_6ce60784931b6e3db098fb0aff` ON `handover`');
    await queryRunner.query('DROP TABLE `handover`');
    await queryRunner.query('DROP INDEX `IDX_f411bb0ae2e3c300461fa90786` ON `alert`');
    await queryRunner.query('DROP INDEX `IDX_f89251294c5fa2ade7ad42562d` ON `alert`');
    await queryRunner.query('DROP INDEX `IDX_62fc333ef2cbc64dbd82a9164b` ON `alert`');
    await queryRunner.query('DROP INDEX `IDX_1b4dd26ec2d487b68d85bc664e` ON `alert`');
    await queryRunner.query('DROP TABLE `alert`');
    await queryRunner.query('DROP INDEX `IDX_bf67dfd3ea2c148c5e03f10f19` ON `milestone_revision`');
    await queryRunner.query('DROP TABLE `milestone_revision`');
    await queryRunner.query('DROP INDEX `IDX_b81b2d8e150a9f248ea09c8944` ON `event`');
    await queryRunner.query('DROP INDEX `IDX_77b45e61f3194ba2be468b0778` ON `event`');
    await queryRunner.query('DROP TABLE `event`');
    await queryRunner.query('DROP TABLE `event_stream`');
    await queryRunner.query('DROP INDEX `IDX_f8bc1830e2d38bebe0f18cf29e` ON `shift_calendar`');
    await queryRunner.query('DROP INDEX `IDX_2b1e109e40fa3ca47f2e818d3e` ON `shift_calendar`');
    await queryRunner.query('DROP TABLE `shift_calendar`');
    await queryRunner.query('DROP INDEX `IDX_38536b1937c55d305af4d69a97` ON `idempotency_key`');
    await queryRunner.query('DROP TABLE `idempotency_key`');
    await queryRunner.query('DROP INDEX `IDX_14b2be9d9250de28c687bc76e4` ON `team_member`');
    await queryRunner.query('DROP INDEX `IDX_7351abe30a98aea16a6271c9a7` ON `team_member`');
    await queryRunner.query('DROP TABLE `team_member`');
    await queryRunner.query('DROP INDEX `IDX_053f47770990f2de4351efc217` ON `team`');
    await queryRunner.query('DROP TABLE `team`');
    await queryRunner.query('DROP INDEX `IDX_d2d717efd90709ebd3cb26b936` ON `person`');
    await queryRunner.query('DROP TABLE `person`');
    await queryRunner.query('DROP INDEX `IDX_df6f566067de36bc9c71132a2b` ON `risk`');
    await queryRunner.query('DROP TABLE `risk`');
    await queryRunner.query('DROP INDEX `IDX_814813701992bce65091ab7d45` ON `project`');
    await queryRunner.query('DROP INDEX `IDX_46e4377137dc0eb811d3d77a8d` ON `project`');
    await queryRunner.query('DROP INDEX `IDX_fa1dc4d14bb02b98020d1e015d` ON `project`');
    await queryRunner.query('DROP INDEX `IDX_e714ecd244407c53ae52795ab6` ON `project`');
    await queryRunner.query('DROP INDEX `IDX_57856cedbec1fbed761154d162` ON `project`');
    await queryRunner.query('DROP INDEX `IDX_dedfea394088ed136ddadeee89` ON `project`');
    await queryRunner.query('DROP TABLE `project`');
    await queryRunner.query('DROP INDEX `IDX_a88819aad6feb2627181dbb862` ON `throughput_sample`');
    await queryRunner.query('DROP INDEX `IDX_b15e32f90e0c6f96258092f1b1` ON `throughput_sample`');
    await queryRunner.query('DROP TABLE `throughput_sample`');
    await queryRunner.query('DROP INDEX `IDX_d3907f203145d73258b65019cc` ON `process`');
    await queryRunner.query('DROP TABLE `process`');
    await queryRunner.query('DROP INDEX `IDX_3db9f2d418022fb1517afe3bc8` ON `operation`');
    await queryRunner.query('DROP INDEX `IDX_b37092ee79e63cea1b220ccb1f` ON `operation`');
    await queryRunner.query('DROP INDEX `IDX_76376f474e50505063cf475e68` ON `operation`');
    await queryRunner.query('DROP INDEX `IDX_54bef81947d8e6ad96d1cc022a` ON `operation`');
    await queryRunner.query('DROP TABLE `operation`');
    await queryRunner.query('DROP INDEX `IDX_c5b3fc13de9a61689511f3b387` ON `milestone`');
    await queryRunner.query('DROP INDEX `IDX_f775e8ca97f9de70704a5fd188` ON `milestone`');
    await queryRunner.query('DROP TABLE `milestone`');
    await queryRunner.query('DROP INDEX `IDX_ca3273f8cd332cc9d59aa3b6f5` ON `stock_movement`');
    await queryRunner.query('DROP TABLE `stock_movement`');
    await queryRunner.query('DROP INDEX `IDX_33d628360609a8de63d9303b9d` ON `inventory_item`');
    await queryRunner.query('DROP INDEX `IDX_d6ea8a96077963efdebaa65044` ON `inventory_item`');
    await queryRunner.query('DROP TABLE `inventory_item`');
    await queryRunner.query('DROP INDEX `IDX_8a626911178635b3314ab8be32` ON `cost_entry`');
    await queryRunner.query('DROP INDEX `IDX_1f166085ebf6c736e88794cb2f` ON `cost_entry`');
    await queryRunner.query('DROP TABLE `cost_entry`');
  }
}
