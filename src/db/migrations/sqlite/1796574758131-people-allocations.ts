import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleAllocations1796574758131 implements MigrationInterface {
  name = 'PeopleAllocations1796574758131';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "allocation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "personRowId" integer NOT NULL, "projectRowId" integer, "operationRowId" integer, "hoursPerWeek" double NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3), "role" varchar(100) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_a61269b7b6227854cd37cd5e8c" ON "allocation" ("personRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_6310c789edd5b0ae9b2e94f831" ON "allocation" ("projectRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_ff5c734a9ea4c993f7acc0768c" ON "allocation" ("operationRowId") ');
    await queryRunner.query(
      'CREATE TABLE "allocation_revision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allocationRowId" integer NOT NULL, "personRowId" integer NOT NULL, "projectRowId" integer, "operationRowId" integer, "version" integer NOT NULL, "hoursPerWeek" double NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3), "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_45344deb7577a8e1e1b6d2b1ae" ON "allocation_revision" ("projectRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_85384acede661a7b7aee873929" ON "allocation_revision" ("operationRowId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0f40ae88c9b4f1728ae88cd196" ON "allocation_revision" ("allocationRowId", "version") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_84aa30d1d11162dc428c864c4e" ON "allocation_revision" ("personRowId", "recordedAt") ');
    await queryRunner.query('DROP INDEX "IDX_f8bc1830e2d38bebe0f18cf29e"');
    await queryRunner.query('DROP INDEX "IDX_2b1e109e40fa3ca47f2e818d3e"');
    await queryRunner.query(
      'CREATE TABLE "temporary_shift_calendar" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer, "processRowId" integer, "timeZone" varchar(64) NOT NULL, "shifts" text NOT NULL, "updatedAt" datetime(3) NOT NULL, "personRowId" integer, CONSTRAINT "FK_f8bc1830e2d38bebe0f18cf29e3" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_2b1e109e40fa3ca47f2e818d3e2" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_shift_calendar"("id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt") SELECT "id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt" FROM "shift_calendar"',
    );
    await queryRunner.query('DROP TABLE "shift_calendar"');
    await queryRunner.query('ALTER TABLE "temporary_shift_calendar" RENAME TO "shift_calendar"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f8bc1830e2d38bebe0f18cf29e" ON "shift_calendar" ("processRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2b1e109e40fa3ca47f2e818d3e" ON "shift_calendar" ("operationRowId") ');
    await queryRunner.query('DROP INDEX "IDX_d2d717efd90709ebd3cb26b936"');
    await queryRunner.query(
      'CREATE TABLE "temporary_person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "email" varchar(254), "createdAt" datetime(3) NOT NULL, "capacityHoursPerWeek" double NOT NULL DEFAULT (40), "updatedAt" datetime(3), "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_person"("id", "name", "email", "createdAt") SELECT "id", "name", "email", "createdAt" FROM "person"',
    );
    await queryRunner.query('DROP TABLE "person"');
    await queryRunner.query('ALTER TABLE "temporary_person" RENAME TO "person"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d2d717efd90709ebd3cb26b936" ON "person" ("email") ');
    await queryRunner.query('DROP INDEX "IDX_f411bb0ae2e3c300461fa90786"');
    await queryRunner.query('DROP INDEX "IDX_f89251294c5fa2ade7ad42562d"');
    await queryRunner.query('DROP INDEX "IDX_62fc333ef2cbc64dbd82a9164b"');
    await queryRunner.query('DROP INDEX "IDX_1b4dd26ec2d487b68d85bc664e"');
    await queryRunner.query(
      'CREATE TABLE "temporary_alert" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar CHECK( "kind" IN (\'THROUGHPUT_BELOW_TARGET\',\'YIELD_BELOW_TARGET\',\'STOCK_BELOW_REORDER_POINT\',\'MILESTONE_OVERDUE\',\'BUDGET_OVERRUN\',\'PROJECT_HEALTH_CHANGED\',\'PURCHASE_ORDER_OVERDUE\',\'SHIPMENT_LATE\',\'PRODUCTION_ORDER_FORECAST_LATE\',\'PRODUCTION_ORDER_OVERDUE\',\'PERSON_OVER_ALLOCATED\') ) NOT NULL, "severity" varchar CHECK( "severity" IN (\'INFO\',\'WARNING\',\'CRITICAL\') ) NOT NULL, "subjectId" varchar(64) NOT NULL, "operationRowId" integer, "projectRowId" integer, "message" varchar(500) NOT NULL, "detail" text NOT NULL, "raisedAt" datetime(3) NOT NULL, "acknowledgedAt" datetime(3), "acknowledgedBy" varchar(200), "clearedAt" datetime(3), "activeKey" varchar(100))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_alert"("id", "kind", "severity", "subjectId", "operationRowId", "projectRowId", "message", "detail", "raisedAt", "acknowledgedAt", "acknowledgedBy", "clearedAt", "activeKey") SELECT "id", "kind", "severity", "subjectId", "operationRowId", "projectRowId", "message", "detail", "raisedAt", "acknowledgedAt", "acknowledgedBy", "clearedAt", "activeKey" FROM "alert"',
    );
    await queryRunner.query('DROP TABLE "alert"');
    await queryRunner.query('ALTER TABLE "temporary_alert" RENAME TO "alert"');
    await queryRunner.query('CREATE INDEX "IDX_f411bb0ae2e3c300461fa90786" ON "alert" ("operationRowId", "raisedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_f89251294c5fa2ade7ad42562d" ON "alert" ("projectRowId", "raisedAt") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_62fc333ef2cbc64dbd82a9164b" ON "alert" ("activeKey") ');
    await queryRunner.query('CREATE INDEX "IDX_1b4dd26ec2d487b68d85bc664e" ON "alert" ("raisedAt") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_5a92e5759a67093752bff2997f" ON "shift_calendar" ("personRowId") ');
    await queryRunner.query('DROP INDEX "IDX_a61269b7b6227854cd37cd5e8c"');
    await queryRunner.query('DROP INDEX "IDX_6310c789edd5b0ae9b2e94f831"');
    await queryRunner.query('DROP INDEX "IDX_ff5c734a9ea4c993f7acc0768c"');
    await queryRunner.query(
      'CREATE TABLE "temporary_allocation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "personRowId" integer NOT NULL, "projectRowId" integer, "operationRowId" integer, "hoursPerWeek" double NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3), "role" varchar(100) NOT NULL, CONSTRAINT "FK_a61269b7b6227854cd37cd5e8ca" FOREIGN KEY ("personRowId") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6310c789edd5b0ae9b2e94f831c" FOREIGN KEY ("projectRowId") REFERENCES "project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_ff5c734a9ea4c993f7acc0768c3" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_allocation"("id", "createdAt", "updatedAt", "version", "personRowId", "projectRowId", "operationRowId", "hoursPerWeek", "startsAt", "endsAt", "role") SELECT "id", "createdAt", "updatedAt", "version", "personRowId", "projectRowId", "operationRowId", "hoursPerWeek", "startsAt", "endsAt", "role" FROM "allocation"',
    );
    await queryRunner.query('DROP TABLE "allocation"');
    await queryRunner.query('ALTER TABLE "temporary_allocation" RENAME TO "allocation"');
    await queryRunner.query('CREATE INDEX "IDX_a61269b7b6227854cd37cd5e8c" ON "allocation" ("personRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_6310c789edd5b0ae9b2e94f831" ON "allocation" ("projectRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_ff5c734a9ea4c993f7acc0768c" ON "allocation" ("operationRowId") ');
    await queryRunner.query('DROP INDEX "IDX_45344deb7577a8e1e1b6d2b1ae"');
    await queryRunner.query('DROP INDEX "IDX_85384acede661a7b7aee873929"');
    await queryRunner.query('DROP INDEX "IDX_0f40ae88c9b4f1728ae88cd196"');
    await queryRunner.query('DROP INDEX "IDX_84aa30d1d11162dc428c864c4e"');
    await queryRunner.query(
      'CREATE TABLE "temporary_allocation_revision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allocationRowId" integer NOT NULL, "personRowId" integer NOT NULL, "projectRowId" integer, "operationRowId" integer, "version" integer NOT NULL, "hoursPerWeek" double NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3), "recordedAt" datetime(3) NOT NULL, CONSTRAINT "FK_35521a148f2b7a43a9f2f262b1f" FOREIGN KEY ("allocationRowId") REFERENCES "allocation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_allocation_revision"("id", "allocationRowId", "personRowId", "projectRowId", "operationRowId", "version", "hoursPerWeek", "startsAt", "endsAt", "recordedAt") SELECT "id", "allocationRowId", "personRowId", "projectRowId", "operationRowId", "version", "hoursPerWeek", "startsAt", "endsAt", "recordedAt" FROM "allocation_revision"',
    );
    await queryRunner.query('DROP TABLE "allocation_revision"');
    await queryRunner.query('ALTER TABLE "temporary_allocation_revision" RENAME TO "allocation_revision"');
    await queryRunner.query('CREATE INDEX "IDX_45344deb7577a8e1e1b6d2b1ae" ON "allocation_revision" ("projectRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_85384acede661a7b7aee873929" ON "allocation_revision" ("operationRowId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0f40ae88c9b4f1728ae88cd196" ON "allocation_revision" ("allocationRowId", "version") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_84aa30d1d11162dc428c864c4e" ON "allocation_revision" ("personRowId", "recordedAt") ');
    await queryRunner.query('DROP INDEX "IDX_f8bc1830e2d38bebe0f18cf29e"');
    await queryRunner.query('DROP INDEX "IDX_2b1e109e40fa3ca47f2e818d3e"');
    await queryRunner.query('DROP INDEX "IDX_5a92e5759a67093752bff2997f"');
    await queryRunner.query(
      'CREATE TABLE "temporary_shift_calendar" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer, "processRowId" integer, "timeZone" varchar(64) NOT NULL, "shifts" text NOT NULL, "updatedAt" datetime(3) NOT NULL, "personRowId" integer, CONSTRAINT "FK_f8bc1830e2d38bebe0f18cf29e3" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_2b1e109e40fa3ca47f2e818d3e2" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_5a92e5759a67093752bff2997f9" FOREIGN KEY ("personRowId") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_shift_calendar"("id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt", "personRowId") SELECT "id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt", "personRowId" FROM "shift_calendar"',
    );
    await queryRunner.query('DROP TABLE "shift_calendar"');
    await queryRunner.query('ALTER TABLE "temporary_shift_calendar" RENAME TO "shift_calendar"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f8bc1830e2d38bebe0f18cf29e" ON "shift_calendar" ("processRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2b1e109e40fa3ca47f2e818d3e" ON "shift_calendar" ("operationRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_5a92e5759a67093752bff2997f" ON "shift_calendar" ("personRowId") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_5a92e5759a67093752bff2997f"');
    await queryRunner.query('DROP INDEX "IDX_2b1e109e40fa3ca47f2e818d3e"');
    await queryRunner.query('DROP INDEX "IDX_f8bc1830e2d38bebe0f18cf29e"');
    await queryRunner.query('ALTER TABLE "shift_calendar" RENAME TO "temporary_shift_calendar"');
    await queryRunner.query(
      'CREATE TABLE "shift_calendar" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer, "processRowId" integer, "timeZone" varchar(64) NOT NULL, "shifts" text NOT NULL, "updatedAt" datetime(3) NOT NULL, "personRowId" integer, CONSTRAINT "FK_f8bc1830e2d38bebe0f18cf29e3" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_2b1e109e40fa3ca47f2e818d3e2" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "shift_calendar"("id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt", "personRowId") SELECT "id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt", "personRowId" FROM "temporary_shift_calendar"',
    );
    await queryRunner.query('DROP TABLE "temporary_shift_calendar"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_5a92e5759a67093752bff2997f" ON "shift_calendar" ("personRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2b1e109e40fa3ca47f2e818d3e" ON "shift_calendar" ("operationRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f8bc1830e2d38bebe0f18cf29e" ON "shift_calendar" ("processRowId") ');
    await queryRunner.query('DROP INDEX "IDX_84aa30d1d11162dc428c864c4e"');
    await queryRunner.query('DROP INDEX "IDX_0f40ae88c9b4f1728ae88cd196"');
    await queryRunner.query('DROP INDEX "IDX_85384acede661a7b7aee873929"');
    await queryRunner.query('DROP INDEX "IDX_45344deb7577a8e1e1b6d2b1ae"');
    await queryRunner.query('ALTER TABLE "allocation_revision" RENAME TO "temporary_allocation_revision"');
    await queryRunner.query(
      'CREATE TABLE "allocation_revision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allocationRowId" integer NOT NULL, "personRowId" integer NOT NULL, "projectRowId" integer, "operationRowId" integer, "version" integer NOT NULL, "hoursPerWeek" double NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3), "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "allocation_revision"("id", "allocationRowId", "personRowId", "projectRowId", "operationRowId", "version", "hoursPerWeek", "startsAt", "endsAt", "recordedAt") SELECT "id", "allocationRowId", "personRowId", "projectRowId", "operationRowId", "version", "hoursPerWeek", "startsAt", "endsAt", "recordedAt" FROM "temporary_allocation_revision"',
    );
    await queryRunner.query('DROP TABLE "temporary_allocation_revision"');
    await queryRunner.query('CREATE INDEX "IDX_84aa30d1d11162dc428c864c4e" ON "allocation_revision" ("personRowId", "recordedAt") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0f40ae88c9b4f1728ae88cd196" ON "allocation_revision" ("allocationRowId", "version") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_85384acede661a7b7aee873929" ON "allocation_revision" ("operationRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_45344deb7577a8e1e1b6d2b1ae" ON "allocation_revision" ("projectRowId") ');
    await queryRunner.query('DROP INDEX "IDX_ff5c734a9ea4c993f7acc0768c"');
    await queryRunner.query('DROP INDEX "IDX_6310c789edd5b0ae9b2e94f831"');
    await queryRunner.query('DROP INDEX "IDX_a61269b7b6227854cd37cd5e8c"');
    await queryRunner.query('ALTER TABLE "allocation" RENAME TO "temporary_allocation"');
    await queryRunner.query(
      'CREATE TABLE "allocation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), "personRowId" integer NOT NULL, "projectRowId" integer, "operationRowId" integer, "hoursPerWeek" double NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3), "role" varchar(100) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "allocation"("id", "createdAt", "updatedAt", "version", "personRowId", "projectRowId", "operationRowId", "hoursPerWeek", "startsAt", "endsAt", "role") SELECT "id", "createdAt", "updatedAt", "version", "personRowId", "projectRowId", "operationRowId", "hoursPerWeek", "startsAt", "endsAt", "role" FROM "temporary_allocation"',
    );
    await queryRunner.query('DROP TABLE "temporary_allocation"');
    await queryRunner.query('CREATE INDEX "IDX_ff5c734a9ea4c993f7acc0768c" ON "allocation" ("operationRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_6310c789edd5b0ae9b2e94f831" ON "allocation" ("projectRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_a61269b7b6227854cd37cd5e8c" ON "allocation" ("personRowId") ');
    await queryRunner.query('DROP INDEX "IDX_5a92e5759a67093752bff2997f"');
    await queryRunner.query('DROP INDEX "IDX_1b4dd26ec2d487b68d85bc664e"');
    await queryRunner.query('DROP INDEX "IDX_62fc333ef2cbc64dbd82a9164b"');
    await queryRunner.query('DROP INDEX "IDX_f89251294c5fa2ade7ad42562d"');
    await queryRunner.query('DROP INDEX "IDX_f411bb0ae2e3c300461fa90786"');
    await queryRunner.query('ALTER TABLE "alert" RENAME TO "temporary_alert"');
    await queryRunner.query(
      'CREATE TABLE "alert" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar CHECK( "kind" IN (\'THROUGHPUT_BELOW_TARGET\',\'YIELD_BELOW_TARGET\',\'STOCK_BELOW_REORDER_POINT\',\'MILESTONE_OVERDUE\',\'BUDGET_OVERRUN\',\'PROJECT_HEALTH_CHANGED\',\'PURCHASE_ORDER_OVERDUE\',\'SHIPMENT_LATE\',\'PRODUCTION_ORDER_FORECAST_LATE\',\'PRODUCTION_ORDER_OVERDUE\') ) NOT NULL, "severity" varchar CHECK( "severity" IN (\'INFO\',\'WARNING\',\'CRITICAL\') ) NOT NULL, "subjectId" varchar(64) NOT NULL, "operationRowId" integer, "projectRowId" integer, "message" varchar(500) NOT NULL, "detail" text NOT NULL, "raisedAt" datetime(3) NOT NULL, "acknowledgedAt" datetime(3), "acknowledgedBy" varchar(200), "clearedAt" datetime(3), "activeKey" varchar(100))',
    );
    await queryRunner.query(
      'INSERT INTO "alert"("id", "kind", "severity", "subjectId", "operationRowId", "projectRowId", "message", "detail", "raisedAt", "acknowledgedAt", "acknowledgedBy", "clearedAt", "activeKey") SELECT "id", "kind", "severity", "subjectId", "operationRowId", "projectRowId", "message", "detail", "raisedAt", "acknowledgedAt", "acknowledgedBy", "clearedAt", "activeKey" FROM "temporary_alert"',
    );
    await queryRunner.query('DROP TABLE "temporary_alert"');
    await queryRunner.query('CREATE INDEX "IDX_1b4dd26ec2d487b68d85bc664e" ON "alert" ("raisedAt") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_62fc333ef2cbc64dbd82a9164b" ON "alert" ("activeKey") ');
    await queryRunner.query('CREATE INDEX "IDX_f89251294c5fa2ade7ad42562d" ON "alert" ("projectRowId", "raisedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_f411bb0ae2e3c300461fa90786" ON "alert" ("operationRowId", "raisedAt") ');
    await queryRunner.query('DROP INDEX "IDX_d2d717efd90709ebd3cb26b936"');
    await queryRunner.query('ALTER TABLE "person" RENAME TO "temporary_person"');
    await queryRunner.query(
      'CREATE TABLE "person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "email" varchar(254), "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "person"("id", "name", "email", "createdAt") SELECT "id", "name", "email", "createdAt" FROM "temporary_person"',
    );
    await queryRunner.query('DROP TABLE "temporary_person"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d2d717efd90709ebd3cb26b936" ON "person" ("email") ');
    await queryRunner.query('DROP INDEX "IDX_2b1e109e40fa3ca47f2e818d3e"');
    await queryRunner.query('DROP INDEX "IDX_f8bc1830e2d38bebe0f18cf29e"');
    await queryRunner.query('ALTER TABLE "shift_calendar" RENAME TO "temporary_shift_calendar"');
    await queryRunner.query(
      'CREATE TABLE "shift_calendar" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer, "processRowId" integer, "timeZone" varchar(64) NOT NULL, "shifts" text NOT NULL, "updatedAt" datetime(3) NOT NULL, CONSTRAINT "FK_f8bc1830e2d38bebe0f18cf29e3" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_2b1e109e40fa3ca47f2e818d3e2" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "shift_calendar"("id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt") SELECT "id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt" FROM "temporary_shift_calendar"',
    );
    await queryRunner.query('DROP TABLE "temporary_shift_calendar"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2b1e109e40fa3ca47f2e818d3e" ON "shift_calendar" ("operationRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f8bc1830e2d38bebe0f18cf29e" ON "shift_calendar" ("processRowId") ');
    await queryRunner.query('DROP INDEX "IDX_84aa30d1d11162dc428c864c4e"');
    await queryRunner.query('DROP INDEX "IDX_0f40ae88c9b4f1728ae88cd196"');
    await queryRunner.query('DROP INDEX "IDX_85384acede661a7b7aee873929"');
    await queryRunner.query('DROP INDEX "IDX_45344deb7577a8e1e1b6d2b1ae"');
    await queryRunner.query('DROP TABLE "allocation_revision"');
    await queryRunner.query('DROP INDEX "IDX_ff5c734a9ea4c993f7acc0768c"');
    await queryRunner.query('DROP INDEX "IDX_6310c789edd5b0ae9b2e94f831"');
    await queryRunner.query('DROP INDEX "IDX_a61269b7b6227854cd37cd5e8c"');
    await queryRunner.query('DROP TABLE "allocation"');
  }
}
