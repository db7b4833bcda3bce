import { GroupCommitQueue, type GroupCommitOptions, type JobFate } from './group-commit';

/** A job: its name and size; `later` once makes the first run send it to the next group. */
interface TestJob {
  name: string;
  size?: number;
  later?: boolean;
  fail?: boolean;
}

/**
 * Lets the event loop turn until a group scheduled by what came before has started: the queue
 * starts groups on the next turn (its first setImmediate may be queued after this one's).
 */
const turn = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/** A queue whose runs the test finishes by hand, recording every group it was given. */
function harness(options: Partial<GroupCommitOptions<TestJob, string>> = {}) {
  const groups: string[][] = [];
  const running: { names: string[]; finish(): void; crash(error: Error): void }[] = [];
  const queue = new GroupCommitQueue<TestJob, string>({
    maxRunning: 1,
    maxJobs: 64,
    maxSize: 100,
    size: (job) => job.size ?? 1,
    run: (jobs) => {
      const names = jobs.map((j) => j.name);
      groups.push(names);
      return new Promise<JobFate<string>[]>((resolve, reject) => {
        running.push({
          names,
          finish: () =>
            resolve(
              jobs.map((j): JobFate<string> => {
                if (j.later) {
                  j.later = false;
                  return { kind: 'later' };
                }
                return j.fail ? { kind: 'failed', error: new Error(`${j.name} failed`) } : { kind: 'done', result: `${j.name} done` };
              }),
            ),
          crash: reject,
        });
      });
    },
    ...options,
  });
  /** Finishes the oldest running group and lets the queue start the next. */
  async function finishNext() {
    running.shift()!.finish();
    await turn();
  }
  return { queue, groups, running, finishNext };
}

describe('GroupCommitQueue', () => {
  it('starts a group on the next turn, with every job that arrived before it', async () => {
    const { queue, groups, finishNext } = harness();
    const results = [queue.push({ name: 'a' }), queue.push({ name: 'b' })];
    expect(groups).toEqual([]);
    await turn();
    expect(groups).toEqual([['a', 'b']]);
    await finishNext();
    await expect(Promise.all(results)).resolves.toEqual(['a done', 'b done']);
  });

  it('groups the jobs that arrive while a group runs into the next one, in arrival order', async () => {
    const { queue, groups, finishNext } = harness();
    const results = [queue.push({ name: 'a' })];
    await turn();
    results.push(...['b', 'c', 'd'].map((name) => queue.push({ name })));
    await turn();
    expect(groups).toEqual([['a']]);
    await finishNext();
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
    await finishNext();
    await expect(Promise.all(results)).resolves.toEqual(['a done', 'b done', 'c done', 'd done']);
  });

  it('runs up to maxRunning groups at once, each taking what arrived before it started', async () => {
    const { queue, groups, running, finishNext } = harness({ maxRunning: 4 });
    const results: Promise<string>[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      results.push(queue.push({ name }));
      await turn();
    }
    results.push(queue.push({ name: 'f' }));
    await turn();
    expect(groups).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(running).toHaveLength(4);
    await finishNext();
    expect(groups.at(-1)).toEqual(['e', 'f']);
    while (running.length) await finishNext();
    await expect(Promise.all(results)).resolves.toHaveLength(6);
  });

  it('caps a group at maxJobs jobs and maxSize in total, and takes an oversized first job alone', async () => {
    const { queue, groups, running, finishNext } = harness({ maxJobs: 2, maxSize: 10 });
    const jobs: TestJob[] = [
      { name: 'first' },
      { name: 'a' },
      { name: 'b' },
      { name: 'c', size: 6 },
      { name: 'd', size: 5 },
      { name: 'huge', size: 50 },
    ];
    const results = [queue.push(jobs[0])];
    await turn();
    results.push(...jobs.slice(1).map((job) => queue.push(job)));
    while (running.length) await finishNext();
    expect(groups).toEqual([['first'], ['a', 'b'], ['c'], ['d'], ['huge']]);
    await expect(Promise.all(results)).resolves.toHaveLength(jobs.length);
  });

  it('puts a job sent later first in line, ahead of jobs that arrived meanwhile', async () => {
    const { queue, groups, finishNext } = harness({ maxJobs: 2 });
    const first = queue.push({ name: 'a' });
    await turn();
    const waiting = [queue.push({ name: 'b' }), queue.push({ name: 'c', later: true })];
    await finishNext(); // a
    const meanwhile = queue.push({ name: 'd' });
    await finishNext(); // b, c → c later
    expect(groups).toEqual([['a'], ['b', 'c'], ['c', 'd']]);
    await finishNext();
    await expect(Promise.all([first, ...waiting, meanwhile])).resolves.toEqual(['a done', 'b done', 'c done', 'd done']);
  });

  it('rejects only the job whose fate is failed', async () => {
    const { queue, finishNext } = harness();
    queue.push({ name: 'a' });
    await turn();
    const good = queue.push({ name: 'b' });
    const bad = expect(queue.push({ name: 'c', fail: true })).rejects.toThrow('c failed');
    await finishNext();
    await finishNext();
    await expect(good).resolves.toBe('b done');
    await bad;
  });

  it('rejects every job of a group whose run throws, and goes on with the next group', async () => {
    const { queue, groups, running, finishNext } = harness();
    const first = queue.push({ name: 'a' });
    await turn();
    const crashed = [queue.push({ name: 'b' }), queue.push({ name: 'c' })].map((p) => expect(p).rejects.toThrow('deadlock after retries'));
    await finishNext();
    running.shift()!.crash(new Error('deadlock after retries'));
    await Promise.all(crashed);
    await expect(first).resolves.toBe('a done');
    const next = queue.push({ name: 'd' });
    await turn();
    expect(groups.at(-1)).toEqual(['d']);
    await finishNext();
    await expect(next).resolves.toBe('d done');
  });
});
