/**
 * Test-only pause points inside write transactions. A write path calls `faultPoint(name, detail)`
 * at a moment worth probing (an event row inserted, not yet committed); a test arms the point to
 * hold the transaction there, look at the database from outside, then let it go on or fail (which
 * rolls it back). Nothing arms a point outside tests: an unarmed point is one Map lookup.
 */
export type FaultPointName =
  /** `appendEvents` has inserted a stream's event rows inside the caller's transaction. */
  'events-appended';

export interface FaultPointDetail {
  streamKey: string;
}

type Hook = (detail: FaultPointDetail) => boolean | Promise<boolean>;

const armed = new Map<FaultPointName, Hook>();

/**
 * Arms `name`: `hook` runs at the point, in the write's transaction, until it returns true once
 * (it handled this pass; a throw counts too and fails the write). Returns a function that disarms it.
 */
export function armFaultPoint(name: FaultPointName, hook: Hook): () => void {
  armed.set(name, hook);
  return () => {
    if (armed.get(name) === hook) armed.delete(name);
  };
}

/** Runs the armed hook of `name`, if any. */
export async function faultPoint(name: FaultPointName, detail: FaultPointDetail): Promise<void> {
  const hook = armed.get(name);
  if (!hook) return;
  let handled = true;
  try {
    handled = await hook(detail);
  } finally {
    if (handled && armed.get(name) === hook) armed.delete(name);
  }
}

/** True while `name` is armed (a write that sends its statements in batches then stops at the point). */
export function isFaultPointArmed(name: FaultPointName): boolean {
  return armed.has(name);
}
