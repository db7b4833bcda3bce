import alert from './alert';
import allocation from './allocation';
import calendar from './calendar';
import cost from './cost';
import handover from './handover';
import inventory from './inventory';
import live from './live';
import milestone from './milestone';
import node from './node';
import operation from './operation';
import portfolio from './portfolio';
import process from './process';
import productionOrder from './production-order';
import project from './project';
import risk from './risk';
import shipment from './shipment';
import supply from './supply';
import team from './team';
import throughput from './throughput';
import { buildServices, type NodeTarget, type ServiceDeps, type ServicesOf } from './module';

/**
 * Every feature of the graph, one line each. Adding a feature is its folder plus one line here;
 * the order is the order services are built in (a module that uses another's service comes after it).
 */
export const MODULES = [
  node,
  team,
  operation,
  process,
  calendar,
  throughput,
  inventory,
  productionOrder,
  supply,
  shipment,
  project,
  milestone,
  risk,
  cost,
  portfolio,
  handover,
  allocation,
  alert,
  live,
] as const;

/** Every service, by the key resolvers reach it under: `ctx.services.operations`, … */
export type Services = ServicesOf<typeof MODULES>;

/** Builds every module's services (one plain object, shared by HTTP and WebSocket contexts). */
export function createServices(deps: ServiceDeps): Services {
  return buildServices(MODULES, deps) as Services;
}

/** The entities of every module (the data source adds the infrastructure's own). */
export const MODULE_ENTITIES: Function[] = MODULES.flatMap((m) => [...(m.entities ?? [])]);

/** Every resolver class of the graph. */
export const RESOLVERS = MODULES.flatMap((m) => [...(m.resolvers ?? [])]) as [Function, ...Function[]];

/** Global-ID type name → entity, for `node(id:)`. */
export const NODE_TYPES: Record<string, NodeTarget> = Object.assign({}, ...MODULES.map((m) => m.nodeTypes ?? {}));
