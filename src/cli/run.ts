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
