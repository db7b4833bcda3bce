/**
 * Introspects the running app once and builds the benchmark documents from what the schema has,
 * so scenarios keep working while the graph grows (and say what they had to leave out).
 */
import { getIntrospectionQuery, type IntrospectionQuery, type IntrospectionOutputTypeRef, type IntrospectionField } from 'graphql';
import { dataOf, type AppHandle } from './bench';

export interface SchemaInfo {
  field(type: string, field: string): IntrospectionField | undefined;
  hasField(type: string, field: string): boolean;
  /** A selection of the scalar/enum fields (no required args) of a type, objects one level deeper. */
  leaves(type: string, depth?: number): string;
  namedType(ref: IntrospectionOutputTypeRef): string;
}

export async function introspect(app: AppHandle): Promise<SchemaInfo> {
  const data = dataOf(await app.gql<IntrospectionQuery>(getIntrospectionQuery()), 'introspection');
  const types = new Map(data.__schema.types.map((t) => [t.name, t]));
  const namedType = (ref: IntrospectionOutputTypeRef): string =>
    'ofType' in ref && ref.ofType ? namedType(ref.ofType as IntrospectionOutputTypeRef) : (ref as { name: string }).name;
  const fieldsOf = (type: string) => {
    const t = types.get(type);
    return t && 'fields' in t ? (t.fields as IntrospectionField[]) : [];
  };
  const info: SchemaInfo = {
    namedType,
    field: (type, name) => fieldsOf(type).find((f) => f.name === name),
    hasField: (type, name) => fieldsOf(type).some((f) => f.name === name),
    leaves(type, depth = 1) {
      const parts: string[] = [];
      for (const f of fieldsOf(type)) {
        if (f.args.some((a) => a.type.kind === 'NON_NULL' && a.defaultValue == null)) continue;
        const target = types.get(namedType(f.type));
        if (!target) continue;
        if (target.kind === 'SCALAR' || target.kind === 'ENUM') parts.push(f.name);
        else if (target.kind === 'OBJECT' && depth > 0 && !target.name.endsWith('Connection') && target.name !== 'KpiDefinition') {
          const inner = info.leaves(target.name, depth - 1);
          if (inner) parts.push(`${f.name} { ${inner} }`);
        }
      }
      return parts.join(' ');
    },
  };
  return info;
}

export interface DashboardDocument {
  query: string;
  /** Fields the issue asks for that the schema does not have yet, and what was used instead. */
  omissions: string[];
}

/**
 * The dashboard of scenario 2: `operations` with their processes' last-hour throughput and OEE,
 * the open production orders (as many as operations, due first) with their completion forecasts,
 * and `projects` with progress, health and next milestone (as far as the schema has them).
 * Variables: $operations, $projects (page sizes), $asOf (the seeded "now").
 */
export function dashboardDocument(schema: SchemaInfo): DashboardDocument {
  const omissions: string[] = [];
  const projectParts = ['id', 'name', 'status', 'dueDate'];
  for (const name of ['progress', 'health']) {
    const field = schema.field('Project', name);
    if (!field) {
      omissions.push(`Project.${name} is not in the schema yet: omitted`);
      continue;
    }
    const inner = schema.leaves(schema.namedType(field.type));
    const hasAsOf = field.args.some((a) => a.name === 'asOf');
    projectParts.push(`${name}${hasAsOf ? '(asOf: $asOf)' : ''}${inner ? ` { ${inner} }` : ''}`);
  }
  const next = schema.field('Project', 'nextMilestone');
  if (next) {
    projectParts.push(`nextMilestone { ${schema.leaves(schema.namedType(next.type), 0)} }`);
  } else if (schema.hasField('Project', 'milestones')) {
    omissions.push('Project.nextMilestone is not in the schema yet: used milestones(first: 3) (earliest due first) instead');
    projectParts.push('milestones(first: 3) { edges { node { id name dueDate status percentComplete } } }');
  } else {
    omissions.push('Project.nextMilestone and Project.milestones are not in the schema: omitted');
  }
  const projects = schema.hasField('Query', 'projects')
    ? `projects(first: $projects) { totalCount edges { node { ${projectParts.join(' ')} } } }`
    : (omissions.push('Query.projects is not in the schema yet: projects omitted'), '');
  const throughput = schema.hasField('Process', 'throughput')
    ? 'throughput(asOf: $asOf, lastMinutes: 60) { goodUnits totalUnits sampleCount unitsPerHour { value } attainment { value } oee { availability { value } performance { value } quality { value } oee { value } } }'
    : (omissions.push('Process.throughput is not in the schema yet: omitted'), '');
  const forecast = schema.field('ProductionOrder', 'forecastCompletion');
  const orders = schema.hasField('Query', 'productionOrders')
    ? `productionOrders(first: $operations, filter: { status: [PLANNED, RELEASED, IN_PROGRESS] }, orderBy: DUE_DATE_ASC) { totalCount edges { node { id number sku status quantity producedQuantity percentComplete dueDate operation { id } ${
        forecast
          ? `forecastCompletion${forecast.args.some((a) => a.name === 'asOf') ? '(asOf: $asOf)' : ''} { completion method late }`
          : ''
      } } } }`
    : (omissions.push('Query.productionOrders is not in the schema yet: open orders omitted'), '');
  const variables = [
    '$operations: Int!',
    projects ? '$projects: Int!' : '',
    /\$asOf/.test(throughput + projects + orders) ? '$asOf: DateTimeISO' : '',
  ].filter(Boolean);
  const query = `query Dashboard(${variables.join(', ')}) {
  operations(first: $operations) { totalCount edges { node { id name status processes(first: 20) { edges { node { id name status ${throughput} } } } } } }
  ${orders}
  ${projects}
}`;
  return { query, omissions };
}
