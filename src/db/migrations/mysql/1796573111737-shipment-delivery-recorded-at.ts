import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShipmentDeliveryRecordedAt1796573111737 implements MigrationInterface {
  name = 'ShipmentDeliveryRecordedAt1796573111737';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `shipment` ADD `deliveryRecordedAt` datetime(3) NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `shipment` DROP COLUMN `deliveryRecordedAt`');
  }
}
