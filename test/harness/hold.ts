import { armFaultPoint } from '../../src/db/fault-points';
import type { Leftovers } from './suite';

/**
 * Holds the next write to an operation's event stream right after its event row is inserted (the
 * test-only fault point `events-appended`), inside its transaction, until `release()`. The write then
 * commits, or with `then: 'fail'` throws and rolls back. Released and disarmed after the test.
 */
export function holdNextWrite(leftovers: Leftovers, options: { then?: 'commit' | 'fail' } = {}) {
  let reached!: () => void;
  const atPoint = new Promise<void>((resolve) => (reached = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let streamKey = '';
  const disarm = armFaultPoint('events-appended', async (detail) => {
    if (!detail.streamKey.startsWith('operation:')) return false;
    streamKey = detail.streamKey;
    reached();
    await released;
    if (options.then === 'fail') throw new Error('injected failure after the event row: the transaction rolls back');
    return true;
  });
  leftovers.push(disarm, release);
  return {
    /** Resolves once the write is held. */
    reached: atPoint,
    release,
    /** The held write's stream (known once `reached`). */
    get streamKey() {
      return streamKey;
    },
  };
}
