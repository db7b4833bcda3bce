/**
 * CPU accounting for every process in a measurement: children and the database server are read
 * from /proc/<pid>/stat (user + system ticks), the runner itself from process.cpuUsage().
 * Reported as CPU seconds and as % of one core over the measured wall time.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
} catch {
  // Linux default.
}

/** CPU seconds (user + system) a process has used so far; null if it is gone or /proc is absent. */
export function procCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** Resident set size in bytes from /proc/<pid>/status; null if unavailable. */
export function procRssBytes(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

let databasePid: number | null | undefined;
/** The pid of the local MariaDB/MySQL server (by process name), or null when none runs here. */
export function databaseServerPid(): number | null {
  if (databasePid !== undefined) return databasePid;
  databasePid = null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'mariadbd' || comm === 'mysqld') {
        databasePid = Number(entry);
        break;
      }
    } catch {
      // Raced with an exiting process.
    }
  }
  return databasePid;
}

export interface CpuUse {
  /** CPU seconds used during the measurement. */
  seconds: number;
  /** Average % of one core over the wall time (200 % = both cores of this machine). */
  percent: number;
}

/** Measures CPU of named processes between start() and stop(). `self` is this runner. */
export class CpuMeter {
  private startWall = 0;
  private startValues = new Map<string, number>();
  private selfStart = process.cpuUsage();

  constructor(private readonly pids: Record<string, number | null | undefined>) {}

  start(): this {
    this.startWall = performance.now();
    this.selfStart = process.cpuUsage();
    for (const [name, pid] of Object.entries(this.pids)) {
      const value = pid ? procCpuSeconds(pid) : null;
      if (value !== null) this.startValues.set(name, value);
    }
    return this;
  }

  stop(): Record<string, CpuUse> {
    const wall = (performance.now() - this.startWall) / 1000;
    const out: Record<string, CpuUse> = {};
    const self = process.cpuUsage(this.selfStart);
    const selfSeconds = (self.user + self.system) / 1e6;
    out.runner = { seconds: round(selfSeconds, 2), percent: round((100 * selfSeconds) / wall, 0) };
    for (const [name, pid] of Object.entries(this.pids)) {
      const before = this.startValues.get(name);
      const after = pid ? procCpuSeconds(pid) : null;
      if (before === undefined || after === null) continue;
      const seconds = after - before;
      out[name] = { seconds: round(seconds, 2), percent: round((100 * seconds) / wall, 0) };
    }
    return out;
  }
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
