import { IdempotencyRecord } from './idempotency.entity';
import { EventStream, StoredEvent } from '../realtime/event.entity';

/**
 * Tables of the infrastructure rather than of a feature: idempotency records and the event
 * streams behind subscriptions. Feature entities come from each module's `index.ts` (MODULES).
 */
export const INFRASTRUCTURE_ENTITIES: Function[] = [IdempotencyRecord, EventStream, StoredEvent];
