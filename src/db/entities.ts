import { IdempotencyRecord } from './idempotency.entity';
import { DatabaseIncarnation } from './incarnation.entity';
import { EventStream, StoredEvent } from '../realtime/event.entity';

/**
 * Tables of the infrastructure rather than of a feature: idempotency records, the event streams
 * behind subscriptions and the database's incarnation (db/incarnation.entity.ts). Feature entities
 * come from each module's `index.ts` (MODULES).
 */
export const INFRASTRUCTURE_ENTITIES: Function[] = [IdempotencyRecord, EventStream, StoredEvent, DatabaseIncarnation];
