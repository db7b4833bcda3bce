import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Runs a command-line tool's `main` with the process's arguments and exits with the code it
 * returns; an error it throws is printed (message only, no stack) and exits 1.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/**
 * A command's arguments (strict: an unknown option is refused), or the exit code when they end the
 * command: 2 for arguments it refuses (the reason and `usage` on stderr), 0 for `-h`/`--help`
 * (`usage` on stdout). `V` is the shape of `options`' values.
 */
export function cliArguments<V extends object>(
  argv: string[],
  usage: string,
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals = false,
): { values: V; positionals: string[] } | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    return 0;
  }
  return { values: parsed.values as V, positionals: parsed.positionals };
}
