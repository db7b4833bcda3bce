import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleAllocations1796574759501 implements MigrationInterface {
  name = 'PeopleAllocations1796574759501';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `allocation` (`id` int NOT NULL AUTO_INCREMENT, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `version` int NOT NULL DEFAULT '1', `personRowId` int NOT NULL, `projectRowId` int NULL, `operationRowId` int NULL, `hoursPerWeek` double NOT NULL, `startsAt` datetime(3) NOT NULL, `endsAt` datetime(3) NULL, `role` varchar(100) NOT NULL, INDEX `IDX_a61269b7b6227854cd37cd5e8c` (`personRowId`), INDEX `IDX_6310c789edd5b0ae9b2e94f831` (`projectRowId`), INDEX `IDX_ff5c734a9ea4c993f7acc0768c` (`operationRowId`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `allocation_revision` (`id` int NOT NULL AUTO_INCREMENT, `allocationRowId` int NOT NULL, `personRowId` int NOT NULL, `projectRowId` int NULL, `operationRowId` int NULL, `version` int NOT NULL, `hoursPerWeek` double NOT NULL, `startsAt` datetime(3) NOT NULL, `endsAt` datetime(3) NULL, `recordedAt` datetime(3) NOT NULL, INDEX `IDX_45344deb7577a8e1e1b6d2b1ae` (`projectRowId`), INDEX `IDX_85384acede661a7b7aee873929` (`operationRowId`), UNIQUE INDEX `IDX_0f40ae88c9b4f1728ae88cd196` (`allocationRowId`, `version`), INDEX `IDX_84aa30d1d11162dc428c864c4e` (`personRowId`, `recordedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query('ALTER TABLE `shift_calendar` ADD `personRowId` int NULL');
    await queryRunner.query('ALTER TABLE `shift_calendar` ADD UNIQUE INDEX `IDX_5a92e5759a67093752bff2997f` (`personRowId`)');
    await queryRunner.query("ALTER TABLE `person` ADD `capacityHoursPerWeek` double NOT NULL DEFAULT '40'");
    await queryRunner.query('ALTER TABLE `person` ADD `updatedAt` datetime(3) NULL');
    await queryRunner.query("ALTER TABLE `person` ADD `version` int NOT NULL DEFAULT '1'");
    await queryRunner.query(
      "ALTER TABLE `alert` CHANGE `kind` `kind` enum ('THROUGHPUT_BELOW_TARGET', 'YIELD_BELOW_TARGET', 'STOCK_BELOW_REORDER_POINT', 'MILESTONE_OVERDUE', 'BUDGET_OVERRUN', 'PROJECT_HEALTH_CHANGED', 'PURCHASE_ORDER_OVERDUE', 'SHIPMENT_LATE', 'PRODUCTION_ORDER_FORECAST_LATE', 'PRODUCTION_ORDER_OVERDUE', 'PERSON_OVER_ALLOCATED') NOT NULL",
    );
    await queryRunner.query(
      'ALTER TABLE `allocation` ADD CONSTRAINT `FK_a61269b7b6227854cd37cd5e8ca` FOREIGN KEY (`personRowId`) REFERENCES `person`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `allocation` ADD CONSTRAINT `FK_6310c789edd5b0ae9b2e94f831c` FOREIGN KEY (`projectRowId`) REFERENCES `project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `allocation` ADD CONSTRAINT `FK_ff5c734a9ea4c993f7acc0768c3` FOREIGN KEY (`operationRowId`) REFERENCES `operation`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `allocation_revision` ADD CONSTRAINT `FK_35521a148f2b7a43a9f2f262b1f` FOREIGN KEY (`allocationRowId`) REFERENCES `allocation`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `shift_calendar` ADD CONSTRAINT `FK_5a92e5759a67093752bff2997f9` FOREIGN KEY (`personRowId`) REFERENCES `person`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `shift_calendar` DROP FOREIGN KEY `FK_5a92e5759a67093752bff2997f9`');
    await queryRunner.query('ALTER TABLE `allocation_revision` DROP FOREIGN KEY `FK_35521a148f2b7a43a9f2f262b1f`');
    await queryRunner.query('ALTER TABLE `allocation` DROP FOREIGN KEY `FK_ff5c734a9ea4c993f7acc0768c3`');
    await queryRunner.query('ALTER TABLE `allocation` DROP FOREIGN KEY `FK_6310c789edd5b0ae9b2e94f831c`');
    await queryRunner.query('ALTER TABLE `allocation` DROP FOREIGN KEY `FK_a61269b7b6227854cd37cd5e8ca`');
    await queryRunner.query(
      "ALTER TABLE `alert` CHANGE `kind` `kind` enum ('THROUGHPUT_BELOW_TARGET', 'YIELD_BELOW_TARGET', 'STOCK_BELOW_REORDER_POINT', 'MILESTONE_OVERDUE', 'BUDGET_OVERRUN', 'PROJECT_HEALTH_CHANGED', 'PURCHASE_ORDER_OVERDUE', 'SHIPMENT_LATE', 'PRODUCTION_ORDER_FORECAST_LATE', 'PRODUCTION_ORDER_OVERDUE') NOT NULL",
    );
    await queryRunner.query('ALTER TABLE `person` DROP COLUMN `version`');
    await queryRunner.query('ALTER TABLE `person` DROP COLUMN `updatedAt`');
    await queryRunner.query('ALTER TABLE `person` DROP COLUMN `capacityHoursPerWeek`');
    await queryRunner.query('ALTER TABLE `shift_calendar` DROP INDEX `IDX_5a92e5759a67093752bff2997f`');
    await queryRunner.query('ALTER TABLE `shift_calendar` DROP COLUMN `personRowId`');
    await queryRunner.query('DROP INDEX `IDX_84aa30d1d11162dc428c864c4e` ON `allocation_revision`');
    await queryRunner.query('DROP INDEX `IDX_0f40ae88c9b4f1728ae88cd196` ON `allocation_revision`');
    await queryRunner.query('DROP INDEX `IDX_85384acede661a7b7aee873929` ON `allocation_revision`');
    await queryRunner.query('DROP INDEX `IDX_45344deb7577a8e1e1b6d2b1ae` ON `allocation_revision`');
    await queryRunner.query('DROP TABLE `allocation_revision`');
    await queryRunner.query('DROP INDEX `IDX_ff5c734a9ea4c993f7acc0768c` ON `allocation`');
    await queryRunner.query('DROP INDEX `IDX_6310c789edd5b0ae9b2e94f831` ON `allocation`');
    await queryRunner.query('DROP INDEX `IDX_a61269b7b6227854cd37cd5e8c` ON `allocation`');
    await queryRunner.query('DROP TABLE `allocation`');
  }
}
