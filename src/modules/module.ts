import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import type { TransactionRunner } from '../db/transaction';
import type { DataSource } from 'typeorm';
import type { EventBus } from '../realtime/event-bus';
import type { StreamWriter } from '../realtime/streams';

/** What every service is built from. Services own their SQL; nothing above them sees `dataSource`. */
export interface ServiceDeps {
  config: Config;
  dataSource: DataSource;
  transaction: TransactionRunner;
  clock: Clock;
  events: EventBus;
  /** Appends events inside a transaction and notifies subscribers after commit. */
  streams: StreamWriter;
  logger: Logger;
}

/** An entity that `node(id:)` can load: its global-ID type name maps to it. */
export type NodeTarget = EntityTarget<ObjectLiteral & { rowId: number }>;

/**
 * One feature, one folder: everything of a feature is declared by its `index.ts` as one of these,
 * and `MODULES` (src/modules/index.ts) lists them. The app reads nothing else: entities go to the
 * data source (and migrations), resolvers to the schema, node types to `node(id:)`, services to
 * every request's context.
 */
export interface FeatureModule<Services extends object = object> {
  /** The folder's name, for error messages. */
  name: string;
  /** TypeORM entities this feature persists (each also a GraphQL type, or not). */
  entities?: readonly Function[];
  /** type-graphql resolver classes: its queries, mutations, subscriptions and the fields it adds to other types. */
  resolvers?: readonly Function[];
  /** Global-ID type name → entity, for `node(id:)`. */
  nodeTypes?: Readonly<Record<string, NodeTarget>>;
  /**
   * Builds the feature's services, keyed by the name resolvers reach them under (`ctx.services.<key>`).
   * Modules are built in `MODULES` order; `built` holds the services of the modules listed before
   * this one (a module that needs another's service lists after it).
   */
  createService?: (deps: ServiceDeps, built: Readonly<Record<string, unknown>>) => Services;
}

/** Declares a module, keeping its services' types for `Services`. */
export function defineModule<S extends object>(module: FeatureModule<S>): FeatureModule<S> {
  return module;
}

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

/** The services of a list of modules, by key: `{ operations: OperationService, … }`. */
export type ServicesOf<M extends readonly FeatureModule<object>[]> = UnionToIntersection<
  M[number] extends infer E ? (E extends FeatureModule<infer S> ? S : never) : never
>;

/** Builds every module's services in order; a key defined twice is a start-up error. */
export function buildServices(modules: readonly FeatureModule<object>[], deps: ServiceDeps): Record<string, unknown> {
  const built: Record<string, unknown> = {};
  for (const module of modules) {
    const services = module.createService?.(deps, built) ?? {};
    for (const [key, service] of Object.entries(services)) {
      if (key in built) throw new Error(`Module "${module.name}" defines service "${key}" again`);
      built[key] = service;
    }
  }
  return built;
}
