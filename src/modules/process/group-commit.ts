/** What became of one job in the run of its group. */
export type JobFate<R> =
  /** Resolve the job's promise with this. */
  | { kind: 'done'; result: R }
  /** Reject the job's promise with this. */
  | { kind: 'failed'; error: unknown }
  /** Run it again, first in line, in the next group. */
  | { kind: 'later' };

/** How a GroupCommitQueue groups its jobs and runs a group. */
export interface GroupCommitOptions<J, R> {
  /** Groups running at once (1 on SQLite, which has one connection). */
  maxRunning: number;
  /** Most jobs in one group. */
  maxJobs: number;
  /** Most total `size` in one group; the first job of a group is taken whatever its size. */
  maxSize: number;
  /** A job's size (e.g. its number of samples). */
  size(job: J): number;
  /**
   * Runs one group (one transaction) and returns each job's fate, in the group's order. A throw
   * rejects every job of the group with it. For progress, the first job of a group must not be
   * `later`: a job may only wait for one ahead of it in the same group.
   */
  run(jobs: J[]): Promise<JobFate<R>[]>;
}

interface Queued<J, R> {
  job: J;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: jobs that arrive while `maxRunning` groups are running wait, and the next group
 * takes all of them together, in arrival order, up to `maxJobs` and `maxSize`. A group starts on
 * the event loop's next turn (`setImmediate`), so jobs whose requests were read in the same turn
 * share it: on SQLite a whole transaction runs without yielding to the event loop (better-sqlite3
 * is synchronous), so without that turn no other request would ever be read while one runs, and
 * every group would hold one job. An idle queue adds one turn of latency, no timer. Jobs sent
 * `later` go back to the front of the queue, ahead of anything that arrived meanwhile.
 */
export class GroupCommitQueue<J, R> {
  private readonly queue: Queued<J, R>[] = [];
  private running = 0;
  /** A group's start is scheduled for the next turn. */
  private starting = false;

  constructor(private readonly options: GroupCommitOptions<J, R>) {}

  /** Queues the job; settles with its fate once the group it ran in has finished. */
  push(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Schedules the next group's start, when there is room and something to run. */
  private pump(): void {
    if (this.starting || this.running >= this.options.maxRunning || this.queue.length === 0) return;
    this.starting = true;
    setImmediate(() => {
      this.starting = false;
      if (this.running >= this.options.maxRunning || this.queue.length === 0) return;
      this.running++;
      const group = this.take();
      this.runGroup(group)
        .catch((error) => group.forEach((queued) => queued.reject(error)))
        .finally(() => {
          this.running--;
          this.pump();
        });
      // Room for another group (MySQL/MariaDB): it takes what arrives from now on.
      this.pump();
    });
  }

  /** The next group: the first job, then more in order while they fit. */
  private take(): Queued<J, R>[] {
    const { maxJobs, maxSize, size } = this.options;
    let total = size(this.queue[0].job);
    let count = 1;
    while (count < this.queue.length && count < maxJobs && total + size(this.queue[count].job) <= maxSize) {
      total += size(this.queue[count].job);
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async runGroup(group: Queued<J, R>[]): Promise<void> {
    const fates = await this.options.run(group.map((queued) => queued.job));
    const later: Queued<J, R>[] = [];
    group.forEach((queued, i) => {
      const fate = fates[i];
      if (fate.kind === 'done') queued.resolve(fate.result);
      else if (fate.kind === 'failed') queued.reject(fate.error);
      else later.push(queued);
    });
    // First in line next time: nothing ahead of them can make them wait again.
    this.queue.unshift(...later);
  }
}
