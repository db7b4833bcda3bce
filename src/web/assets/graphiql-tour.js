/**
 * GraphiQL's default tabs: a short tour of the graph. Each tab runs as it is against the demo data
 * (the page fills in the first operation's id); the browser tests check every document against the
 * live schema.
 */
export const tourTabs = [
  {
    query: `# The portfolio: every operation and project, one list.
query Portfolio {
  portfolio(first: 20) {
    totalCount
    edges {
      node {
        __typename
        ... on Operation { id name operationStatus: status }
        ... on Project { id name projectStatus: status dueDate }
      }
    }
  }
}
`,
  },
  {
    query: `# An operation, its processes' OEE over the last hour, and its bottleneck.
query OperationOee {
  operations(first: 1) {
    edges {
      node {
        name
        kpis(lastMinutes: 60) {
          bottleneck { name }
          processes {
            process { name targetRatePerHour }
            stats {
              goodUnits
              attainment { value reason }
              oee {
                availability { value }
                performance { value }
                quality { value }
                oee { value reason definition { formula standard } }
              }
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    query: `# A project's progress and health, with the reasons behind it.
query ProjectHealth {
  projects(first: 1) {
    edges {
      node {
        name
        dueDate
        progress { rule value { value } }
        health { status reasons { metric value threshold message } }
        earnedValue { spi { value } cpi { value } }
      }
    }
  }
}
`,
  },
  {
    query: `# Live throughput: one event per recorded sample, with the process's stats over the last hour.
# Record a sample (mutation recordThroughput) in another tab and watch it arrive here.
# Add "after": "<a cursor>" to resume: missed events are replayed first (replayed: true).
subscription Throughput($operationId: ID!) {
  throughputUpdated(operationId: $operationId, windowMinutes: 60) {
    cursor
    replayed
    process { name }
    sample { periodStart periodEnd goodUnits rejectedUnits }
    stats {
      goodUnits
      attainment { value }
      oee { oee { value } }
    }
  }
}
`,
    variables: '{\n  "operationId": "<an operation id from the first tab>"\n}',
  },
  {
    query: `# The production schedule: open orders, due first, with progress and completion forecast
# (at the final process's recent good-unit rate over its shift calendar; late = after the due date).
query OpenOrders {
  productionOrders(first: 10, filter: { status: [PLANNED, RELEASED, IN_PROGRESS] }, orderBy: DUE_DATE_ASC) {
    edges {
      node {
        number
        sku
        status
        quantity
        producedQuantity
        percentComplete
        dueDate
        overdue
        operation { id name }
        forecastCompletion { completion method late reason }
      }
    }
  }
}
`,
  },
  {
    query: `# Live production orders of one operation: one event per change (created, released, started,
# units attributed, completed, cancelled). The variables hold the first operation's id: put in another
# from the previous tab to follow its orders. Add "after": "<a cursor>" to resume.
subscription OrderUpdates($operationId: ID!) {
  productionOrderUpdated(operationId: $operationId) {
    cursor
    replayed
    change
    status
    producedQuantity
    order { number quantity dueDate }
  }
}
`,
    variables: '{\n  "operationId": "<an operation id from the previous tab>"\n}',
  },
  {
    query: `# People's load across operations and projects: who is over capacity, week by week, and where their hours go.
# Weeks are 7 days from "from"; add asOf to see the allocations as they were recorded then.
query PeopleLoad($from: DateTimeISO!, $to: DateTimeISO!) {
  people(first: 5, filter: { overAllocated: true, window: { from: $from, to: $to } }) {
    edges {
      node {
        name
        capacityHoursPerWeek
        teams(first: 5) { edges { node { role team { name kind } } } }
        load(from: $from, to: $to) {
          allocatedHours
          capacityHours
          utilisation { value reason definition { formula } }
          weeks { start allocatedHours capacityHours overCapacity }
          shares {
            hours
            target { __typename ... on Operation { name } ... on Project { name } }
          }
        }
      }
    }
  }
}
`,
    // The four weeks from today (UTC).
    variables: JSON.stringify(
      {
        from: new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString(),
        to: new Date((Math.floor(Date.now() / 86_400_000) + 28) * 86_400_000).toISOString(),
      },
      null,
      2,
    ),
  },
];
