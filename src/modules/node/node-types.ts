import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { CostEntry } from '../cost/cost.entity';
import { Alert } from '../alert/alert.entity';
import { InventoryItem, StockMovement } from '../inventory/inventory.entity';
import { Milestone } from '../milestone/milestone.entity';
import { Operation } from '../operation/operation.entity';
import { Process, ThroughputSample } from '../process/process.entity';
import { Project } from '../project/project.entity';
import { Risk } from '../risk/risk.entity';
import { Person, Team } from '../team/team.entity';
import { AcceptanceCriterion, Handover } from '../handover/handover.entity';

/** Global-ID type name → entity, for `node(id:)`. */
export const NODE_TYPES: Record<string, EntityTarget<ObjectLiteral & { rowId: number }>> = {
  Person,
  Team,
  Operation,
  Process,
  ThroughputSample,
  InventoryItem,
  StockMovement,
  Project,
  Milestone,
  Risk,
  CostEntry,
  Alert,
  Handover,
  AcceptanceCriterion,
};
