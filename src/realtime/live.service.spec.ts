import type { GraphQLError } from 'graphql';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config';
import { DatabaseIncarnation } from '../db/incarnation.entity';
import { readIncarnation } from '../db/incarnation';
import { encodeEventCursor } from './cursor';
import type { LiveItem, PushableStream } from './live-iterator';
import { LiveService } from './live.service';
import { openSpecDatabase, type SpecDatabase } from './spec-database';

const STREAM = 'operation:1';
const viewer = { sub: 'spec', roles: [], expiresAt: null } as never;

describe('LiveService cursors and the database incarnation', () => {
  let db: SpecDatabase;
  let live: LiveService;
  const open: PushableStream<LiveItem>[] = [];

  beforeEach(async () => {
    db = await openSpecDatabase();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', EVENT_POLL_MS: '60000' });
    live = new LiveService({ config, dataSource: db.dataSource, events: db.bus, logger: createLogger('silent') });
  });

  afterEach(async () => {
    for (const iterator of open.splice(0)) await iterator.return!();
    live.close();
    await db.close();
  });

  async function openStream(after: string | null) {
    const iterator = await live.open({ viewer }, STREAM, after, () => true);
    open.push(iterator);
    return iterator;
  }

  it('hands out items of the incarnation the migration stored', async () => {
    const incarnation = await readIncarnation(db.dataSource);
    expect(incarnation).toMatch(/^[0-9a-f]{16}$/);
    await db.append(STREAM, 2);
    const item = (await (await openStream(encodeEventCursor(STREAM, 1, incarnation))).next()).value as LiveItem;
    expect(item.event.seq).toBe(2);
    expect(item.incarnation).toBe(incarnation);
  });

  it('refuses a cursor of another incarnation (a restore happened) with RESYNC_REQUIRED, even one inside the stream', async () => {
    await db.append(STREAM, 3);
    const error = (await openStream(encodeEventCursor(STREAM, 1, 'ffffffffffffffff')).catch((e: unknown) => e)) as GraphQLError;
    expect(error.extensions.code).toBe('RESYNC_REQUIRED');
    expect(error.message).toContain('restored');
    expect(live.hub.stats()).toEqual({ streams: 0, listeners: 0 });
  });

  it('resumes an older ev1 cursor as before, with the checks it always had', async () => {
    await db.append(STREAM, 3);
    const item = (await (await openStream(encodeEventCursor(STREAM, 2))).next()).value as LiveItem;
    expect(item.event.seq).toBe(3);
    const ahead = (await openStream(encodeEventCursor(STREAM, 9)).catch((e: unknown) => e)) as GraphQLError;
    expect(ahead.extensions.code).toBe('RESYNC_REQUIRED');
  });

  it('reads the incarnation once: a change underneath (which restore never makes while the API runs) is not seen', async () => {
    await db.append(STREAM, 1);
    const before = await readIncarnation(db.dataSource);
    await openStream(null);
    await db.dataSource.getRepository(DatabaseIncarnation).update({ id: 1 }, { incarnation: 'aaaaaaaaaaaaaaaa' });
    await db.append(STREAM, 1);
    const item = (await (await openStream(encodeEventCursor(STREAM, 1, before))).next()).value as LiveItem;
    expect(item.incarnation).toBe(before);
  });
});
