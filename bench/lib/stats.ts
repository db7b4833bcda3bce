/** Small statistics helpers: medians of rounds and percentiles of merged latency histograms. */

export function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/** A latency histogram with 0.1 ms buckets up to 60 s; mergeable across processes. */
export class Histogram {
  static readonly RESOLUTION_MS = 0.1;
  static readonly MAX_MS = 60_000;
  readonly counts = new Map<number, number>();
  total = 0;

  record(ms: number) {
    const bucket = Math.min(Math.max(0, Math.round(ms / Histogram.RESOLUTION_MS)), Histogram.MAX_MS / Histogram.RESOLUTION_MS);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total++;
  }

  /** Compact [bucket, count] pairs for IPC. */
  toJSON(): [number, number][] {
    return [...this.counts.entries()];
  }

  merge(pairs: [number, number][]) {
    for (const [bucket, count] of pairs) {
      this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + count);
      this.total += count;
    }
    return this;
  }

  /** The q-quantile (0–1) in ms; NaN when empty. */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (seen >= rank) return bucket * Histogram.RESOLUTION_MS;
    }
    return Histogram.MAX_MS;
  }
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (Math.abs(bytes) >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (Math.abs(bytes) >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${Math.round(bytes)} B`;
}
