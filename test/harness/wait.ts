export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `predicate()` holds or throws after `timeoutMs`. */
export async function eventually(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Runs `open` (which starts subscriptions) and waits until the app's stream hub holds `count` more
 * live listeners: from then on every recorded event reaches them. A fixed sleep instead lost the
 * first event when a loaded machine took longer than the sleep to open the subscription.
 */
export async function opened<T>(
  t: { app: { services: { live: { hub: { stats(): { listeners: number } } } } } },
  open: () => T,
  count = 1,
): Promise<T> {
  const before = t.app.services.live.hub.stats().listeners;
  const value = open();
  await eventually(() => t.app.services.live.hub.stats().listeners >= before + count, 10_000, `${count} subscription(s) to open`);
  return value;
}
