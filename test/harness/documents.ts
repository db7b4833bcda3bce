/**
 * The operation documents many test files send, written once. Each mutation selects every member
 * of its result union a test looks at (so a test branches on `__typename` and reads what it needs);
 * a document only one file uses stays at the bottom of that file, as in Vendure.
 */

/** What every expected failure carries (members of a `<Mutation>Result` union implement ErrorResult). */
const ERROR_RESULT_FIELDS = /* GraphQL */ `
  fragment ErrorResultFields on ErrorResult {
    code
    message
  }
`;

// ---- Operations and processes ----------------------------------------------------------------

export const CREATE_OPERATION = /* GraphQL */ `
  mutation CreateOperation($input: CreateOperationInput!) {
    createOperation(input: $input) {
      __typename
      ... on Operation {
        id
        name
        status
        version
      }
    }
  }
`;

export const UPDATE_OPERATION = /* GraphQL */ `
  mutation UpdateOperation($input: UpdateOperationInput!) {
    updateOperation(input: $input) {
      __typename
      ... on Operation {
        id
        name
        status
        version
      }
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

export const CREATE_PROCESS = /* GraphQL */ `
  mutation CreateProcess($input: CreateProcessInput!) {
    createProcess(input: $input) {
      __typename
      ... on Process {
        id
        name
        sequence
        status
        version
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

// ---- Throughput ------------------------------------------------------------------------------

export const RECORD_THROUGHPUT = /* GraphQL */ `
  mutation RecordThroughput($input: RecordThroughputInput!) {
    recordThroughput(input: $input) {
      __typename
      ... on ThroughputSample {
        id
        periodStart
        goodUnits
        process {
          id
        }
      }
      ... on SampleOverlap {
        existingSampleId
      }
      ... on InvalidStateTransition {
        from
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

export const RECORD_THROUGHPUT_BATCH = /* GraphQL */ `
  mutation RecordThroughputBatch($input: RecordThroughputBatchInput!) {
    recordThroughputBatch(input: $input) {
      __typename
      ... on ThroughputBatch {
        count
        samples {
          id
          periodStart
          goodUnits
          process {
            id
          }
        }
      }
      ... on SampleOverlap {
        index
        existingSampleId
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

const THROUGHPUT_UPDATE_FIELDS = /* GraphQL */ `
  fragment ThroughputUpdateFields on ThroughputUpdate {
    cursor
    replayed
    sample {
      id
      goodUnits
      recordedAt
    }
    process {
      id
    }
  }
`;

/** Live samples of a process or an operation, resumable `after` a cursor. */
export const THROUGHPUT_UPDATED = /* GraphQL */ `
  subscription ThroughputUpdated($processId: ID, $operationId: ID, $after: String) {
    throughputUpdated(processId: $processId, operationId: $operationId, after: $after) {
      ...ThroughputUpdateFields
    }
  }
  ${THROUGHPUT_UPDATE_FIELDS}
`;

/** THROUGHPUT_UPDATED with the rolling stats each event carries (computed per event: heavier). */
export const THROUGHPUT_UPDATED_WITH_STATS = /* GraphQL */ `
  subscription ThroughputUpdatedWithStats($processId: ID, $operationId: ID, $after: String) {
    throughputUpdated(processId: $processId, operationId: $operationId, after: $after) {
      ...ThroughputUpdateFields
      stats {
        goodUnits
        sampleCount
        oee {
          oee {
            value
          }
        }
      }
    }
  }
  ${THROUGHPUT_UPDATE_FIELDS}
`;

// ---- Teams and people ------------------------------------------------------------------------

export const CREATE_PERSON = /* GraphQL */ `
  mutation CreatePerson($input: CreatePersonInput!) {
    createPerson(input: $input) {
      __typename
      ... on Person {
        id
        name
        email
      }
    }
  }
`;

export const CREATE_TEAM = /* GraphQL */ `
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      __typename
      ... on Team {
        id
        name
        kind
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

export const ADD_TEAM_MEMBER = /* GraphQL */ `
  mutation AddTeamMember($input: AddTeamMemberInput!) {
    addTeamMember(input: $input) {
      __typename
      ... on TeamMember {
        role
        joinedAt
        person {
          id
          name
          email
        }
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

// ---- Projects, milestones, risks and costs ---------------------------------------------------

export const CREATE_PROJECT = /* GraphQL */ `
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      __typename
      ... on Project {
        id
        name
        version
        status
        team {
          id
          kind
          name
        }
      }
    }
  }
`;

export const UPDATE_PROJECT = /* GraphQL */ `
  mutation UpdateProject($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      __typename
      ... on Project {
        id
        status
        version
        completedAt
        deliveredOperation {
          id
        }
        team {
          id
          disbandedAt
        }
      }
      ... on VersionConflict {
        nodeId
        expectedVersion
        actualVersion
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

export const CREATE_MILESTONE = /* GraphQL */ `
  mutation CreateMilestone($input: CreateMilestoneInput!) {
    createMilestone(input: $input) {
      __typename
      ... on Milestone {
        id
        name
        version
        status
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

const MILESTONE_RESULT_FIELDS = /* GraphQL */ `
      __typename
      ... on Milestone {
        id
        status
        percentComplete
        completedAt
        version
      }
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
`;

export const UPDATE_MILESTONE = /* GraphQL */ `
  mutation UpdateMilestone($input: UpdateMilestoneInput!) {
    updateMilestone(input: $input) {
      ${MILESTONE_RESULT_FIELDS}
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

export const COMPLETE_MILESTONE = /* GraphQL */ `
  mutation CompleteMilestone($input: CompleteMilestoneInput!) {
    completeMilestone(input: $input) {
      ${MILESTONE_RESULT_FIELDS}
      ... on MilestoneAlreadyCompleted {
        milestoneId
        completedAt
      }
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

export const CREATE_RISK = /* GraphQL */ `
  mutation CreateRisk($input: CreateRiskInput!) {
    createRisk(input: $input) {
      __typename
      ... on Risk {
        id
        title
        version
        score
        band
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

export const RECORD_COST = /* GraphQL */ `
  mutation RecordCost($input: RecordCostInput!) {
    recordCost(input: $input) {
      __typename
      ... on CostEntry {
        id
        amount {
          cents
        }
        project {
          id
        }
        operation {
          id
        }
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

// ---- Inventory -------------------------------------------------------------------------------

export const CREATE_INVENTORY_ITEM = /* GraphQL */ `
  mutation CreateInventoryItem($input: CreateInventoryItemInput!) {
    createInventoryItem(input: $input) {
      __typename
      ... on InventoryItem {
        id
        sku
        name
        unit
        onHand
        reorderPoint
        version
        belowReorderPoint
        operation {
          id
        }
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;

// ---- Supply and shipments --------------------------------------------------------------------

/** What tests read of a purchase order (its lines cost up to 100 items each: tests read them with a query when needed). */
const PURCHASE_ORDER_FIELDS = /* GraphQL */ `
  fragment PurchaseOrderFields on PurchaseOrder {
    id
    number
    status
    orderedAt
    promisedDate
    receivedAt
    overdue
    version
    supplier {
      id
    }
  }
`;

/** What tests read of a shipment (its lines are read with a query when needed). */
const SHIPMENT_FIELDS = /* GraphQL */ `
  fragment ShipmentFields on Shipment {
    id
    destination
    status
    promisedDate
    shippedAt
    deliveredAt
    onTime
    inFull
    late
    version
    operation {
      id
    }
  }
`;

export const CREATE_SUPPLIER = /* GraphQL */ `
  mutation CreateSupplier($input: CreateSupplierInput!) {
    createSupplier(input: $input) {
      __typename
      ... on Supplier {
        id
        name
        contact
        quotedLeadTimeDays
        version
      }
    }
  }
`;

export const CREATE_PURCHASE_ORDER = /* GraphQL */ `
  mutation CreatePurchaseOrder($input: CreatePurchaseOrderInput!) {
    createPurchaseOrder(input: $input) {
      __typename
      ...PurchaseOrderFields
    }
  }
  ${PURCHASE_ORDER_FIELDS}
`;

export const RECEIVE_PURCHASE_ORDER = /* GraphQL */ `
  mutation ReceivePurchaseOrder($input: ReceivePurchaseOrderInput!) {
    receivePurchaseOrder(input: $input) {
      __typename
      ... on PurchaseReceipt {
        id
        receivedAt
        onTime
        purchaseOrder {
          ...PurchaseOrderFields
        }
      }
      ... on OverReceipt {
        itemId
        ordered
        alreadyReceived
        requested
        maximum
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
      ...ErrorResultFields
    }
  }
  ${PURCHASE_ORDER_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

export const CREATE_SHIPMENT = /* GraphQL */ `
  mutation CreateShipment($input: CreateShipmentInput!) {
    createShipment(input: $input) {
      __typename
      ...ShipmentFields
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
    }
  }
  ${SHIPMENT_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

export const SHIP_SHIPMENT = /* GraphQL */ `
  mutation ShipShipment($input: ShipShipmentInput!) {
    shipShipment(input: $input) {
      __typename
      ...ShipmentFields
      ... on InsufficientStock {
        itemId
        onHand
        requested
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
      ...ErrorResultFields
    }
  }
  ${SHIPMENT_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

export const CONFIRM_DELIVERY = /* GraphQL */ `
  mutation ConfirmDelivery($input: ConfirmDeliveryInput!) {
    confirmDelivery(input: $input) {
      __typename
      ...ShipmentFields
      ... on InvalidStateTransition {
        from
        to
      }
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
      ...ErrorResultFields
    }
  }
  ${SHIPMENT_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

// ---- Production orders -----------------------------------------------------------------------

/** What tests read of a production order. */
const PRODUCTION_ORDER_FIELDS = /* GraphQL */ `
  fragment ProductionOrderFields on ProductionOrder {
    id
    number
    sku
    quantity
    plannedStart
    dueDate
    status
    producedQuantity
    remaining
    percentComplete
    releasedAt
    startedAt
    completedAt
    completedShort
    shortQuantity
    cancelledAt
    version
    operation {
      id
    }
  }
`;

export const CREATE_PRODUCTION_ORDER = /* GraphQL */ `
  mutation CreateProductionOrder($input: CreateProductionOrderInput!) {
    createProductionOrder(input: $input) {
      __typename
      ...ProductionOrderFields
      ... on DuplicateProductionOrderNumber {
        existingOrderId
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
    }
  }
  ${PRODUCTION_ORDER_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

export const RELEASE_PRODUCTION_ORDER = /* GraphQL */ `
  mutation ReleaseProductionOrder($input: ProductionOrderTransitionInput!) {
    releaseProductionOrder(input: $input) {
      __typename
      ...ProductionOrderFields
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
      ... on InvalidStateTransition {
        from
        to
      }
      ...ErrorResultFields
    }
  }
  ${PRODUCTION_ORDER_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

// ---- Allocations -----------------------------------------------------------------------------

const ALLOCATION_FIELDS = /* GraphQL */ `
  fragment AllocationFields on Allocation {
    id
    version
    hoursPerWeek
    percentOfCapacity
    from
    to
    role
    person {
      id
    }
    target {
      __typename
      ... on Project {
        id
      }
      ... on Operation {
        id
      }
    }
  }
`;

const ALLOCATION_OR_REFUSED = /* GraphQL */ `
  __typename
  ... on Allocation {
    ...AllocationFields
  }
  ... on AllocationRefused {
    reason
  }
  ...ErrorResultFields
`;

export const ALLOCATE_PERSON = /* GraphQL */ `
  mutation AllocatePerson($input: AllocatePersonInput!) {
    allocatePerson(input: $input) {
      ${ALLOCATION_OR_REFUSED}
    }
  }
  ${ALLOCATION_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

export const UPDATE_ALLOCATION = /* GraphQL */ `
  mutation UpdateAllocation($input: UpdateAllocationInput!) {
    updateAllocation(input: $input) {
      ${ALLOCATION_OR_REFUSED}
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
    }
  }
  ${ALLOCATION_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

export const END_ALLOCATION = /* GraphQL */ `
  mutation EndAllocation($input: EndAllocationInput!) {
    endAllocation(input: $input) {
      __typename
      ... on Allocation {
        ...AllocationFields
      }
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
      ... on InvalidStateTransition {
        state: from
        requested: to
      }
      ...ErrorResultFields
    }
  }
  ${ALLOCATION_FIELDS}
  ${ERROR_RESULT_FIELDS}
`;

export const UPDATE_PERSON = /* GraphQL */ `
  mutation UpdatePerson($input: UpdatePersonInput!) {
    updatePerson(input: $input) {
      __typename
      ... on Person {
        id
        name
        capacityHoursPerWeek
        version
        updatedAt
      }
      ... on VersionConflict {
        expectedVersion
        actualVersion
      }
      ...ErrorResultFields
    }
  }
  ${ERROR_RESULT_FIELDS}
`;
