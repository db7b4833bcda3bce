/** Pure KPI formulas: no I/O, no clock; every time is passed in. */
export * from './metric';
export * from './calendar';
export * from './oee';
export * from './operation';
export * from './inventory';
export * from './progress';
export * from './evm';
export * from './health';
export * from './risk';
export * from './definitions';
export * from './handover';
export * from './delivery';
export * from './supply';
export * from './production';
export * from './load';
