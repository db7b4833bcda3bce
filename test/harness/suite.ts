import { startTestApp, TEST_DATABASES, type StartOptions, type TestApp, type TestDatabase } from './app';

/** What a test started and must stop: undo steps run after each test. */
export interface Leftovers {
  /** Adds undo steps (dispose a client, close a socket, restore a spy). They run after the current test, the last added first. */
  push(...undo: (() => unknown)[]): void;
}

/**
 * A leftovers list drained in `afterEach` of the enclosing block: everything a test starts, it
 * stops, even when an assertion failed first. Every step runs; the first that throws fails the test.
 */
export function useLeftovers(): Leftovers {
  const steps: (() => unknown)[] = [];
  afterEach(async () => {
    let failure: unknown = null;
    while (steps.length) {
      try {
        await steps.pop()!();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
  });
  return { push: (...undo) => void steps.push(...undo) };
}

export interface AppSuite {
  /**
   * The suite's running app: started before the suite's first test (and before its own
   * `beforeAll`), stopped after its last (and after its own `afterAll`). Use it inside tests and hooks.
   */
  t: TestApp;
  /** The database this copy of the suite runs on. */
  db: TestDatabase;
  /** Undo steps drained after each test (see `useLeftovers`). */
  leftovers: Leftovers;
}

export interface SuiteOptions extends Omit<StartOptions, 'db'> {
  /** The databases to run the suite on, one copy each: TEST_DATABASES unless given. */
  databases?: TestDatabase[];
}

/**
 * Describes a suite that runs against one app per database: `%s` in `name` is the database. The
 * app starts once for the suite with `options` (see `startTestApp`); the suite gets it as `t`.
 */
export function describeApp(name: string, fn: (suite: AppSuite) => void): void;
export function describeApp(name: string, options: SuiteOptions, fn: (suite: AppSuite) => void): void;
export function describeApp(name: string, second: SuiteOptions | ((suite: AppSuite) => void), third?: (suite: AppSuite) => void): void {
  const [options, fn] = typeof second === 'function' ? [{} as SuiteOptions, second] : [second, third!];
  const { databases = TEST_DATABASES, ...start } = options;
  describe.each(databases)(name, (db) => {
    let running: TestApp | undefined;
    const t = new Proxy({} as TestApp, {
      get(_target, key) {
        if (key === 'then') return undefined;
        if (!running) throw new Error(`t.${String(key)}: the suite's app starts in beforeAll; use t inside tests and hooks`);
        return Reflect.get(running, key);
      },
    });
    beforeAll(async () => {
      running = await startTestApp({ ...start, db });
    });
    const leftovers = useLeftovers();
    fn({ t, db, leftovers });
    // Registered after the suite's own hooks, so its afterAll still has a running app.
    afterAll(async () => {
      await running?.stop();
      running = undefined;
    });
  });
}
