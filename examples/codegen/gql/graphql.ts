/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
};

/** Accepts a PROPOSED handover on behalf of the receiving team. */
export type AcceptHandoverInput = {
  /** The handover version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The handover. */
  id: Scalars['ID']['input'];
};

/** Acknowledges an alert. */
export type AcknowledgeAlertInput = {
  /** The alert. */
  id: Scalars['ID']['input'];
};

/** Adds a person to a team: an existing person (`personId`) or a new one (`newPerson`), exactly one of the two. */
export type AddTeamMemberInput = {
  /** A person to create and add in the same transaction. Give this or `personId`, not both. */
  newPerson?: InputMaybe<CreatePersonInput>;
  /** An existing person. Give this or `newPerson`, not both. */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** TEMPORARY teams only: hours a week the member is allocated to the team's project, from its start date to its due date, with the member's role (0–168; default 20; 0 = no allocation). Refused for a PERMANENT team: allocate people to operations with allocatePerson. */
  projectHoursPerWeek?: InputMaybe<Scalars['Float']['input']>;
  /** The member's role in the team, 1–100 characters, e.g. "Line supervisor". */
  role: Scalars['String']['input'];
  /** The team to join; a disbanded team refuses new members. */
  teamId: Scalars['ID']['input'];
};

/** Filters for the alerts list; all given filters must match. */
export type AlertFilter = {
  /** Only acknowledged (true) or unacknowledged (false) alerts. */
  acknowledged?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only alerts whose condition still holds (true) or has cleared (false). */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** Any of these kinds. */
  kinds?: InputMaybe<Array<AlertKind>>;
  /** At least this severity. */
  minSeverity?: InputMaybe<AlertSeverity>;
  /** Alerts about this operation (its processes and stock, and projects improving it). */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** Alerts about this project. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
};

/** What an alert is about. */
export type AlertKind =
  /** A project's actual cost exceeds its budget. */
  | 'BUDGET_OVERRUN'
  /** A milestone passed its due date without being done. */
  | 'MILESTONE_OVERDUE'
  /** A person has more hours allocated than their capacity in some week of the next 12 weeks (from today, UTC), across operations and projects. */
  | 'PERSON_OVER_ALLOCATED'
  /** An open production order is forecast (ProductionOrder.forecastCompletion) to complete after its due date. */
  | 'PRODUCTION_ORDER_FORECAST_LATE'
  /** A production order is still PLANNED, RELEASED or IN_PROGRESS after its due date. */
  | 'PRODUCTION_ORDER_OVERDUE'
  /** A project's computed health changed. */
  | 'PROJECT_HEALTH_CHANGED'
  /** A purchase order is still OPEN or PARTIALLY_RECEIVED after its promised day (UTC). */
  | 'PURCHASE_ORDER_OVERDUE'
  /** A shipment is still PLANNED or SHIPPED after its promised day (UTC). */
  | 'SHIPMENT_LATE'
  /** An inventory item is at or below its reorder point. */
  | 'STOCK_BELOW_REORDER_POINT'
  /** A process's attainment over the last hour fell below the alert threshold. */
  | 'THROUGHPUT_BELOW_TARGET'
  /** A process's yield over the last hour fell below its target yield. */
  | 'YIELD_BELOW_TARGET';

/** How urgent an alert is, in increasing order. */
export type AlertSeverity =
  /** Needs action now. */
  | 'CRITICAL'
  /** Worth knowing. */
  | 'INFO'
  /** Needs attention. */
  | 'WARNING';

/** Allocates hours a week of a person to exactly one operation or one project. */
export type AllocatePersonInput = {
  /** Start (inclusive); default: the project's start date, or now for an operation. */
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Hours a week, more than 0 and at most 168. */
  hoursPerWeek: Scalars['Float']['input'];
  /** The operation (permanent work). It must not be RETIRED. Give this or projectId. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** The person. */
  personId: Scalars['ID']['input'];
  /** The project (temporary work). It must not be COMPLETED or CANCELLED. Give this or operationId. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** The role in this work, 1–100 characters, e.g. "Cutter". */
  role: Scalars['String']['input'];
  /** End (exclusive), after `from`. Default: the project's due date, or open-ended for an operation. */
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** Why an allocation was refused. */
export type AllocationRefusal =
  /** The operation is RETIRED: nobody works on it any more. */
  | 'OPERATION_RETIRED'
  /** The allocation starts before the project's start date or ends after its due date. */
  | 'OUTSIDE_PROJECT_DATES'
  /** The project is COMPLETED or CANCELLED: it takes no new or changed allocations. */
  | 'PROJECT_CLOSED'
  /** Project work is temporary: an allocation to a project cannot be open-ended. */
  | 'PROJECT_NEEDS_END';

/** Cancels a purchase order that is OPEN or PARTIALLY_RECEIVED; what was received stays in stock. */
export type CancelPurchaseOrderInput = {
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
};

/** Cancels a PLANNED shipment (a shipped one has left stock and cannot be cancelled). */
export type CancelShipmentInput = {
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
};

/** Closes an accepted handover, ending early-life support if it is still running. */
export type CloseHandoverInput = {
  /** The handover version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The handover. */
  id: Scalars['ID']['input'];
};

/** Marks a milestone DONE. */
export type CompleteMilestoneInput = {
  /** The version the client last read; when given and stale, returns VersionConflict. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The milestone to complete. */
  id: Scalars['ID']['input'];
};

/** Completes a RELEASED or IN_PROGRESS production order. */
export type CompleteProductionOrderInput = {
  /** Complete it even though fewer units were produced than ordered: it is recorded as completed short (completedShort, shortQuantity). Without it, such an order returns ProductionOrderIncomplete. */
  allowShort?: Scalars['Boolean']['input'];
  /** The version the client last read; when given and stale, returns VersionConflict. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The production order. */
  id: Scalars['ID']['input'];
};

/** Confirms that a SHIPPED shipment arrived, in full or short. */
export type ConfirmDeliveryInput = {
  /** When the destination received it; default now. Not before it was shipped, at most 5 minutes in the future. */
  deliveredAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** The version the client last read; when given and stale, VersionConflict. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The shipment. */
  id: Scalars['ID']['input'];
  /** Quantities received, for the lines that were short (up to 100); a line not listed arrived in full. */
  lines?: InputMaybe<Array<DeliveredLineInput>>;
};

/** A new stocked material or product. */
export type CreateInventoryItemInput = {
  /** Opening stock, recorded as a RECEIPT movement when above 0; 0–1,000,000,000, at most 3 decimals (default 0). */
  initialOnHand?: Scalars['Float']['input'];
  /** Name, 1–200 characters, e.g. "Organic cotton twill". */
  name: Scalars['String']['input'];
  /** The operation that holds the stock. */
  operationId: Scalars['ID']['input'];
  /** Reorder when on hand falls to or below this; 0–1,000,000,000, at most 3 decimals (default 0). */
  reorderPoint?: Scalars['Float']['input'];
  /** Stock-keeping unit: 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"; unique (case-insensitive). */
  sku: Scalars['String']['input'];
  /** Unit of measure, 1–50 characters, e.g. "m" or "pcs". */
  unit: Scalars['String']['input'];
};

/** A new milestone of an open project. */
export type CreateMilestoneInput = {
  /** When the milestone is due. */
  dueDate: Scalars['DateTimeISO']['input'];
  /** Name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** The person responsible, if any. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** How far along, 0–100 (default 0). 100 alone does not mark it DONE: use completeMilestone. */
  percentComplete?: Scalars['Float']['input'];
  /** The project; it must not be COMPLETED or CANCELLED. */
  projectId: Scalars['ID']['input'];
  /** Relative weight in project progress, > 0 and ≤ 1000 (default 1). */
  weight?: Scalars['Float']['input'];
};

/** A new operation. */
export type CreateOperationInput = {
  /** Description, up to 2000 characters. */
  description?: Scalars['String']['input'];
  /** Name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** Initial status (default ACTIVE). */
  status?: OperationStatus;
  /** The permanent team that runs it. */
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** A new person. */
export type CreatePersonInput = {
  /** Work e-mail address (stored lower-case); must not belong to another person. Optional. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Full name, 1–200 characters. */
  name: Scalars['String']['input'];
};

/** A new process in an operation's workflow. */
export type CreateProcessInput = {
  /** Name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** The operation it belongs to. */
  operationId: Scalars['ID']['input'];
  /** Position in the workflow (1–1000, unique in the operation); default: after the last. */
  sequence?: InputMaybe<Scalars['Int']['input']>;
  /** Initial status (default IDLE). */
  status?: ProcessStatus;
  /** Target units per planned hour, > 0 and ≤ 1,000,000. */
  targetRatePerHour: Scalars['Float']['input'];
  /** Target yield 0–1 (e.g. 0.97); alerts fire below it. */
  targetYield?: InputMaybe<Scalars['Float']['input']>;
  /** What it counts, e.g. "garments" (1–50 characters). */
  unit: Scalars['String']['input'];
};

/** A new production order on an operation's schedule (status PLANNED). */
export type CreateProductionOrderInput = {
  /** When it is due; must be after plannedStart. */
  dueDate: Scalars['DateTimeISO']['input'];
  /** Order number, 1–64 printable characters without spaces, unique within the operation, e.g. "MO-2025-014". */
  number: Scalars['String']['input'];
  /** The operation that makes it; it must not be RETIRED. */
  operationId: Scalars['ID']['input'];
  /** When production is planned to start. */
  plannedStart: Scalars['DateTimeISO']['input'];
  /** Units to make, 1–100,000,000, in the final process's unit. */
  quantity: Scalars['Int']['input'];
  /** SKU of what is made, 1–64 characters. */
  sku: Scalars['String']['input'];
};

/** A new project. */
export type CreateProjectInput = {
  /** Budget in currency units, 0 – 1,000,000,000,000, at most 2 decimals (e.g. 1250.5). */
  budget: Scalars['Float']['input'];
  /** Create a TEMPORARY team named after the project to staff it (default false). Cannot be combined with teamId. */
  createTeam?: Scalars['Boolean']['input'];
  /** Due date; must be after startDate. */
  dueDate: Scalars['DateTimeISO']['input'];
  /** What the project must achieve, up to 2000 characters. */
  goal?: Scalars['String']['input'];
  /** The existing operation this project improves, if any. A project that improves an operation may be completed with updateProject; any other must be handed over. */
  improvesOperationId?: InputMaybe<Scalars['ID']['input']>;
  /** Name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** Planned start. */
  startDate: Scalars['DateTimeISO']['input'];
  /** Initial status: PLANNED (default) or ACTIVE; other values are BAD_USER_INPUT. */
  status?: ProjectStatus;
  /** An active TEMPORARY team that staffs no project yet. Cannot be combined with createTeam. */
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** A new purchase order placed with a supplier. */
export type CreatePurchaseOrderInput = {
  /** 1–100 lines, each item once. */
  lines: Array<PurchaseOrderLineInput>;
  /** Purchase order number, 1–64 characters of A–Z, a–z, 0–9, ".", "_", "/" or "-"; unique (case-insensitive). */
  number: Scalars['String']['input'];
  /** When the order was placed; default now. At most 5 minutes in the future. */
  orderedAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** When the supplier promised delivery; on or after the day of `orderedAt`. */
  promisedDate: Scalars['DateTimeISO']['input'];
  /** The supplier. */
  supplierId: Scalars['ID']['input'];
};

/** A new risk of an open project. */
export type CreateRiskInput = {
  /** Consequence, 1 (negligible) – 5 (severe). */
  impact: Scalars['Int']['input'];
  /** A milestone of the same project the risk threatens; when that milestone is overdue the risk's band escalates. */
  milestoneId?: InputMaybe<Scalars['ID']['input']>;
  /** What is being done about it, up to 2000 characters. */
  mitigation?: Scalars['String']['input'];
  /** The person who owns the risk, if any. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** Likelihood, 1 (rare) – 5 (almost certain). */
  probability: Scalars['Int']['input'];
  /** The project; it must not be COMPLETED or CANCELLED. */
  projectId: Scalars['ID']['input'];
  /** Initial status (default OPEN). */
  status?: RiskStatus;
  /** Short statement of the risk, 1–200 characters. */
  title: Scalars['String']['input'];
};

/** A shipment promised to a store or customer (PLANNED): nothing leaves stock until it is shipped. */
export type CreateShipmentInput = {
  /** Who it goes to: a store or customer name, 1–200 characters, e.g. "Store 12 – Lisbon Chiado". */
  destination: Scalars['String']['input'];
  /** 1–100 lines, each item once. */
  lines: Array<ShipmentLineInput>;
  /** The shipping operation: its stock is shipped and its delivery KPIs count the shipment. */
  operationId: Scalars['ID']['input'];
  /** When delivery is promised; only its UTC day counts. Not on a day before today. */
  promisedDate: Scalars['DateTimeISO']['input'];
};

/** A new supplier. */
export type CreateSupplierInput = {
  /** How to reach them (person, e-mail, phone), up to 500 characters. */
  contact?: Scalars['String']['input'];
  /** Name, 1–200 characters, unique (case-insensitive), e.g. "Anatolia Organic Mills". */
  name: Scalars['String']['input'];
  /** Lead time the supplier quotes, in days from order to delivery (0–730). */
  quotedLeadTimeDays: Scalars['Int']['input'];
};

/** A new team. */
export type CreateTeamInput = {
  /** PERMANENT (runs operations) or TEMPORARY (staffs one project). */
  kind: TeamKind;
  /** Team name, 1–200 characters. */
  name: Scalars['String']['input'];
  /** The project a TEMPORARY team staffs: required for TEMPORARY, forbidden for PERMANENT. The project must be open and have no team yet; it gets this team (and its version increases). */
  projectId?: InputMaybe<Scalars['ID']['input']>;
};

/** What the destination received of one item. */
export type DeliveredLineInput = {
  /** Quantity received: 0 up to the quantity shipped, at most 3 decimals. */
  deliveredQuantity: Scalars['Float']['input'];
  /** The inventory item; it must be on the shipment, and appear once. */
  itemId: Scalars['ID']['input'];
};

/** Ends an allocation. */
export type EndAllocationInput = {
  /** When it ends (exclusive); default now. Must be after its start and before its current end. */
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
};

/** How a production order completion forecast was made (kpiDefinitions key `productionOrderForecast`). */
export type ForecastMethod =
  /** The order is completed: the forecast is its completion time. */
  | 'COMPLETED'
  /** No forecast: cancelled, no final process, no planned time ahead, or more than a year away (see `reason`). */
  | 'NONE'
  /** It has produced its quantity and only waits to be completed: the forecast is as-of (or its planned start, if later). */
  | 'QUANTITY_REACHED'
  /** Remaining units at the final process's good units per planned minute over the last 7 days, laid over its shift calendar from max(as-of, planned start). */
  | 'RECENT_RATE'
  /** The final process made no good units in the last 7 days: its target rate × target yield over the calendar instead. */
  | 'TARGET_RATE';

/** Hands a finished project over to operations: to a new operation (`newOperationName`) or an existing one (`operationId`), exactly one of the two, with optional acceptance criteria, target KPIs and an early-life-support length for the Handover it creates. */
export type HandOverProjectInput = {
  /** Acceptance criteria the receiving team needs met before it accepts the handover: at most 50, each 1–500 characters (trimmed). Default none. */
  acceptanceCriteria?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The project version the client last read; when given and stale, returns VersionConflict. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Description of the new operation, up to 2000 characters (only with newOperationName). */
  newOperationDescription?: InputMaybe<Scalars['String']['input']>;
  /** Name (1–200 characters) of a new operation to create. Give this or operationId. */
  newOperationName?: InputMaybe<Scalars['String']['input']>;
  /** An existing, not retired operation that receives the project's result. Give this or newOperationName. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** The project to hand over; it must be ACTIVE or ON_HOLD. */
  projectId: Scalars['ID']['input'];
  /** Days of early-life support after acceptance, 0–365 (default 30). */
  supportDays?: Scalars['Int']['input'];
  /** Target KPIs for the operation; `Handover.comparison` measures against them. Default none. */
  targets?: InputMaybe<HandoverTargetsInput>;
  /** The PERMANENT team that will run the operation (set on an existing operation only if it has no team). */
  teamId: Scalars['ID']['input'];
};

/** Filters for the handovers list; all given filters must match. */
export type HandoverFilter = {
  /** Only handovers to this operation. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** Only handovers in any of these statuses as clients see them (IN_SUPPORT and ACCEPTED are told apart by supportUntil and now). */
  statuses?: InputMaybe<Array<HandoverStatus>>;
  /** Only handovers received by this team. */
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** Sort order of a handovers list. */
export type HandoverOrderBy =
  /** Oldest handover first. */
  | 'PROPOSED_AT_ASC'
  /** Newest handover first. */
  | 'PROPOSED_AT_DESC';

/** Lifecycle of a handover: PROPOSED → ACCEPTED (IN_SUPPORT while early-life support runs) → CLOSED. */
export type HandoverStatus =
  /** Accepted by the receiving side and early-life support is over (or was zero days); waits for closeHandover. */
  | 'ACCEPTED'
  /** Closed: the operation is owned and measured like any other. Final. */
  | 'CLOSED'
  /** Accepted and inside the early-life-support window (now < supportUntil). Derived from ACCEPTED, never stored. */
  | 'IN_SUPPORT'
  /** Created by handOverProject; waits for every acceptance criterion to be met and for acceptHandover. */
  | 'PROPOSED';

/** What the operation should achieve once handed over. Omitted targets are not compared. */
export type HandoverTargetsInput = {
  /** OEE of the final process, 0–1 (0.85, not 85). */
  oee?: InputMaybe<Scalars['Float']['input']>;
  /** Units per hour of run time of the final process, 0 – 1,000,000,000. */
  throughputPerHour?: InputMaybe<Scalars['Float']['input']>;
  /** Rolled throughput yield of the whole workflow, 0–1 (0.95, not 95). */
  yield?: InputMaybe<Scalars['Float']['input']>;
};

/** A metric that can make a project unhealthy. */
export type HealthMetric =
  /** Cost performance index below its threshold. */
  | 'CPI'
  /** Open risks scoring at or above the high-risk score, at or above the threshold count. */
  | 'HIGH_RISKS'
  /** Milestones past due and not done, at or above the threshold. */
  | 'OVERDUE_MILESTONES'
  /** Schedule performance index below its threshold. */
  | 'SPI';

/** Computed project health (never typed in by a person). */
export type HealthStatus =
  /** At least one at-risk threshold crossed. */
  | 'AT_RISK'
  /** The project is completed. */
  | 'COMPLETED'
  /** At least one off-track threshold crossed. */
  | 'OFF_TRACK'
  /** No threshold crossed. */
  | 'ON_TRACK';

/** Filters for the inventory list; all given filters must match. */
export type InventoryItemFilter = {
  /** Only items at or below their reorder point (true) or above it (false). */
  belowReorderPoint?: InputMaybe<Scalars['Boolean']['input']>;
  /** Held by this operation. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive text in the SKU or the name. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** Sort order of an inventory list. */
export type InventoryItemOrderBy =
  /** By name, A to Z. */
  | 'NAME_ASC'
  /** Lowest stock first. */
  | 'ON_HAND_ASC'
  /** By SKU, A to Z. */
  | 'SKU_ASC';

/** Lifecycle of a milestone. */
export type MilestoneStatus =
  /** Dropped: counts neither as done nor in the total. */
  | 'CANCELLED'
  /** Completed (counts as 100%). */
  | 'DONE'
  /** Started; percentComplete says how far. */
  | 'IN_PROGRESS'
  /** Not started. */
  | 'PLANNED';

/** Filters for the operations list; all given filters must match. */
export type OperationFilter = {
  /** Only operations with at least one process below target over the last 60 minutes (true), or with none (false). */
  belowTarget?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only operations a project is improving (true) or none is (false). */
  hasImprovingProjects?: InputMaybe<Scalars['Boolean']['input']>;
  /** Case-insensitive text in the name or description. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Any of these statuses. */
  status?: InputMaybe<Array<OperationStatus>>;
  /** Run by this team. */
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** Sort order of an operations list. */
export type OperationOrderBy =
  /** Oldest first. */
  | 'CREATED_AT_ASC'
  /** Newest first. */
  | 'CREATED_AT_DESC'
  /** By name, A–Z. */
  | 'NAME_ASC'
  /** By name, Z–A. */
  | 'NAME_DESC'
  /** Most recently changed first. */
  | 'UPDATED_AT_DESC';

/** Filters for an operation's production orders; all given filters must match. */
export type OperationProductionOrderFilter = {
  /** Only orders due at or after this instant. */
  dueAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only orders due before this instant. */
  dueBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only late orders (true) or only the others (false). Late: open (PLANNED, RELEASED, IN_PROGRESS) and past its due date now, or COMPLETED after its due date. (An open order forecast to finish late is not late yet: see `forecastCompletion`.) */
  late?: InputMaybe<Scalars['Boolean']['input']>;
  /** Case-insensitive text in the order number or SKU. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Any of these statuses. */
  status?: InputMaybe<Array<ProductionOrderStatus>>;
};

/** Lifecycle of an operation. */
export type OperationStatus =
  /** Running and measured. */
  | 'ACTIVE'
  /** Temporarily stopped; keeps its processes and history. */
  | 'PAUSED'
  /** No longer run; kept for history. */
  | 'RETIRED';

/** A window of time [from, to) for the people filter. */
export type PeopleWindowInput = {
  /** Start (inclusive). */
  from: Scalars['DateTimeISO']['input'];
  /** End (exclusive), after from and at most 371 days later. */
  to: Scalars['DateTimeISO']['input'];
};

/** Filters for the people list; all given filters must match. */
export type PersonFilter = {
  /** true: only people over capacity in some week of `window` (by their allocations now); false: only the others. See Person.overAllocated. */
  overAllocated?: InputMaybe<Scalars['Boolean']['input']>;
  /** Case-insensitive text in the name or e-mail address. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only members of this team. */
  teamId?: InputMaybe<Scalars['ID']['input']>;
  /** The window `overAllocated` looks at; default the 12 weeks from today (UTC). */
  window?: InputMaybe<PeopleWindowInput>;
};

/** Sort order of a people list. */
export type PersonOrderBy =
  /** Newest first. */
  | 'CREATED_AT_DESC'
  /** By name, A → Z. */
  | 'NAME_ASC';

/** Filters for the portfolio; all given filters must match. */
export type PortfolioFilter = {
  /** Only these kinds (default: both). */
  kind?: InputMaybe<Array<PortfolioKind>>;
  /** Case-insensitive text in the name, or in the description (operations) or goal (projects). */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** What a portfolio item is. */
export type PortfolioKind =
  /** Continuous work: an operation. */
  | 'OPERATION'
  /** Temporary work: a project. */
  | 'PROJECT';

/** Sort order of the portfolio. */
export type PortfolioOrderBy =
  /** By name (case-insensitive), A → Z; ties by kind and ID. */
  | 'NAME_ASC'
  /** Most recently changed first; ties by kind and ID. */
  | 'UPDATED_AT_DESC';

/** Filters for the processes list; all given filters must match. */
export type ProcessFilter = {
  /** Only processes whose attainment over the last 60 minutes is below target (true) or not (false). */
  belowTarget?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only processes of this operation. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive text in the name. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Any of these statuses. */
  status?: InputMaybe<Array<ProcessStatus>>;
};

/** Sort order of a processes list. */
export type ProcessOrderBy =
  /** By name. */
  | 'NAME_ASC'
  /** Most recently changed first. */
  | 'UPDATED_AT_DESC'
  /** By operation, then by sequence within it. */
  | 'WORKFLOW';

/** What a process is doing now. */
export type ProcessStatus =
  /** Stopped by a fault or maintenance. */
  | 'DOWN'
  /** Ready but not producing (no work or not scheduled). */
  | 'IDLE'
  /** Producing. */
  | 'RUNNING';

/** Filters for the production orders list; all given filters must match. */
export type ProductionOrderFilter = {
  /** Only orders due at or after this instant. */
  dueAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only orders due before this instant. */
  dueBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only late orders (true) or only the others (false). Late: open (PLANNED, RELEASED, IN_PROGRESS) and past its due date now, or COMPLETED after its due date. (An open order forecast to finish late is not late yet: see `forecastCompletion`.) */
  late?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only orders of this operation. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive text in the order number or SKU. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Any of these statuses. */
  status?: InputMaybe<Array<ProductionOrderStatus>>;
};

/** Sort order of a production orders list. */
export type ProductionOrderOrderBy =
  /** Earliest due first. */
  | 'DUE_DATE_ASC'
  /** Latest due first. */
  | 'DUE_DATE_DESC'
  /** By order number. */
  | 'NUMBER_ASC'
  /** Earliest planned start first. */
  | 'PLANNED_START_ASC'
  /** Most recently changed first. */
  | 'UPDATED_AT_DESC';

/** Lifecycle of a production order: PLANNED → RELEASED → IN_PROGRESS → COMPLETED, or CANCELLED. */
export type ProductionOrderStatus =
  /** Dropped: no further samples, not counted in the completion KPIs. */
  | 'CANCELLED'
  /** Closed as done (possibly short: see `completedShort`); counts in the completion KPIs. */
  | 'COMPLETED'
  /** At least one throughput sample has been attributed to it. */
  | 'IN_PROGRESS'
  /** On the schedule, not yet released to the floor; no samples may be attributed to it. */
  | 'PLANNED'
  /** Released to the floor: samples may be attributed to it. */
  | 'RELEASED';

/** A production order to move to its next state, and optionally the version the client read. */
export type ProductionOrderTransitionInput = {
  /** The version the client last read; when given and stale, returns VersionConflict. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The production order. */
  id: Scalars['ID']['input'];
};

/** How project progress is computed from milestones. */
export type ProgressRule =
  /** Done milestones ÷ all milestones. */
  | 'COUNT_BASED'
  /** Σ weight × percent complete ÷ Σ weight (the default). */
  | 'WEIGHT_BASED';

/** Filters for the projects list; all given filters must match. */
export type ProjectFilter = {
  /** Due at or after this instant. */
  dueAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Due strictly before this instant. */
  dueBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Improving this operation. */
  improvesOperationId?: InputMaybe<Scalars['ID']['input']>;
  /** true: only open projects (PLANNED, ACTIVE, ON_HOLD) past their due date; false: only those that are not. */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Case-insensitive text in the name or goal. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Any of these statuses. */
  status?: InputMaybe<Array<ProjectStatus>>;
  /** Staffed by this team. */
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** Sort order of a projects list. */
export type ProjectOrderBy =
  /** Newest first. */
  | 'CREATED_AT_DESC'
  /** Earliest due date first. */
  | 'DUE_DATE_ASC'
  /** Latest due date first. */
  | 'DUE_DATE_DESC'
  /** By name, A → Z. */
  | 'NAME_ASC'
  /** By name, Z → A. */
  | 'NAME_DESC'
  /** Most recently changed first. */
  | 'UPDATED_AT_DESC';

/** Lifecycle of a project. */
export type ProjectStatus =
  /** Under way. */
  | 'ACTIVE'
  /** Stopped for good before finishing. */
  | 'CANCELLED'
  /** Finished (handed over, if it delivered an operation). */
  | 'COMPLETED'
  /** Paused. */
  | 'ON_HOLD'
  /** Approved, not started. */
  | 'PLANNED';

/** Filters for a purchase orders list; all given filters must match. */
export type PurchaseOrderFilter = {
  /** Only orders still open (OPEN or PARTIALLY_RECEIVED) after their promised day (true), or all others (false). */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Promised on or after this instant. */
  promisedAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Promised before this instant. */
  promisedBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** In any of these statuses. */
  status?: InputMaybe<Array<PurchaseOrderStatus>>;
  /** Placed with this supplier. */
  supplierId?: InputMaybe<Scalars['ID']['input']>;
};

/** One item to order and how much. */
export type PurchaseOrderLineInput = {
  /** The inventory item ordered; each item at most once per order. */
  itemId: Scalars['ID']['input'];
  /** Quantity ordered in the item's unit: > 0, at most 3 decimals and 1,000,000,000. */
  quantity: Scalars['Float']['input'];
};

/** Sort order of a purchase orders list. */
export type PurchaseOrderOrderBy =
  /** By number, A to Z. */
  | 'NUMBER_ASC'
  /** Most recently placed first. */
  | 'ORDERED_AT_DESC'
  /** Earliest promised delivery first. */
  | 'PROMISED_DATE_ASC';

/** Lifecycle of a purchase order: OPEN → PARTIALLY_RECEIVED → RECEIVED, or CANCELLED. */
export type PurchaseOrderStatus =
  /** Dropped before it was received in full; nothing more will be received. */
  | 'CANCELLED'
  /** Ordered; nothing received yet. */
  | 'OPEN'
  /** Some, but not all, of the ordered quantity has been received. */
  | 'PARTIALLY_RECEIVED'
  /** Every line has been received in full. */
  | 'RECEIVED';

/** What arrived of one item of the order. */
export type ReceiptLineInput = {
  /** The inventory item received; it must be on the order, and at most once per receipt. */
  itemId: Scalars['ID']['input'];
  /** Quantity received in the item's unit: > 0, at most 3 decimals. */
  quantity: Scalars['Float']['input'];
};

/** One delivery received against a purchase order. Each line may take its total received up to 5 % over the ordered quantity; more is refused with OverReceipt. */
export type ReceivePurchaseOrderInput = {
  /** The version the client last read; when given and stale, VersionConflict. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Client-chosen key (1–100 printable ASCII characters) that makes retries safe: a retry returns the first result. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** 1–100 lines, each item once. */
  lines: Array<ReceiptLineInput>;
  /** Free-text note stored on the RECEIPT movements, e.g. the delivery note number (≤ 200). */
  note?: Scalars['String']['input'];
  /** The purchase order; it must be OPEN or PARTIALLY_RECEIVED. */
  purchaseOrderId: Scalars['ID']['input'];
  /** When the goods arrived; default now. Not before the order was placed, at most 5 minutes in the future. */
  receivedAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** One cost, booked against exactly one project or one operation. A retry with the same idempotencyKey returns the first result. */
export type RecordCostInput = {
  /** Amount in currency units with at most 2 decimals, non-zero, between -1,000,000,000,000 and 1,000,000,000,000. Positive for spending; negative for a credit note (a refund that reduces actualCost). */
  amount: Scalars['Float']['input'];
  /** What the money was spent on, 1–500 characters. */
  description: Scalars['String']['input'];
  /** Client-chosen key (1–100 printable ASCII characters) that makes retries safe. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** When the cost was incurred; at most 5 minutes in the future (clock skew). */
  incurredAt: Scalars['DateTimeISO']['input'];
  /** The operation that spent the money (requires OPERATOR). Give this or projectId. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** The project that spent the money (requires PROJECT_MANAGER). Give this or operationId. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
};

/** One change of stock. A retry with the same idempotencyKey returns the first result. */
export type RecordStockMovementInput = {
  /** Client-chosen key (1–100 printable ASCII characters) that makes retries safe. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The inventory item whose stock changes. */
  itemId: Scalars['ID']['input'];
  /** Why stock changes; decides the sign of `quantity`. */
  kind: StockMovementKind;
  /** Free-text note, up to 500 characters, e.g. a delivery note number. */
  note?: Scalars['String']['input'];
  /** When it happened; default now. At most 5 minutes in the future (clock skew). */
  occurredAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** RECEIPT, CONSUMPTION, SHIPMENT: the amount, > 0 (the kind implies the sign). ADJUSTMENT: the signed, non-zero correction. At most 3 decimals and 1,000,000,000 in magnitude. */
  quantity: Scalars['Float']['input'];
};

/** Up to 500 samples recorded in one transaction: all or nothing. */
export type RecordThroughputBatchInput = {
  /** Client-chosen key that makes retries of the whole batch safe. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** 1–500 samples. */
  samples: Array<ThroughputSampleInput>;
};

/** Records one sample. A retry with the same idempotencyKey returns the first result. */
export type RecordThroughputInput = {
  /** Unplanned downtime in the period, minutes (0 – the period length). */
  downtimeMinutes?: Scalars['Float']['input'];
  /** Good units, 0–10,000,000. */
  goodUnits: Scalars['Int']['input'];
  /** Client-chosen key (1–100 characters) that makes retries safe. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** End of the period (exclusive); after periodStart, at most 24 h later, not in the future. */
  periodEnd: Scalars['DateTimeISO']['input'];
  /** Start of the period (inclusive). */
  periodStart: Scalars['DateTimeISO']['input'];
  /** The process that produced. */
  processId: Scalars['ID']['input'];
  /** The production order the units were made for: it must belong to the process's operation and be RELEASED or IN_PROGRESS (the first attributed sample moves it to IN_PROGRESS). Only good units of the operation's final process count toward its producedQuantity. */
  productionOrderId?: InputMaybe<Scalars['ID']['input']>;
  /** Rejected units, 0–10,000,000. */
  rejectedUnits: Scalars['Int']['input'];
};

/** Severity band of a risk score on the 5 × 5 matrix, escalated one band while its milestone is overdue. */
export type RiskBand =
  /** Score 20–25. */
  | 'CRITICAL'
  /** Score 10–16. */
  | 'HIGH'
  /** Score 1–4. */
  | 'LOW'
  /** Score 5–9. */
  | 'MEDIUM';

/** Lifecycle of a risk. */
export type RiskStatus =
  /** No longer a threat. */
  | 'CLOSED'
  /** Mitigation under way. */
  | 'MITIGATING'
  /** It happened: now an issue. */
  | 'OCCURRED'
  /** Identified, no action yet. */
  | 'OPEN';

/** What a token allows. Every role may read; ADMIN may do everything. */
export type Role =
  /** Everything, including teams and operations. */
  | 'ADMIN'
  /** Records throughput samples and stock movements, receives purchase orders, ships and confirms deliveries. */
  | 'OPERATOR'
  /** Manages projects, milestones, risks, costs and handovers. */
  | 'PROJECT_MANAGER'
  /** Reads the whole graph. */
  | 'VIEWER';

/** Records an acceptance criterion as met or unmet. */
export type SetAcceptanceCriterionInput = {
  /** The criterion version the client last read; when given and stale, returns VersionConflict. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The criterion. */
  id: Scalars['ID']['input'];
  /** True: met (records who and when); false: unmet again (clears who and when). */
  met: Scalars['Boolean']['input'];
};

/** Sets (replaces) the shift calendar of an operation or, as an override, of one process, or a person's working calendar. Give exactly one of operationId, processId and personId. */
export type SetShiftCalendarInput = {
  /** The operation whose calendar to set. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** The person whose working calendar to set: their capacity (capacityHoursPerWeek) applies in its shifts, minus breaks. Without one it is spread over the whole week. */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** The process whose own calendar to set (overrides the operation's). */
  processId?: InputMaybe<Scalars['ID']['input']>;
  /** Shifts (at most 50); null removes the calendar, so the target runs 24/7 (a process falls back to its operation's calendar). */
  shifts?: InputMaybe<Array<ShiftInput>>;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: Scalars['String']['input'];
};

/** A break inside a shift, local time HH:MM. */
export type ShiftBreakInput = {
  /** End, local HH:MM. */
  end: Scalars['String']['input'];
  /** Start, local HH:MM. */
  start: Scalars['String']['input'];
};

/** A weekly shift. */
export type ShiftInput = {
  /** Breaks (not planned production time). */
  breaks: Array<ShiftBreakInput>;
  /** Day of week the shift starts: 0 = Sunday … 6 = Saturday. */
  dayOfWeek: Scalars['Int']['input'];
  /** End, local HH:MM; at or before start means the next day. */
  end: Scalars['String']['input'];
  /** Name, e.g. "Early". */
  name: Scalars['String']['input'];
  /** Start, local HH:MM. */
  start: Scalars['String']['input'];
};

/** Ships a PLANNED shipment: every line leaves stock as a SHIPMENT movement, all or nothing. */
export type ShipShipmentInput = {
  /** The version the client last read; when given and stale, VersionConflict. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The shipment. */
  id: Scalars['ID']['input'];
  /** When it left the warehouse; default now. At most 5 minutes in the future. */
  shippedAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** Filters for a shipments list; all given filters must match. */
export type ShipmentFilter = {
  /** Case-insensitive text in the destination. */
  destination?: InputMaybe<Scalars['String']['input']>;
  /** Only shipments not yet delivered (PLANNED or SHIPPED) after their promised day (true), or all others (false). */
  late?: InputMaybe<Scalars['Boolean']['input']>;
  /** Shipped by this operation. */
  operationId?: InputMaybe<Scalars['ID']['input']>;
  /** Promised on or after this instant. */
  promisedAfter?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Promised before this instant. */
  promisedBefore?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** In any of these statuses. */
  status?: InputMaybe<Array<ShipmentStatus>>;
};

/** One item to ship and how much is promised. */
export type ShipmentLineInput = {
  /** The inventory item; it must be held by the shipping operation, and appear once per shipment. */
  itemId: Scalars['ID']['input'];
  /** Quantity promised (and shipped) in the item's unit: > 0, at most 3 decimals. */
  quantity: Scalars['Float']['input'];
};

/** Sort order of a shipments list. */
export type ShipmentOrderBy =
  /** Most recently delivered first; not yet delivered last. */
  | 'DELIVERED_AT_DESC'
  /** By destination, A to Z. */
  | 'DESTINATION_ASC'
  /** Earliest promised delivery first. */
  | 'PROMISED_DATE_ASC'
  /** Latest promised delivery first. */
  | 'PROMISED_DATE_DESC';

/** Lifecycle of a shipment: PLANNED → SHIPPED → DELIVERED, or CANCELLED. */
export type ShipmentStatus =
  /** Dropped before shipping; counts in no delivery KPI. */
  | 'CANCELLED'
  /** The destination confirmed delivery (possibly short: see the lines). */
  | 'DELIVERED'
  /** Promised to the destination; nothing has left stock yet. */
  | 'PLANNED'
  /** Left the warehouse: its SHIPMENT stock movements are written. */
  | 'SHIPPED';

/** Why stock changed. */
export type StockMovementKind =
  /** Stock-take correction (signed quantity). */
  | 'ADJUSTMENT'
  /** Used by a process (removes stock; quantity > 0 is subtracted). */
  | 'CONSUMPTION'
  /** Goods received (adds stock; quantity > 0). */
  | 'RECEIPT'
  /** Shipped to a customer (removes stock; quantity > 0 is subtracted). */
  | 'SHIPMENT';

/** Filters for the suppliers list; all given filters must match. */
export type SupplierFilter = {
  /** Case-insensitive text in the name or contact. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** Sort order of a suppliers list. */
export type SupplierOrderBy =
  /** By name, A to Z. */
  | 'NAME_ASC'
  /** Shortest quoted lead time first. */
  | 'QUOTED_LEAD_TIME_ASC';

/** Filters for the teams list; all given filters must match. */
export type TeamFilter = {
  /** Only teams of this kind. */
  kind?: InputMaybe<TeamKind>;
  /** Case-insensitive text in the team name. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** Whether a team runs operations for good or staffs one project. */
export type TeamKind =
  /** A role-based team that runs operations. */
  | 'PERMANENT'
  /** A team that belongs to one project and is disbanded when the project ends. */
  | 'TEMPORARY';

/** Sort order of a teams list. */
export type TeamOrderBy =
  /** Newest first. */
  | 'CREATED_AT_DESC'
  /** By name, A → Z. */
  | 'NAME_ASC'
  /** By name, Z → A. */
  | 'NAME_DESC';

/** One reporting period of one process. */
export type ThroughputSampleInput = {
  /** Unplanned downtime in the period, minutes (0 – the period length). */
  downtimeMinutes?: Scalars['Float']['input'];
  /** Good units, 0–10,000,000. */
  goodUnits: Scalars['Int']['input'];
  /** End of the period (exclusive); after periodStart, at most 24 h later, not in the future. */
  periodEnd: Scalars['DateTimeISO']['input'];
  /** Start of the period (inclusive). */
  periodStart: Scalars['DateTimeISO']['input'];
  /** The process that produced. */
  processId: Scalars['ID']['input'];
  /** The production order the units were made for: it must belong to the process's operation and be RELEASED or IN_PROGRESS (the first attributed sample moves it to IN_PROGRESS). Only good units of the operation's final process count toward its producedQuantity. */
  productionOrderId?: InputMaybe<Scalars['ID']['input']>;
  /** Rejected units, 0–10,000,000. */
  rejectedUnits: Scalars['Int']['input'];
};

/** Bucket size of a trend series. */
export type TrendBucket =
  /** One point per UTC day. */
  | 'DAY'
  /** One point per UTC hour. */
  | 'HOUR'
  /** One point per shift occurrence of the calendar (per UTC day without one). */
  | 'SHIFT';

/** Changes to an allocation; omitted fields stay as they are. The same rules as allocatePerson apply to the result. */
export type UpdateAllocationInput = {
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** New start. */
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** New hours a week, more than 0 and at most 168. */
  hoursPerWeek?: InputMaybe<Scalars['Float']['input']>;
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New role, 1–100 characters. */
  role?: InputMaybe<Scalars['String']['input']>;
  /** New end; an explicit null makes operations work open-ended (refused for a project). */
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** Changes to a milestone; omitted fields stay as they are. */
export type UpdateMilestoneInput = {
  /** New due date. */
  dueDate?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** When this change took effect, for a progress update made late (e.g. "80 % as at 1 March", recorded today). Reports at a status date on or after it see the change; reports at an earlier status date do not, and reports with an `asOf` before now do not know of it. Not after now, not before the project start, not before the milestone's previous change took effect (BAD_USER_INPUT). A change to DONE is completed at this date. Default: now. */
  effectiveAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New name, 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New owner; an explicit null removes the owner. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** New progress, 0–100. Must be 100 when the milestone is (or becomes) DONE; 100 alone does not mark it DONE. */
  percentComplete?: InputMaybe<Scalars['Float']['input']>;
  /** New status. DONE sets percentComplete to 100 and completedAt to now; leaving DONE clears completedAt. A CANCELLED milestone cannot become DONE directly (InvalidStateTransition): reopen it first. */
  status?: InputMaybe<MilestoneStatus>;
  /** New weight, > 0 and ≤ 1000. */
  weight?: InputMaybe<Scalars['Float']['input']>;
};

/** Changes to an operation; omitted fields stay as they are. */
export type UpdateOperationInput = {
  /** New description, up to 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New name, 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New status. */
  status?: InputMaybe<OperationStatus>;
  /** New permanent team. */
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** A person's capacity; omitted fields stay as they are. */
export type UpdatePersonInput = {
  /** Hours a week the person can work, 0–168. */
  capacityHoursPerWeek?: InputMaybe<Scalars['Float']['input']>;
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New full name, 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a process; omitted fields stay as they are. */
export type UpdateProcessInput = {
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New position in the workflow (unique in the operation). */
  sequence?: InputMaybe<Scalars['Int']['input']>;
  /** New status. */
  status?: InputMaybe<ProcessStatus>;
  /** New target rate per hour. */
  targetRatePerHour?: InputMaybe<Scalars['Float']['input']>;
  /** New target yield 0–1. */
  targetYield?: InputMaybe<Scalars['Float']['input']>;
  /** New unit. */
  unit?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a production order that is not COMPLETED or CANCELLED; omitted fields stay as they are. */
export type UpdateProductionOrderInput = {
  /** New due date (must stay after the planned start). */
  dueDate?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New planned start (must stay before the due date). */
  plannedStart?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** New quantity, 1–100,000,000. */
  quantity?: InputMaybe<Scalars['Int']['input']>;
};

/** Changes to a project; omitted fields stay as they are. */
export type UpdateProjectInput = {
  /** New budget in currency units, 0 – 1,000,000,000,000, at most 2 decimals. */
  budget?: InputMaybe<Scalars['Float']['input']>;
  /** New due date; must stay after the (new or current) start. */
  dueDate?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** New goal, up to 2000 characters. */
  goal?: InputMaybe<Scalars['String']['input']>;
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New name, 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New start; the (new or current) due date must stay after it. */
  startDate?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** New status. PLANNED → ACTIVE/ON_HOLD/CANCELLED; ACTIVE ↔ ON_HOLD; ACTIVE/ON_HOLD → CANCELLED, or → COMPLETED only for a project that improves an existing operation (it delivers no new one; every other project is completed by handOverProject). COMPLETED and CANCELLED are final. A refused change returns InvalidStateTransition. CANCELLED and COMPLETED disband the project's temporary team. */
  status?: InputMaybe<ProjectStatus>;
};

/** Changes to a risk; omitted fields stay as they are. */
export type UpdateRiskInput = {
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New consequence, 1–5. */
  impact?: InputMaybe<Scalars['Int']['input']>;
  /** New linked milestone of the same project; an explicit null unlinks it. */
  milestoneId?: InputMaybe<Scalars['ID']['input']>;
  /** New mitigation, up to 2000 characters. */
  mitigation?: InputMaybe<Scalars['String']['input']>;
  /** New owner; an explicit null removes the owner. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** New likelihood, 1–5. */
  probability?: InputMaybe<Scalars['Int']['input']>;
  /** New status (any status may follow any other). */
  status?: InputMaybe<RiskStatus>;
  /** New title, 1–200 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a supplier; omitted fields stay as they are. */
export type UpdateSupplierInput = {
  /** New contact, up to 500 characters. */
  contact?: InputMaybe<Scalars['String']['input']>;
  /** The version the client last read; a stale one returns VersionConflict. */
  expectedVersion: Scalars['Int']['input'];
  /** The object to change. */
  id: Scalars['ID']['input'];
  /** New name, 1–200 characters, unique (case-insensitive). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New quoted lead time in days (0–730). */
  quotedLeadTimeDays?: InputMaybe<Scalars['Int']['input']>;
};

export type TypedProcessQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TypedProcessQuery = { __typename?: 'Query', node?:
    | { __typename: 'AcceptanceCriterion', id: string }
    | { __typename: 'Alert', id: string }
    | { __typename: 'Allocation', id: string }
    | { __typename: 'CostEntry', id: string }
    | { __typename: 'Handover', id: string }
    | { __typename: 'InventoryItem', id: string }
    | { __typename: 'Milestone', id: string }
    | { __typename: 'Operation', id: string }
    | { __typename: 'Person', id: string }
    | { __typename: 'Process', id: string, name: string, status: ProcessStatus, samples: { __typename?: 'ThroughputSampleConnection', edges: Array<{ __typename?: 'ThroughputSampleEdge', node: { __typename?: 'ThroughputSample', id: string, periodEnd: string } }> } }
    | { __typename: 'ProductionOrder', id: string }
    | { __typename: 'Project', id: string }
    | { __typename: 'PurchaseOrder', id: string }
    | { __typename: 'PurchaseOrderLine', id: string }
    | { __typename: 'PurchaseReceipt', id: string }
    | { __typename: 'PurchaseReceiptLine', id: string }
    | { __typename: 'Risk', id: string }
    | { __typename: 'Shipment', id: string }
    | { __typename: 'ShipmentLine', id: string }
    | { __typename: 'StockMovement', id: string }
    | { __typename: 'Supplier', id: string }
    | { __typename: 'Team', id: string }
    | { __typename: 'ThroughputSample', id: string }
   | null };

export type TypedRecordSampleMutationVariables = Exact<{
  input: RecordThroughputInput;
}>;


export type TypedRecordSampleMutation = { __typename?: 'Mutation', recordThroughput:
    | { __typename: 'IdempotencyKeyReused', code: string, message: string }
    | { __typename: 'InvalidStateTransition', code: string, message: string }
    | { __typename: 'ProductionOrderMismatch', code: string, message: string }
    | { __typename: 'SampleOverlap', code: string, message: string }
    | { __typename: 'ThroughputSample', id: string, goodUnits: number, periodEnd: string }
   };


export const TypedProcessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TypedProcess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Node"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Process"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"samples"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TypedProcessQuery, TypedProcessQueryVariables>;
export const TypedRecordSampleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TypedRecordSample"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordThroughputInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordThroughput"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ThroughputSample"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"goodUnits"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ErrorResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<TypedRecordSampleMutation, TypedRecordSampleMutationVariables>;