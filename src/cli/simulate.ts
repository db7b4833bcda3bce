/**
 * Drives any opsgraph server through its public API with realistic throughput and milestone moves.
 *
 *   npm run simulate -- --url http://localhost:4000/graphql --token <OPERATOR or ADMIN token> [--interval 5000]
 */
import { startSimulator } from '../demo/simulator';
import { httpTarget } from '../demo/simulator-targets';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const url = flag('url') ?? 'http://127.0.0.1:4000/graphql';
const token = flag('token') ?? process.env.OPSGRAPH_TOKEN;
const intervalMs = Number(flag('interval') ?? 5000);
if (!token) {
  console.error('usage: npm run simulate -- --url <graphql url> --token <token>  (or OPSGRAPH_TOKEN)');
  process.exit(2);
}
if (!Number.isFinite(intervalMs) || intervalMs < 200) {
  console.error('--interval must be at least 200 ms');
  process.exit(2);
}
const simulator = startSimulator(httpTarget(url, token), {
  intervalMs,
  logger: { warn: (obj: unknown, msg: string) => console.error(msg, obj) } as never,
});
console.log(`simulating against ${url} every ${intervalMs} ms; Ctrl-C to stop`);
const keepAlive = setInterval(() => undefined, 1 << 30);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(keepAlive);
    void simulator.stop().then(() => process.exit(0));
  });
}
