import fs from 'node:fs';
import { sqliteHandle } from '../../src/db/data-source';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from '../../src/db/sqlite-checkpointer';
import { createLine, minuteSamples, recordSamples } from '../harness/factories';
import { describeApp } from '../harness/suite';
import { eventually } from '../harness/wait';

/**
 * Issue 16: on a SQLite file the app checkpoints the WAL on a thread of its own (the shipped once a
 * second), so no writer's COMMIT pays for copying pages into the database file and its fsyncs.
 */
describeApp('WAL checkpoints off the event loop on %s', { databases: ['sqlite'] }, ({ t }) => {
  it("raises the writer's own checkpoint to the fallback and copies what ingest commits into the file within seconds", async () => {
    const writer = sqliteHandle(t.app.dataSource);
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    const file = t.config.database.url;
    const before = fs.statSync(file).size;
    const { processId } = await createLine(t);
    // 2,000 samples with their events and indexes: hundreds of pages, far below the fallback.
    for (let batch = 0; batch < 4; batch++) await recordSamples(t, minuteSamples(processId, batch * 500, 500));
    await eventually(() => fs.statSync(file).size > before + 100 * 4096, 10_000, 'the database file to take the checkpointed pages');
  });
});
