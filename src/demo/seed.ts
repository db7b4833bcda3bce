import type { App } from '../app';

/** Seeds the demo data set when the database has no operations. */
export async function seedDemoIfEmpty(_app: App): Promise<void> {
  // Filled in by the demo data work.
}
