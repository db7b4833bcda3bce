import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795800261365 implements MigrationInterface {
  name = 'Init1795800261365';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "cost_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer, "operationRowId" integer, "amountCents" bigint NOT NULL, "incurredAt" datetime(3) NOT NULL, "description" varchar(500) NOT NULL, "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_1f166085ebf6c736e88794cb2f" ON "cost_entry" ("operationRowId", "incurredAt") ');
    await queryRunner.query('CREATE INDEX "IDX_8a626911178635b3314ab8be32" ON "cost_entry" ("projectRowId", "incurredAt") ');
    await queryRunner.query(
      'CREATE TABLE "inventory_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sku" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "unit" varchar(50) NOT NULL, "onHand" decimal(14,3) NOT NULL DEFAULT (0), "reorderPoint" decimal(14,3) NOT NULL DEFAULT (0), "operationRowId" integer NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d6ea8a96077963efdebaa65044" ON "inventory_item" ("sku") ');
    await queryRunner.query('CREATE INDEX "IDX_33d628360609a8de63d9303b9d" ON "inventory_item" ("operationRowId") ');
    await queryRunner.query(
      'CREATE TABLE "stock_movement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "itemRowId" integer NOT NULL, "kind" varchar CHECK( "kind" IN (\'RECEIPT\',\'CONSUMPTION\',\'SHIPMENT\',\'ADJUSTMENT\') ) NOT NULL, "delta" decimal(14,3) NOT NULL, "onHandAfter" decimal(14,3) NOT NULL, "note" varchar(500) NOT NULL DEFAULT (\'\'), "occurredAt" datetime(3) NOT NULL, "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_ca3273f8cd332cc9d59aa3b6f5" ON "stock_movement" ("itemRowId", "occurredAt") ');
    await queryRunner.query(
      'CREATE TABLE "milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "name" varchar(200) NOT NULL, "ownerRowId" integer, "dueDate" datetime(3) NOT NULL, "weight" double NOT NULL DEFAULT (1), "status" varchar CHECK( "status" IN (\'PLANNED\',\'IN_PROGRESS\',\'DONE\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "percentComplete" double NOT NULL DEFAULT (0), "completedAt" datetime(3), "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE INDEX "IDX_f775e8ca97f9de70704a5fd188" ON "milestone" ("ownerRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_c5b3fc13de9a61689511f3b387" ON "milestone" ("projectRowId", "dueDate") ');
    await queryRunner.query(
      'CREATE TABLE "operation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "description" varchar(2000) NOT NULL DEFAULT (\'\'), "status" varchar CHECK( "status" IN (\'ACTIVE\',\'PAUSED\',\'RETIRED\') ) NOT NULL DEFAULT (\'ACTIVE\'), "teamRowId" integer, "originProjectRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE INDEX "IDX_54bef81947d8e6ad96d1cc022a" ON "operation" ("name") ');
    await queryRunner.query('CREATE INDEX "IDX_76376f474e50505063cf475e68" ON "operation" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_b37092ee79e63cea1b220ccb1f" ON "operation" ("teamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_3db9f2d418022fb1517afe3bc8" ON "operation" ("originProjectRowId") ');
    await queryRunner.query(
      'CREATE TABLE "process" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer NOT NULL, "name" varchar(200) NOT NULL, "sequence" integer NOT NULL, "status" varchar CHECK( "status" IN (\'RUNNING\',\'IDLE\',\'DOWN\') ) NOT NULL DEFAULT (\'IDLE\'), "unit" varchar(50) NOT NULL, "targetRatePerHour" double NOT NULL, "targetYield" double, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d3907f203145d73258b65019cc" ON "process" ("operationRowId", "sequence") ');
    await queryRunner.query(
      'CREATE TABLE "throughput_sample" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "processRowId" integer NOT NULL, "periodStart" datetime(3) NOT NULL, "periodEnd" datetime(3) NOT NULL, "goodUnits" integer NOT NULL, "rejectedUnits" integer NOT NULL, "downtimeMinutes" double NOT NULL, "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_b15e32f90e0c6f96258092f1b1" ON "throughput_sample" ("recordedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_a88819aad6feb2627181dbb862" ON "throughput_sample" ("processRowId", "periodStart") ');
    await queryRunner.query(
      'CREATE TABLE "project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "goal" varchar(2000) NOT NULL DEFAULT (\'\'), "status" varchar CHECK( "status" IN (\'PLANNED\',\'ACTIVE\',\'ON_HOLD\',\'COMPLETED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "startDate" datetime(3) NOT NULL, "dueDate" datetime(3) NOT NULL, "completedAt" datetime(3), "budgetCents" bigint NOT NULL, "teamRowId" integer, "improvesOperationRowId" integer, "deliveredOperationRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE INDEX "IDX_dedfea394088ed136ddadeee89" ON "project" ("name") ');
    await queryRunner.query('CREATE INDEX "IDX_57856cedbec1fbed761154d162" ON "project" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_e714ecd244407c53ae52795ab6" ON "project" ("dueDate") ');
    await queryRunner.query('CREATE INDEX "IDX_fa1dc4d14bb02b98020d1e015d" ON "project" ("teamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_46e4377137dc0eb811d3d77a8d" ON "project" ("improvesOperationRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_814813701992bce65091ab7d45" ON "project" ("deliveredOperationRowId") ');
    await queryRunner.query(
      'CREATE TABLE "risk" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "title" varchar(200) NOT NULL, "probability" integer NOT NULL, "impact" integer NOT NULL, "status" varchar CHECK( "status" IN (\'OPEN\',\'MITIGATING\',\'CLOSED\',\'OCCURRED\') ) NOT NULL DEFAULT (\'OPEN\'), "ownerRowId" integer, "mitigation" varchar(2000) NOT NULL DEFAULT (\'\'), "milestoneRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE INDEX "IDX_df6f566067de36bc9c71132a2b" ON "risk" ("projectRowId") ');
    await queryRunner.query(
      'CREATE TABLE "person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "email" varchar(254), "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d2d717efd90709ebd3cb26b936" ON "person" ("email") ');
    await queryRunner.query(
      'CREATE TABLE "team" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar CHECK( "kind" IN (\'PERMANENT\',\'TEMPORARY\') ) NOT NULL, "projectRowId" integer, "disbandedAt" datetime(3), "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_053f47770990f2de4351efc217" ON "team" ("projectRowId") ');
    await queryRunner.query(
      'CREATE TABLE "team_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "teamRowId" integer NOT NULL, "personRowId" integer NOT NULL, "role" varchar(100) NOT NULL, "joinedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_7351abe30a98aea16a6271c9a7" ON "team_member" ("personRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_14b2be9d9250de28c687bc76e4" ON "team_member" ("teamRowId", "personRowId") ');
    await queryRunner.query(
      'CREATE TABLE "idempotency_key" ("keyHash" varchar(64) PRIMARY KEY NOT NULL, "operation" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "response" text NOT NULL, "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_38536b1937c55d305af4d69a97" ON "idempotency_key" ("createdAt") ');
    await queryRunner.query(
      'CREATE TABLE "shift_calendar" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer, "processRowId" integer, "timeZone" varchar(64) NOT NULL, "shifts" text NOT NULL, "updatedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2b1e109e40fa3ca47f2e818d3e" ON "shift_calendar" ("operationRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f8bc1830e2d38bebe0f18cf29e" ON "shift_calendar" ("processRowId") ');
    await queryRunner.query(
      'CREATE TABLE "event_stream" ("streamKey" varchar(64) PRIMARY KEY NOT NULL, "lastSeq" integer NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'CREATE TABLE "event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "streamKey" varchar(64) NOT NULL, "seq" integer NOT NULL, "type" varchar(64) NOT NULL, "subjectId" varchar(64) NOT NULL, "payload" text NOT NULL, "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_77b45e61f3194ba2be468b0778" ON "event" ("createdAt") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_b81b2d8e150a9f248ea09c8944" ON "event" ("streamKey", "seq") ');
    await queryRunner.query(
      'CREATE TABLE "milestone_revision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "milestoneRowId" integer NOT NULL, "projectRowId" integer NOT NULL, "status" varchar CHECK( "status" IN (\'PLANNED\',\'IN_PROGRESS\',\'DONE\',\'CANCELLED\') ) NOT NULL, "percentComplete" double NOT NULL, "weight" double NOT NULL, "dueDate" datetime(3) NOT NULL, "completedAt" datetime(3), "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_bf67dfd3ea2c148c5e03f10f19" ON "milestone_revision" ("projectRowId", "recordedAt") ');
    await queryRunner.query(
      'CREATE TABLE "alert" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar CHECK( "kind" IN (\'THROUGHPUT_BELOW_TARGET\',\'YIELD_BELOW_TARGET\',\'STOCK_BELOW_REORDER_POINT\',\'MILESTONE_OVERDUE\',\'BUDGET_OVERRUN\',\'PROJECT_HEALTH_CHANGED\') ) NOT NULL, "severity" varchar CHECK( "severity" IN (\'INFO\',\'WARNING\',\'CRITICAL\') ) NOT NULL, "subjectId" varchar(64) NOT NULL, "operationRowId" integer, "projectRowId" integer, "message" varchar(500) NOT NULL, "detail" text NOT NULL, "raisedAt" datetime(3) NOT NULL, "acknowledgedAt" datetime(3), "acknowledgedBy" varchar(200), "clearedAt" datetime(3), "activeKey" varchar(100))',
    );
    await queryRunner.query('CREATE INDEX "IDX_1b4dd26ec2d487b68d85bc664e" ON "alert" ("raisedAt") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_62fc333ef2cbc64dbd82a9164b" ON "alert" ("activeKey") ');
    await queryRunner.query('CREATE INDEX "IDX_f89251294c5fa2ade7ad42562d" ON "alert" ("projectRowId", "raisedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_f411bb0ae2e3c300461fa90786" ON "alert" ("operationRowId", "raisedAt") ');
    await queryRunner.query(
      'CREATE TABLE "handover" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "operationRowId" integer NOT NULL, "receivingTeamRowId" integer NOT NULL, "status" varchar CHECK( "status" IN (\'PROPOSED\',\'ACCEPTED\',\'IN_SUPPORT\',\'CLOSED\') ) NOT NULL DEFAULT (\'PROPOSED\'), "targetThroughputPerHour" double, "targetYield" double, "targetOee" double, "baselineFrom" datetime(3), "baselineTo" datetime(3), "baselineUnitsPerHour" double, "baselineYield" double, "baselineOee" double, "baselineSampleCount" integer NOT NULL DEFAULT (0), "supportDays" integer NOT NULL, "supportUntil" datetime(3), "proposedAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "acceptedBy" varchar(200), "closedAt" datetime(3), "closedBy" varchar(200), "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_6ce60784931b6e3db098fb0aff" ON "handover" ("projectRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_39dd9bee7840b3fb5ba0794c84" ON "handover" ("operationRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_e575676fe9c703bb1167eb8733" ON "handover" ("receivingTeamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_939530ac867b57995f128ff445" ON "handover" ("status") ');
    await queryRunner.query(
      'CREATE TABLE "acceptance_criterion" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "handoverRowId" integer NOT NULL, "description" varchar(500) NOT NULL, "met" boolean NOT NULL DEFAULT (0), "metBy" varchar(200), "metAt" datetime(3), "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query('CREATE INDEX "IDX_07fb7603d92f34c4827e533cd7" ON "acceptance_criterion" ("handoverRowId") ');
    await queryRunner.query('DROP INDEX "IDX_1f166085ebf6c736e88794cb2f"');
    await queryRunner.query('DROP INDEX "IDX_8a626911178635b3314ab8be32"');
    await queryRunner.query(
      'CREATE TABLE "temporary_cost_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer, "operationRowId" integer, "amountCents" bigint NOT NULL, "incurredAt" datetime(3) NOT NULL, "description" varchar(500) NOT NULL, "recordedAt" datetime(3) NOT NULL, CONSTRAINT "FK_ba3c6e14d13a4a9501dcabb0f2d" FOREIGN KEY ("projectRowId") REFERENCES "project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_f91c714609fa79f8bc5462013a2" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_cost_entry"("id", "projectRowId", "operationRowId", "amountCents", "incurredAt", "description", "recordedAt") SELECT "id", "projectRowId", "operationRowId", "amountCents", "incurredAt", "description", "recordedAt" FROM "cost_entry"',
    );
    await queryRunner.query('DROP TABLE "cost_entry"');
    await queryRunner.query('ALTER TABLE "temporary_cost_entry" RENAME TO "cost_entry"');
    await queryRunner.query('CREATE INDEX "IDX_1f166085ebf6c736e88794cb2f" ON "cost_entry" ("operationRowId", "incurredAt") ');
    await queryRunner.query('CREATE INDEX "IDX_8a626911178635b3314ab8be32" ON "cost_entry" ("projectRowId", "incurredAt") ');
    await queryRunner.query('DROP INDEX "IDX_d6ea8a96077963efdebaa65044"');
    await queryRunner.query('DROP INDEX "IDX_33d628360609a8de63d9303b9d"');
    await queryRunner.query(
      'CREATE TABLE "temporary_inventory_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sku" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "unit" varchar(50) NOT NULL, "onHand" decimal(14,3) NOT NULL DEFAULT (0), "reorderPoint" decimal(14,3) NOT NULL DEFAULT (0), "operationRowId" integer NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_33d628360609a8de63d9303b9d0" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_inventory_item"("id", "sku", "name", "unit", "onHand", "reorderPoint", "operationRowId", "createdAt", "updatedAt", "version") SELECT "id", "sku", "name", "unit", "onHand", "reorderPoint", "operationRowId", "createdAt", "updatedAt", "version" FROM "inventory_item"',
    );
    await queryRunner.query('DROP TABLE "inventory_item"');
    await queryRunner.query('ALTER TABLE "temporary_inventory_item" RENAME TO "inventory_item"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d6ea8a96077963efdebaa65044" ON "inventory_item" ("sku") ');
    await queryRunner.query('CREATE INDEX "IDX_33d628360609a8de63d9303b9d" ON "inventory_item" ("operationRowId") ');
    await queryRunner.query('DROP INDEX "IDX_ca3273f8cd332cc9d59aa3b6f5"');
    await queryRunner.query(
      'CREATE TABLE "temporary_stock_movement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "itemRowId" integer NOT NULL, "kind" varchar CHECK( "kind" IN (\'RECEIPT\',\'CONSUMPTION\',\'SHIPMENT\',\'ADJUSTMENT\') ) NOT NULL, "delta" decimal(14,3) NOT NULL, "onHandAfter" decimal(14,3) NOT NULL, "note" varchar(500) NOT NULL DEFAULT (\'\'), "occurredAt" datetime(3) NOT NULL, "recordedAt" datetime(3) NOT NULL, CONSTRAINT "FK_1c57575cac2f9972628f0e85fd1" FOREIGN KEY ("itemRowId") REFERENCES "inventory_item" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_stock_movement"("id", "itemRowId", "kind", "delta", "onHandAfter", "note", "occurredAt", "recordedAt") SELECT "id", "itemRowId", "kind", "delta", "onHandAfter", "note", "occurredAt", "recordedAt" FROM "stock_movement"',
    );
    await queryRunner.query('DROP TABLE "stock_movement"');
    await queryRunner.query('ALTER TABLE "temporary_stock_movement" RENAME TO "stock_movement"');
    await queryRunner.query('CREATE INDEX "IDX_ca3273f8cd332cc9d59aa3b6f5" ON "stock_movement" ("itemRowId", "occurredAt") ');
    await queryRunner.query('DROP INDEX "IDX_f775e8ca97f9de70704a5fd188"');
    await queryRunner.query('DROP INDEX "IDX_c5b3fc13de9a61689511f3b387"');
    await queryRunner.query(
      'CREATE TABLE "temporary_milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "name" varchar(200) NOT NULL, "ownerRowId" integer, "dueDate" datetime(3) NOT NULL, "weight" double NOT NULL DEFAULT (1), "status" varchar CHECK( "status" IN (\'PLANNED\',\'IN_PROGRESS\',\'DONE\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "percentComplete" double NOT NULL DEFAULT (0), "completedAt" datetime(3), "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_c79911680f0585e54989f3f7de9" FOREIGN KEY ("projectRowId") REFERENCES "project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_f775e8ca97f9de70704a5fd1888" FOREIGN KEY ("ownerRowId") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_milestone"("id", "projectRowId", "name", "ownerRowId", "dueDate", "weight", "status", "percentComplete", "completedAt", "createdAt", "updatedAt", "version") SELECT "id", "projectRowId", "name", "ownerRowId", "dueDate", "weight", "status", "percentComplete", "completedAt", "createdAt", "updatedAt", "version" FROM "milestone"',
    );
    await queryRunner.query('DROP TABLE "milestone"');
    await queryRunner.query('ALTER TABLE "temporary_milestone" RENAME TO "milestone"');
    await queryRunner.query('CREATE INDEX "IDX_f775e8ca97f9de70704a5fd188" ON "milestone" ("ownerRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_c5b3fc13de9a61689511f3b387" ON "milestone" ("projectRowId", "dueDate") ');
    await queryRunner.query('DROP INDEX "IDX_54bef81947d8e6ad96d1cc022a"');
    await queryRunner.query('DROP INDEX "IDX_76376f474e50505063cf475e68"');
    await queryRunner.query('DROP INDEX "IDX_b37092ee79e63cea1b220ccb1f"');
    await queryRunner.query('DROP INDEX "IDX_3db9f2d418022fb1517afe3bc8"');
    await queryRunner.query(
      'CREATE TABLE "temporary_operation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "description" varchar(2000) NOT NULL DEFAULT (\'\'), "status" varchar CHECK( "status" IN (\'ACTIVE\',\'PAUSED\',\'RETIRED\') ) NOT NULL DEFAULT (\'ACTIVE\'), "teamRowId" integer, "originProjectRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_b37092ee79e63cea1b220ccb1f6" FOREIGN KEY ("teamRowId") REFERENCES "team" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_3db9f2d418022fb1517afe3bc88" FOREIGN KEY ("originProjectRowId") REFERENCES "project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_operation"("id", "name", "description", "status", "teamRowId", "originProjectRowId", "createdAt", "updatedAt", "version") SELECT "id", "name", "description", "status", "teamRowId", "originProjectRowId", "createdAt", "updatedAt", "version" FROM "operation"',
    );
    await queryRunner.query('DROP TABLE "operation"');
    await queryRunner.query('ALTER TABLE "temporary_operation" RENAME TO "operation"');
    await queryRunner.query('CREATE INDEX "IDX_54bef81947d8e6ad96d1cc022a" ON "operation" ("name") ');
    await queryRunner.query('CREATE INDEX "IDX_76376f474e50505063cf475e68" ON "operation" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_b37092ee79e63cea1b220ccb1f" ON "operation" ("teamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_3db9f2d418022fb1517afe3bc8" ON "operation" ("originProjectRowId") ');
    await queryRunner.query('DROP INDEX "IDX_d3907f203145d73258b65019cc"');
    await queryRunner.query(
      'CREATE TABLE "temporary_process" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer NOT NULL, "name" varchar(200) NOT NULL, "sequence" integer NOT NULL, "status" varchar CHECK( "status" IN (\'RUNNING\',\'IDLE\',\'DOWN\') ) NOT NULL DEFAULT (\'IDLE\'), "unit" varchar(50) NOT NULL, "targetRatePerHour" double NOT NULL, "targetYield" double, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_78fabcfb7c5fb9d28028c9f962d" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_process"("id", "operationRowId", "name", "sequence", "status", "unit", "targetRatePerHour", "targetYield", "createdAt", "updatedAt", "version") SELECT "id", "operationRowId", "name", "sequence", "status", "unit", "targetRatePerHour", "targetYield", "createdAt", "updatedAt", "version" FROM "process"',
    );
    await queryRunner.query('DROP TABLE "process"');
    await queryRunner.query('ALTER TABLE "temporary_process" RENAME TO "process"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d3907f203145d73258b65019cc" ON "process" ("operationRowId", "sequence") ');
    await queryRunner.query('DROP INDEX "IDX_b15e32f90e0c6f96258092f1b1"');
    await queryRunner.query('DROP INDEX "IDX_a88819aad6feb2627181dbb862"');
    await queryRunner.query(
      'CREATE TABLE "temporary_throughput_sample" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "processRowId" integer NOT NULL, "periodStart" datetime(3) NOT NULL, "periodEnd" datetime(3) NOT NULL, "goodUnits" integer NOT NULL, "rejectedUnits" integer NOT NULL, "downtimeMinutes" double NOT NULL, "recordedAt" datetime(3) NOT NULL, CONSTRAINT "FK_1feb2048cb65a7f955fc5be6a6f" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_throughput_sample"("id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt") SELECT "id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt" FROM "throughput_sample"',
    );
    await queryRunner.query('DROP TABLE "throughput_sample"');
    await queryRunner.query('ALTER TABLE "temporary_throughput_sample" RENAME TO "throughput_sample"');
    await queryRunner.query('CREATE INDEX "IDX_b15e32f90e0c6f96258092f1b1" ON "throughput_sample" ("recordedAt") ');
    await queryRunner.query('CREATE INDEX "IDX_a88819aad6feb2627181dbb862" ON "throughput_sample" ("processRowId", "periodStart") ');
    await queryRunner.query('DROP INDEX "IDX_dedfea394088ed136ddadeee89"');
    await queryRunner.query('DROP INDEX "IDX_57856cedbec1fbed761154d162"');
    await queryRunner.query('DROP INDEX "IDX_e714ecd244407c53ae52795ab6"');
    await queryRunner.query('DROP INDEX "IDX_fa1dc4d14bb02b98020d1e015d"');
    await queryRunner.query('DROP INDEX "IDX_46e4377137dc0eb811d3d77a8d"');
    await queryRunner.query('DROP INDEX "IDX_814813701992bce65091ab7d45"');
    await queryRunner.query(
      'CREATE TABLE "temporary_project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "goal" varchar(2000) NOT NULL DEFAULT (\'\'), "status" varchar CHECK( "status" IN (\'PLANNED\',\'ACTIVE\',\'ON_HOLD\',\'COMPLETED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "startDate" datetime(3) NOT NULL, "dueDate" datetime(3) NOT NULL, "completedAt" datetime(3), "budgetCents" bigint NOT NULL, "teamRowId" integer, "improvesOperationRowId" integer, "deliveredOperationRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_fa1dc4d14bb02b98020d1e015d8" FOREIGN KEY ("teamRowId") REFERENCES "team" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_46e4377137dc0eb811d3d77a8dc" FOREIGN KEY ("improvesOperationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_814813701992bce65091ab7d456" FOREIGN KEY ("deliveredOperationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_project"("id", "name", "goal", "status", "startDate", "dueDate", "completedAt", "budgetCents", "teamRowId", "improvesOperationRowId", "deliveredOperationRowId", "createdAt", "updatedAt", "version") SELECT "id", "name", "goal", "status", "startDate", "dueDate", "completedAt", "budgetCents", "teamRowId", "improvesOperationRowId", "deliveredOperationRowId", "createdAt", "updatedAt", "version" FROM "project"',
    );
    await queryRunner.query('DROP TABLE "project"');
    await queryRunner.query('ALTER TABLE "temporary_project" RENAME TO "project"');
    await queryRunner.query('CREATE INDEX "IDX_dedfea394088ed136ddadeee89" ON "project" ("name") ');
    await queryRunner.query('CREATE INDEX "IDX_57856cedbec1fbed761154d162" ON "project" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_e714ecd244407c53ae52795ab6" ON "project" ("dueDate") ');
    await queryRunner.query('CREATE INDEX "IDX_fa1dc4d14bb02b98020d1e015d" ON "project" ("teamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_46e4377137dc0eb811d3d77a8d" ON "project" ("improvesOperationRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_814813701992bce65091ab7d45" ON "project" ("deliveredOperationRowId") ');
    await queryRunner.query('DROP INDEX "IDX_df6f566067de36bc9c71132a2b"');
    await queryRunner.query(
      'CREATE TABLE "temporary_risk" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "title" varchar(200) NOT NULL, "probability" integer NOT NULL, "impact" integer NOT NULL, "status" varchar CHECK( "status" IN (\'OPEN\',\'MITIGATING\',\'CLOSED\',\'OCCURRED\') ) NOT NULL DEFAULT (\'OPEN\'), "ownerRowId" integer, "mitigation" varchar(2000) NOT NULL DEFAULT (\'\'), "milestoneRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_df6f566067de36bc9c71132a2b7" FOREIGN KEY ("projectRowId") REFERENCES "project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_dd558313937c71249395a6b66fc" FOREIGN KEY ("ownerRowId") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c6b7be45e960be92bc183868fa9" FOREIGN KEY ("milestoneRowId") REFERENCES "milestone" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_risk"("id", "projectRowId", "title", "probability", "impact", "status", "ownerRowId", "mitigation", "milestoneRowId", "createdAt", "updatedAt", "version") SELECT "id", "projectRowId", "title", "probability", "impact", "status", "ownerRowId", "mitigation", "milestoneRowId", "createdAt", "updatedAt", "version" FROM "risk"',
    );
    await queryRunner.query('DROP TABLE "risk"');
    await queryRunner.query('ALTER TABLE "temporary_risk" RENAME TO "risk"');
    await queryRunner.query('CREATE INDEX "IDX_df6f566067de36bc9c71132a2b" ON "risk" ("projectRowId") ');
    await queryRunner.query('DROP INDEX "IDX_053f47770990f2de4351efc217"');
    await queryRunner.query(
      'CREATE TABLE "temporary_team" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar CHECK( "kind" IN (\'PERMANENT\',\'TEMPORARY\') ) NOT NULL, "projectRowId" integer, "disbandedAt" datetime(3), "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_053f47770990f2de4351efc2170" FOREIGN KEY ("projectRowId") REFERENCES "project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_team"("id", "name", "kind", "projectRowId", "disbandedAt", "createdAt") SELECT "id", "name", "kind", "projectRowId", "disbandedAt", "createdAt" FROM "team"',
    );
    await queryRunner.query('DROP TABLE "team"');
    await queryRunner.query('ALTER TABLE "temporary_team" RENAME TO "team"');
    await queryRunner.query('CREATE INDEX "IDX_053f47770990f2de4351efc217" ON "team" ("projectRowId") ');
    await queryRunner.query('DROP INDEX "IDX_7351abe30a98aea16a6271c9a7"');
    await queryRunner.query('DROP INDEX "IDX_14b2be9d9250de28c687bc76e4"');
    await queryRunner.query(
      'CREATE TABLE "temporary_team_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "teamRowId" integer NOT NULL, "personRowId" integer NOT NULL, "role" varchar(100) NOT NULL, "joinedAt" datetime(3) NOT NULL, CONSTRAINT "FK_6284b204fc999b04d35c3bc2308" FOREIGN KEY ("teamRowId") REFERENCES "team" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_7351abe30a98aea16a6271c9a73" FOREIGN KEY ("personRowId") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_team_member"("id", "teamRowId", "personRowId", "role", "joinedAt") SELECT "id", "teamRowId", "personRowId", "role", "joinedAt" FROM "team_member"',
    );
    await queryRunner.query('DROP TABLE "team_member"');
    await queryRunner.query('ALTER TABLE "temporary_team_member" RENAME TO "team_member"');
    await queryRunner.query('CREATE INDEX "IDX_7351abe30a98aea16a6271c9a7" ON "team_member" ("personRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_14b2be9d9250de28c687bc76e4" ON "team_member" ("teamRowId", "personRowId") ');
    await queryRunner.query('DROP INDEX "IDX_2b1e109e40fa3ca47f2e818d3e"');
    await queryRunner.query('DROP INDEX "IDX_f8bc1830e2d38bebe0f18cf29e"');
    await queryRunner.query(
      'CREATE TABLE "temporary_shift_calendar" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer, "processRowId" integer, "timeZone" varchar(64) NOT NULL, "shifts" text NOT NULL, "updatedAt" datetime(3) NOT NULL, CONSTRAINT "FK_2b1e109e40fa3ca47f2e818d3e2" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f8bc1830e2d38bebe0f18cf29e3" FOREIGN KEY ("processRowId") REFERENCES "process" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_shift_calendar"("id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt") SELECT "id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt" FROM "shift_calendar"',
    );
    await queryRunner.query('DROP TABLE "shift_calendar"');
    await queryRunner.query('ALTER TABLE "temporary_shift_calendar" RENAME TO "shift_calendar"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2b1e109e40fa3ca47f2e818d3e" ON "shift_calendar" ("operationRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f8bc1830e2d38bebe0f18cf29e" ON "shift_calendar" ("processRowId") ');
    await queryRunner.query('DROP INDEX "IDX_6ce60784931b6e3db098fb0aff"');
    await queryRunner.query('DROP INDEX "IDX_39dd9bee7840b3fb5ba0794c84"');
    await queryRunner.query('DROP INDEX "IDX_e575676fe9c703bb1167eb8733"');
    await queryRunner.query('DROP INDEX "IDX_939530ac867b57995f128ff445"');
    await queryRunner.query(
      'CREATE TABLE "temporary_handover" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "operationRowId" integer NOT NULL, "receivingTeamRowId" integer NOT NULL, "status" varchar CHECK( "status" IN (\'PROPOSED\',\'ACCEPTED\',\'IN_SUPPORT\',\'CLOSED\') ) NOT NULL DEFAULT (\'PROPOSED\'), "targetThroughputPerHour" double, "targetYield" double, "targetOee" double, "baselineFrom" datetime(3), "baselineTo" datetime(3), "baselineUnitsPerHour" double, "baselineYield" double, "baselineOee" double, "baselineSampleCount" integer NOT NULL DEFAULT (0), "supportDays" integer NOT NULL, "supportUntil" datetime(3), "proposedAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "acceptedBy" varchar(200), "closedAt" datetime(3), "closedBy" varchar(200), "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_6ce60784931b6e3db098fb0aff6" FOREIGN KEY ("projectRowId") REFERENCES "project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_39dd9bee7840b3fb5ba0794c847" FOREIGN KEY ("operationRowId") REFERENCES "operation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_e575676fe9c703bb1167eb8733a" FOREIGN KEY ("receivingTeamRowId") REFERENCES "team" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_handover"("id", "projectRowId", "operationRowId", "receivingTeamRowId", "status", "targetThroughputPerHour", "targetYield", "targetOee", "baselineFrom", "baselineTo", "baselineUnitsPerHour", "baselineYield", "baselineOee", "baselineSampleCount", "supportDays", "supportUntil", "proposedAt", "acceptedAt", "acceptedBy", "closedAt", "closedBy", "updatedAt", "version") SELECT "id", "projectRowId", "operationRowId", "receivingTeamRowId", "status", "targetThroughputPerHour", "targetYield", "targetOee", "baselineFrom", "baselineTo", "baselineUnitsPerHour", "baselineYield", "baselineOee", "baselineSampleCount", "supportDays", "supportUntil", "proposedAt", "acceptedAt", "acceptedBy", "closedAt", "closedBy", "updatedAt", "version" FROM "handover"',
    );
    await queryRunner.query('DROP TABLE "handover"');
    await queryRunner.query('ALTER TABLE "temporary_handover" RENAME TO "handover"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_6ce60784931b6e3db098fb0aff" ON "handover" ("projectRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_39dd9bee7840b3fb5ba0794c84" ON "handover" ("operationRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_e575676fe9c703bb1167eb8733" ON "handover" ("receivingTeamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_939530ac867b57995f128ff445" ON "handover" ("status") ');
    await queryRunner.query('DROP INDEX "IDX_07fb7603d92f34c4827e533cd7"');
    await queryRunner.query(
      'CREATE TABLE "temporary_acceptance_criterion" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "handoverRowId" integer NOT NULL, "description" varchar(500) NOT NULL, "met" boolean NOT NULL DEFAULT (0), "metBy" varchar(200), "metAt" datetime(3), "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "FK_07fb7603d92f34c4827e533cd77" FOREIGN KEY ("handoverRowId") REFERENCES "handover" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_acceptance_criterion"("id", "handoverRowId", "description", "met", "metBy", "metAt", "updatedAt", "version") SELECT "id", "handoverRowId", "description", "met", "metBy", "metAt", "updatedAt", "version" FROM "acceptance_criterion"',
    );
    await queryRunner.query('DROP TABLE "acceptance_criterion"');
    await queryRunner.query('ALTER TABLE "temporary_acceptance_criterion" RENAME TO "acceptance_criterion"');
    await queryRunner.query('CREATE INDEX "IDX_07fb7603d92f34c4827e533cd7" ON "acceptance_criterion" ("handoverRowId") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_07fb7603d92f34c4827e533cd7"');
    await queryRunner.query('ALTER TABLE "acceptance_criterion" RENAME TO "temporary_acceptance_criterion"');
    await queryRunner.query(
      'CREATE TABLE "acceptance_criterion" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "handoverRowId" integer NOT NULL, "description" varchar(500) NOT NULL, "met" boolean NOT NULL DEFAULT (0), "metBy" varchar(200), "metAt" datetime(3), "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "acceptance_criterion"("id", "handoverRowId", "description", "met", "metBy", "metAt", "updatedAt", "version") SELECT "id", "handoverRowId", "description", "met", "metBy", "metAt", "updatedAt", "version" FROM "temporary_acceptance_criterion"',
    );
    await queryRunner.query('DROP TABLE "temporary_acceptance_criterion"');
    await queryRunner.query('CREATE INDEX "IDX_07fb7603d92f34c4827e533cd7" ON "acceptance_criterion" ("handoverRowId") ');
    await queryRunner.query('DROP INDEX "IDX_939530ac867b57995f128ff445"');
    await queryRunner.query('DROP INDEX "IDX_e575676fe9c703bb1167eb8733"');
    await queryRunner.query('DROP INDEX "IDX_39dd9bee7840b3fb5ba0794c84"');
    await queryRunner.query('DROP INDEX "IDX_6ce60784931b6e3db098fb0aff"');
    await queryRunner.query('ALTER TABLE "handover" RENAME TO "temporary_handover"');
    await queryRunner.query(
      'CREATE TABLE "handover" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "operationRowId" integer NOT NULL, "receivingTeamRowId" integer NOT NULL, "status" varchar CHECK( "status" IN (\'PROPOSED\',\'ACCEPTED\',\'IN_SUPPORT\',\'CLOSED\') ) NOT NULL DEFAULT (\'PROPOSED\'), "targetThroughputPerHour" double, "targetYield" double, "targetOee" double, "baselineFrom" datetime(3), "baselineTo" datetime(3), "baselineUnitsPerHour" double, "baselineYield" double, "baselineOee" double, "baselineSampleCount" integer NOT NULL DEFAULT (0), "supportDays" integer NOT NULL, "supportUntil" datetime(3), "proposedAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "acceptedBy" varchar(200), "closedAt" datetime(3), "closedBy" varchar(200), "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "handover"("id", "projectRowId", "operationRowId", "receivingTeamRowId", "status", "targetThroughputPerHour", "targetYield", "targetOee", "baselineFrom", "baselineTo", "baselineUnitsPerHour", "baselineYield", "baselineOee", "baselineSampleCount", "supportDays", "supportUntil", "proposedAt", "acceptedAt", "acceptedBy", "closedAt", "closedBy", "updatedAt", "version") SELECT "id", "projectRowId", "operationRowId", "receivingTeamRowId", "status", "targetThroughputPerHour", "targetYield", "targetOee", "baselineFrom", "baselineTo", "baselineUnitsPerHour", "baselineYield", "baselineOee", "baselineSampleCount", "supportDays", "supportUntil", "proposedAt", "acceptedAt", "acceptedBy", "closedAt", "closedBy", "updatedAt", "version" FROM "temporary_handover"',
    );
    await queryRunner.query('DROP TABLE "temporary_handover"');
    await queryRunner.query('CREATE INDEX "IDX_939530ac867b57995f128ff445" ON "handover" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_e575676fe9c703bb1167eb8733" ON "handover" ("receivingTeamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_39dd9bee7840b3fb5ba0794c84" ON "handover" ("operationRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_6ce60784931b6e3db098fb0aff" ON "handover" ("projectRowId") ');
    await queryRunner.query('DROP INDEX "IDX_f8bc1830e2d38bebe0f18cf29e"');
    await queryRunner.query('DROP INDEX "IDX_2b1e109e40fa3ca47f2e818d3e"');
    await queryRunner.query('ALTER TABLE "shift_calendar" RENAME TO "temporary_shift_calendar"');
    await queryRunner.query(
      'CREATE TABLE "shift_calendar" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer, "processRowId" integer, "timeZone" varchar(64) NOT NULL, "shifts" text NOT NULL, "updatedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "shift_calendar"("id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt") SELECT "id", "operationRowId", "processRowId", "timeZone", "shifts", "updatedAt" FROM "temporary_shift_calendar"',
    );
    await queryRunner.query('DROP TABLE "temporary_shift_calendar"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f8bc1830e2d38bebe0f18cf29e" ON "shift_calendar" ("processRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2b1e109e40fa3ca47f2e818d3e" ON "shift_calendar" ("operationRowId") ');
    await queryRunner.query('DROP INDEX "IDX_14b2be9d9250de28c687bc76e4"');
    await queryRunner.query('DROP INDEX "IDX_7351abe30a98aea16a6271c9a7"');
    await queryRunner.query('ALTER TABLE "team_member" RENAME TO "temporary_team_member"');
    await queryRunner.query(
      'CREATE TABLE "team_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "teamRowId" integer NOT NULL, "personRowId" integer NOT NULL, "role" varchar(100) NOT NULL, "joinedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "team_member"("id", "teamRowId", "personRowId", "role", "joinedAt") SELECT "id", "teamRowId", "personRowId", "role", "joinedAt" FROM "temporary_team_member"',
    );
    await queryRunner.query('DROP TABLE "temporary_team_member"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_14b2be9d9250de28c687bc76e4" ON "team_member" ("teamRowId", "personRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_7351abe30a98aea16a6271c9a7" ON "team_member" ("personRowId") ');
    await queryRunner.query('DROP INDEX "IDX_053f47770990f2de4351efc217"');
    await queryRunner.query('ALTER TABLE "team" RENAME TO "temporary_team"');
    await queryRunner.query(
      'CREATE TABLE "team" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar CHECK( "kind" IN (\'PERMANENT\',\'TEMPORARY\') ) NOT NULL, "projectRowId" integer, "disbandedAt" datetime(3), "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "team"("id", "name", "kind", "projectRowId", "disbandedAt", "createdAt") SELECT "id", "name", "kind", "projectRowId", "disbandedAt", "createdAt" FROM "temporary_team"',
    );
    await queryRunner.query('DROP TABLE "temporary_team"');
    await queryRunner.query('CREATE INDEX "IDX_053f47770990f2de4351efc217" ON "team" ("projectRowId") ');
    await queryRunner.query('DROP INDEX "IDX_df6f566067de36bc9c71132a2b"');
    await queryRunner.query('ALTER TABLE "risk" RENAME TO "temporary_risk"');
    await queryRunner.query(
      'CREATE TABLE "risk" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "title" varchar(200) NOT NULL, "probability" integer NOT NULL, "impact" integer NOT NULL, "status" varchar CHECK( "status" IN (\'OPEN\',\'MITIGATING\',\'CLOSED\',\'OCCURRED\') ) NOT NULL DEFAULT (\'OPEN\'), "ownerRowId" integer, "mitigation" varchar(2000) NOT NULL DEFAULT (\'\'), "milestoneRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "risk"("id", "projectRowId", "title", "probability", "impact", "status", "ownerRowId", "mitigation", "milestoneRowId", "createdAt", "updatedAt", "version") SELECT "id", "projectRowId", "title", "probability", "impact", "status", "ownerRowId", "mitigation", "milestoneRowId", "createdAt", "updatedAt", "version" FROM "temporary_risk"',
    );
    await queryRunner.query('DROP TABLE "temporary_risk"');
    await queryRunner.query('CREATE INDEX "IDX_df6f566067de36bc9c71132a2b" ON "risk" ("projectRowId") ');
    await queryRunner.query('DROP INDEX "IDX_814813701992bce65091ab7d45"');
    await queryRunner.query('DROP INDEX "IDX_46e4377137dc0eb811d3d77a8d"');
    await queryRunner.query('DROP INDEX "IDX_fa1dc4d14bb02b98020d1e015d"');
    await queryRunner.query('DROP INDEX "IDX_e714ecd244407c53ae52795ab6"');
    await queryRunner.query('DROP INDEX "IDX_57856cedbec1fbed761154d162"');
    await queryRunner.query('DROP INDEX "IDX_dedfea394088ed136ddadeee89"');
    await queryRunner.query('ALTER TABLE "project" RENAME TO "temporary_project"');
    await queryRunner.query(
      'CREATE TABLE "project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "goal" varchar(2000) NOT NULL DEFAULT (\'\'), "status" varchar CHECK( "status" IN (\'PLANNED\',\'ACTIVE\',\'ON_HOLD\',\'COMPLETED\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "startDate" datetime(3) NOT NULL, "dueDate" datetime(3) NOT NULL, "completedAt" datetime(3), "budgetCents" bigint NOT NULL, "teamRowId" integer, "improvesOperationRowId" integer, "deliveredOperationRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "project"("id", "name", "goal", "status", "startDate", "dueDate", "completedAt", "budgetCents", "teamRowId", "improvesOperationRowId", "deliveredOperationRowId", "createdAt", "updatedAt", "version") SELECT "id", "name", "goal", "status", "startDate", "dueDate", "completedAt", "budgetCents", "teamRowId", "improvesOperationRowId", "deliveredOperationRowId", "createdAt", "updatedAt", "version" FROM "temporary_project"',
    );
    await queryRunner.query('DROP TABLE "temporary_project"');
    await queryRunner.query('CREATE INDEX "IDX_814813701992bce65091ab7d45" ON "project" ("deliveredOperationRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_46e4377137dc0eb811d3d77a8d" ON "project" ("improvesOperationRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_fa1dc4d14bb02b98020d1e015d" ON "project" ("teamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_e714ecd244407c53ae52795ab6" ON "project" ("dueDate") ');
    await queryRunner.query('CREATE INDEX "IDX_57856cedbec1fbed761154d162" ON "project" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_dedfea394088ed136ddadeee89" ON "project" ("name") ');
    await queryRunner.query('DROP INDEX "IDX_a88819aad6feb2627181dbb862"');
    await queryRunner.query('DROP INDEX "IDX_b15e32f90e0c6f96258092f1b1"');
    await queryRunner.query('ALTER TABLE "throughput_sample" RENAME TO "temporary_throughput_sample"');
    await queryRunner.query(
      'CREATE TABLE "throughput_sample" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "processRowId" integer NOT NULL, "periodStart" datetime(3) NOT NULL, "periodEnd" datetime(3) NOT NULL, "goodUnits" integer NOT NULL, "rejectedUnits" integer NOT NULL, "downtimeMinutes" double NOT NULL, "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "throughput_sample"("id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt") SELECT "id", "processRowId", "periodStart", "periodEnd", "goodUnits", "rejectedUnits", "downtimeMinutes", "recordedAt" FROM "temporary_throughput_sample"',
    );
    await queryRunner.query('DROP TABLE "temporary_throughput_sample"');
    await queryRunner.query('CREATE INDEX "IDX_a88819aad6feb2627181dbb862" ON "throughput_sample" ("processRowId", "periodStart") ');
    await queryRunner.query('CREATE INDEX "IDX_b15e32f90e0c6f96258092f1b1" ON "throughput_sample" ("recordedAt") ');
    await queryRunner.query('DROP INDEX "IDX_d3907f203145d73258b65019cc"');
    await queryRunner.query('ALTER TABLE "process" RENAME TO "temporary_process"');
    await queryRunner.query(
      'CREATE TABLE "process" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "operationRowId" integer NOT NULL, "name" varchar(200) NOT NULL, "sequence" integer NOT NULL, "status" varchar CHECK( "status" IN (\'RUNNING\',\'IDLE\',\'DOWN\') ) NOT NULL DEFAULT (\'IDLE\'), "unit" varchar(50) NOT NULL, "targetRatePerHour" double NOT NULL, "targetYield" double, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "process"("id", "operationRowId", "name", "sequence", "status", "unit", "targetRatePerHour", "targetYield", "createdAt", "updatedAt", "version") SELECT "id", "operationRowId", "name", "sequence", "status", "unit", "targetRatePerHour", "targetYield", "createdAt", "updatedAt", "version" FROM "temporary_process"',
    );
    await queryRunner.query('DROP TABLE "temporary_process"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d3907f203145d73258b65019cc" ON "process" ("operationRowId", "sequence") ');
    await queryRunner.query('DROP INDEX "IDX_3db9f2d418022fb1517afe3bc8"');
    await queryRunner.query('DROP INDEX "IDX_b37092ee79e63cea1b220ccb1f"');
    await queryRunner.query('DROP INDEX "IDX_76376f474e50505063cf475e68"');
    await queryRunner.query('DROP INDEX "IDX_54bef81947d8e6ad96d1cc022a"');
    await queryRunner.query('ALTER TABLE "operation" RENAME TO "temporary_operation"');
    await queryRunner.query(
      'CREATE TABLE "operation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "description" varchar(2000) NOT NULL DEFAULT (\'\'), "status" varchar CHECK( "status" IN (\'ACTIVE\',\'PAUSED\',\'RETIRED\') ) NOT NULL DEFAULT (\'ACTIVE\'), "teamRowId" integer, "originProjectRowId" integer, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "operation"("id", "name", "description", "status", "teamRowId", "originProjectRowId", "createdAt", "updatedAt", "version") SELECT "id", "name", "description", "status", "teamRowId", "originProjectRowId", "createdAt", "updatedAt", "version" FROM "temporary_operation"',
    );
    await queryRunner.query('DROP TABLE "temporary_operation"');
    await queryRunner.query('CREATE INDEX "IDX_3db9f2d418022fb1517afe3bc8" ON "operation" ("originProjectRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_b37092ee79e63cea1b220ccb1f" ON "operation" ("teamRowId") ');
    await queryRunner.query('CREATE INDEX "IDX_76376f474e50505063cf475e68" ON "operation" ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_54bef81947d8e6ad96d1cc022a" ON "operation" ("name") ');
    await queryRunner.query('DROP INDEX "IDX_c5b3fc13de9a61689511f3b387"');
    await queryRunner.query('DROP INDEX "IDX_f775e8ca97f9de70704a5fd188"');
    await queryRunner.query('ALTER TABLE "milestone" RENAME TO "temporary_milestone"');
    await queryRunner.query(
      'CREATE TABLE "milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer NOT NULL, "name" varchar(200) NOT NULL, "ownerRowId" integer, "dueDate" datetime(3) NOT NULL, "weight" double NOT NULL DEFAULT (1), "status" varchar CHECK( "status" IN (\'PLANNED\',\'IN_PROGRESS\',\'DONE\',\'CANCELLED\') ) NOT NULL DEFAULT (\'PLANNED\'), "percentComplete" double NOT NULL DEFAULT (0), "completedAt" datetime(3), "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "milestone"("id", "projectRowId", "name", "ownerRowId", "dueDate", "weight", "status", "percentComplete", "completedAt", "createdAt", "updatedAt", "version") SELECT "id", "projectRowId", "name", "ownerRowId", "dueDate", "weight", "status", "percentComplete", "completedAt", "createdAt", "updatedAt", "version" FROM "temporary_milestone"',
    );
    await queryRunner.query('DROP TABLE "temporary_milestone"');
    await queryRunner.query('CREATE INDEX "IDX_c5b3fc13de9a61689511f3b387" ON "milestone" ("projectRowId", "dueDate") ');
    await queryRunner.query('CREATE INDEX "IDX_f775e8ca97f9de70704a5fd188" ON "milestone" ("ownerRowId") ');
    await queryRunner.query('DROP INDEX "IDX_ca3273f8cd332cc9d59aa3b6f5"');
    await queryRunner.query('ALTER TABLE "stock_movement" RENAME TO "temporary_stock_movement"');
    await queryRunner.query(
      'CREATE TABLE "stock_movement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "itemRowId" integer NOT NULL, "kind" varchar CHECK( "kind" IN (\'RECEIPT\',\'CONSUMPTION\',\'SHIPMENT\',\'ADJUSTMENT\') ) NOT NULL, "delta" decimal(14,3) NOT NULL, "onHandAfter" decimal(14,3) NOT NULL, "note" varchar(500) NOT NULL DEFAULT (\'\'), "occurredAt" datetime(3) NOT NULL, "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "stock_movement"("id", "itemRowId", "kind", "delta", "onHandAfter", "note", "occurredAt", "recordedAt") SELECT "id", "itemRowId", "kind", "delta", "onHandAfter", "note", "occurredAt", "recordedAt" FROM "temporary_stock_movement"',
    );
    await queryRunner.query('DROP TABLE "temporary_stock_movement"');
    await queryRunner.query('CREATE INDEX "IDX_ca3273f8cd332cc9d59aa3b6f5" ON "stock_movement" ("itemRowId", "occurredAt") ');
    await queryRunner.query('DROP INDEX "IDX_33d628360609a8de63d9303b9d"');
    await queryRunner.query('DROP INDEX "IDX_d6ea8a96077963efdebaa65044"');
    await queryRunner.query('ALTER TABLE "inventory_item" RENAME TO "temporary_inventory_item"');
    await queryRunner.query(
      'CREATE TABLE "inventory_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sku" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "unit" varchar(50) NOT NULL, "onHand" decimal(14,3) NOT NULL DEFAULT (0), "reorderPoint" decimal(14,3) NOT NULL DEFAULT (0), "operationRowId" integer NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "inventory_item"("id", "sku", "name", "unit", "onHand", "reorderPoint", "operationRowId", "createdAt", "updatedAt", "version") SELECT "id", "sku", "name", "unit", "onHand", "reorderPoint", "operationRowId", "createdAt", "updatedAt", "version" FROM "temporary_inventory_item"',
    );
    await queryRunner.query('DROP TABLE "temporary_inventory_item"');
    await queryRunner.query('CREATE INDEX "IDX_33d628360609a8de63d9303b9d" ON "inventory_item" ("operationRowId") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_d6ea8a96077963efdebaa65044" ON "inventory_item" ("sku") ');
    await queryRunner.query('DROP INDEX "IDX_8a626911178635b3314ab8be32"');
    await queryRunner.query('DROP INDEX "IDX_1f166085ebf6c736e88794cb2f"');
    await queryRunner.query('ALTER TABLE "cost_entry" RENAME TO "temporary_cost_entry"');
    await queryRunner.query(
      'CREATE TABLE "cost_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "projectRowId" integer, "operationRowId" integer, "amountCents" bigint NOT NULL, "incurredAt" datetime(3) NOT NULL, "description" varchar(500) NOT NULL, "recordedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "cost_entry"("id", "projectRowId", "operationRowId", "amountCents", "incurredAt", "description", "recordedAt") SELECT "id", "projectRowId", "operationRowId", "amountCents", "incurredAt", "description", "recordedAt" FROM "temporary_cost_entry"',
    );
    await queryRunner.query('DROP TABLE "temporary_cost_entry"');
    await queryRunner.query('CREATE INDEX "IDX_8a626911178635b3314ab8be32" ON "cost_entry" ("projectRowId", "incurredAt") ');
    await queryRunner.query('CREATE INDEX "IDX_1f166085ebf6c736e88794cb2f" ON "cost_entry" ("operationRowId", "incurredAt") ');
    await queryRunner.query('DROP INDEX "IDX_07fb7603d92f34c4827e533cd7"');
    await queryRunner.query('DROP TABLE "acceptance_criterion"');
    await queryRunner.query('DROP INDEX "IDX_939530ac867b57995f128ff445"');
    await queryRunner.query('DROP INDEX "IDX_e575676fe9c703bb1167eb8733"');
    await queryRunner.query('DROP INDEX "IDX_39dd9bee7840b3fb5ba0794c84"');
    await queryRunner.query('DROP INDEX "IDX_6ce60784931b6e3db098fb0aff"');
    await queryRunner.query('DROP TABLE "handover"');
    await queryRunner.query('DROP INDEX "IDX_f411bb0ae2e3c300461fa90786"');
    await queryRunner.query('DROP INDEX "IDX_f89251294c5fa2ade7ad42562d"');
    await queryRunner.query('DROP INDEX "IDX_62fc333ef2cbc64dbd82a9164b"');
    await queryRunner.query('DROP INDEX "IDX_1b4dd26ec2d487b68d85bc664e"');
    await queryRunner.query('DROP TABLE "alert"');
    await queryRunner.query('DROP INDEX "IDX_bf67dfd3ea2c148c5e03f10f19"');
    await queryRunner.query('DROP TABLE "milestone_revision"');
    await queryRunner.query('DROP INDEX "IDX_b81b2d8e150a9f248ea09c8944"');
    await queryRunner.query('DROP INDEX "IDX_77b45e61f3194ba2be468b0778"');
    await queryRunner.query('DROP TABLE "event"');
    await queryRunner.query('DROP TABLE "event_stream"');
    await queryRunner.query('DROP INDEX "IDX_f8bc1830e2d38bebe0f18cf29e"');
    await queryRunner.query('DROP INDEX "IDX_2b1e109e40fa3ca47f2e818d3e"');
    await queryRunner.query('DROP TABLE "shift_calendar"');
    await queryRunner.query('DROP INDEX "IDX_38536b1937c55d305af4d69a97"');
    await queryRunner.query('DROP TABLE "idempotency_key"');
    await queryRunner.query('DROP INDEX "IDX_14b2be9d9250de28c687bc76e4"');
    await queryRunner.query('DROP INDEX "IDX_7351abe30a98aea16a6271c9a7"');
    await queryRunner.query('DROP TABLE "team_member"');
    await queryRunner.query('DROP INDEX "IDX_053f47770990f2de4351efc217"');
    await queryRunner.query('DROP TABLE "team"');
    await queryRunner.query('DROP INDEX "IDX_d2d717efd90709ebd3cb26b936"');
    await queryRunner.query('DROP TABLE "person"');
    await queryRunner.query('DROP INDEX "IDX_df6f566067de36bc9c71132a2b"');
    await queryRunner.query('DROP TABLE "risk"');
    await queryRunner.query('DROP INDEX "IDX_814813701992bce65091ab7d45"');
    await queryRunner.query('DROP INDEX "IDX_46e4377137dc0eb811d3d77a8d"');
    await queryRunner.query('DROP INDEX "IDX_fa1dc4d14bb02b98020d1e015d"');
    await queryRunner.query('DROP INDEX "IDX_e714ecd244407c53ae52795ab6"');
    await queryRunner.query('DROP INDEX "IDX_57856cedbec1fbed761154d162"');
    await queryRunner.query('DROP INDEX "IDX_dedfea394088ed136ddadeee89"');
    await queryRunner.query('DROP TABLE "project"');
    await queryRunner.query('DROP INDEX "IDX_a88819aad6feb2627181dbb862"');
    await queryRunner.query('DROP INDEX "IDX_b15e32f90e0c6f96258092f1b1"');
    await queryRunner.query('DROP TABLE "throughput_sample"');
    await queryRunner.query('DROP INDEX "IDX_d3907f203145d73258b65019cc"');
    await queryRunner.query('DROP TABLE "process"');
    await queryRunner.query('DROP INDEX "IDX_3db9f2d418022fb1517afe3bc8"');
    await queryRunner.query('DROP INDEX "IDX_b37092ee79e63cea1b220ccb1f"');
    await queryRunner.query('DROP INDEX "IDX_76376f474e50505063cf475e68"');
    await queryRunner.query('DROP INDEX "IDX_54bef81947d8e6ad96d1cc022a"');
    await queryRunner.query('DROP TABLE "operation"');
    await queryRunner.query('DROP INDEX "IDX_c5b3fc13de9a61689511f3b387"');
    await queryRunner.query('DROP INDEX "IDX_f775e8ca97f9de70704a5fd188"');
    await queryRunner.query('DROP TABLE "milestone"');
    await queryRunner.query('DROP INDEX "IDX_ca3273f8cd332cc9d59aa3b6f5"');
    await queryRunner.query('DROP TABLE "stock_movement"');
    await queryRunner.query('DROP INDEX "IDX_33d628360609a8de63d9303b9d"');
    await queryRunner.query('DROP INDEX "IDX_d6ea8a96077963efdebaa65044"');
    await queryRunner.query('DROP TABLE "inventory_item"');
    await queryRunner.query('DROP INDEX "IDX_8a626911178635b3314ab8be32"');
    await queryRunner.query('DROP INDEX "IDX_1f166085ebf6c736e88794cb2f"');
    await queryRunner.query('DROP TABLE "cost_entry"');
  }
}
