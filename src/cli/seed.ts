/**
 * Seeds the demo data set into the configured database (DATABASE_URL):
 *
 *   npm run seed                        seed when the database has no operations
 *   npm run seed -- --reset [--scale N] delete every row of every table, then seed N garment plants
 *
 * Runs the migrations first (via createApp) and never listens. Shows a progress bar on a terminal
 * or when --scale is above 1, then prints the rows per table. Exit codes: 0 seeded, 1 failure or
 * the database already holds data (without --reset), 2 bad arguments.
 */
import 'reflect-metadata';
import cliProgress from 'cli-progress';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { Operation } from '../modules/operation/operation.entity';
import { seedDemo } from '../demo/seed';
import { cliArguments, runCli } from './run';

const USAGE = 'usage: npm run seed -- [--reset] [--scale N]   (N: 1–1000, default 1)';

async function main(argv: string[]): Promise<number> {
  const args = cliArguments<{ reset?: boolean; scale?: string }>(argv, USAGE, { reset: { type: 'boolean' }, scale: { type: 'string' } });
  if (typeof args === 'number') return args;
  const { values } = args;
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) {
    console.error(`--scale must be an integer 1–1000, got "${values.scale}"\n${USAGE}`);
    return 2;
  }

  const config = loadConfig();
  const app = await createApp(config, {});
  try {
    if (!values.reset && (await app.dataSource.getRepository(Operation).count()) > 0) {
      console.error('The database already holds data; pass --reset to delete it and seed again.');
      return 1;
    }
    // The bar draws on stderr; off a terminal it prints a line every second instead of redrawing.
    const tty = Boolean(process.stderr.isTTY);
    const bar =
      scale > 1 || tty
        ? new cliProgress.SingleBar(
            {
              format: 'seeding [{bar}] {percentage}% | {value}/{total} rows | {label}',
              hideCursor: tty,
              noTTYOutput: !tty,
              notTTYSchedule: 1000,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
    let started = false;
    const summary = await seedDemo(app, {
      scale,
      reset: values.reset,
      onProgress: (done, total, label) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, 0, { label });
          started = true;
        }
        bar.update(done, { label });
      },
    });
    bar?.stop();
    const width = Math.max(...Object.keys(summary.counts).map((t) => t.length));
    console.log(`Seeded the demo (scale ${scale}) into ${config.database.kind} in ${(summary.ms / 1000).toFixed(1)} s:`);
    for (const [table, count] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(width)}  ${count.toLocaleString('en')}`);
    return 0;
  } finally {
    await app.stop();
  }
}

runCli(main);
