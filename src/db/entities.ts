import { CostEntry } from '../modules/cost/cost.entity';
import { InventoryItem, StockMovement } from '../modules/inventory/inventory.entity';
import { Milestone } from '../modules/milestone/milestone.entity';
import { Operation } from '../modules/operation/operation.entity';
import { Process, ThroughputSample } from '../modules/process/process.entity';
import { Project } from '../modules/project/project.entity';
import { Risk } from '../modules/risk/risk.entity';
import { Person, Team, TeamMember } from '../modules/team/team.entity';
import { IdempotencyRecord } from './idempotency.entity';
import { ShiftCalendarRecord } from '../modules/calendar/calendar.entity';
import { EventStream, StoredEvent } from '../realtime/event.entity';
import { MilestoneRevision } from '../modules/milestone/milestone-revision.entity';
import { Alert } from '../modules/alert/alert.entity';
import { AcceptanceCriterion, Handover } from '../modules/handover/handover.entity';

/** Every persisted entity. Adding one here and running `npm run migration:generate` makes a migration. */
export const ENTITIES = [
  Person,
  Team,
  TeamMember,
  Operation,
  Process,
  ThroughputSample,
  InventoryItem,
  StockMovement,
  Project,
  Milestone,
  Risk,
  CostEntry,
  IdempotencyRecord,
  ShiftCalendarRecord,
  EventStream,
  StoredEvent,
  MilestoneRevision,
  Alert,
  Handover,
  AcceptanceCriterion,
];
