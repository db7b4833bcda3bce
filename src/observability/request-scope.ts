import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and masked error of one HTTP request can refer to. */
export interface RequestScope {
  requestId: string;
  clientIp: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with `scope` as the current request (Apollo's formatError has no context argument). */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current HTTP request, or undefined outside one. */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}
