import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `src/main.ts` (what `npm start` runs) with `env` on top of a clean environment; resolves when it exits or prints a token. */
function startMain(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; exited: boolean }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    const finish = (code: number | null, exited: boolean) => {
      clearTimeout(timer);
      if (!exited) child.kill('SIGKILL');
      resolve({ code, stdout, stderr, exited });
    };
    // A server that started (and printed its demo tokens) never exits by itself: stop looking then.
    const timer = setTimeout(() => finish(null, false), 25_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (/eyJ/.test(stdout)) finish(null, false);
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => finish(code, true));
  });
}

describe('NODE_ENV fails closed (issue 13, finding 6)', () => {
  const base = { JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters!' };

  it.each(['Production', 'PRODUCTION', 'prod', 'staging', 'production ', 'dev'])(
    'refuses NODE_ENV=%j with a ConfigError naming the allowed values',
    (value) => {
      expect(() => loadConfig({ ...base, NODE_ENV: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, NODE_ENV: value })).toThrow(/NODE_ENV must be unset or one of production, development, test/);
    },
  );

  it('runs as development when NODE_ENV is unset or empty, and accepts the three names exactly', () => {
    expect(loadConfig({}).env).toBe('development');
    expect(loadConfig({ NODE_ENV: '' }).env).toBe('development');
    expect(loadConfig({ NODE_ENV: 'development' }).env).toBe('development');
    expect(loadConfig({ NODE_ENV: 'test' }).env).toBe('test');
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).env).toBe('production');
  });

  it('does not start the server with NODE_ENV=Production: exit 1, the reason on stderr, no demo token printed', async () => {
    const file = path.join(os.tmpdir(), `opsgraph-failclosed-${process.pid}-${Date.now()}.sqlite`);
    try {
      const run = await startMain({ NODE_ENV: 'Production', DATABASE_URL: `sqlite:${file}`, PORT: '0', SIMULATOR: 'off' });
      expect(run.stdout).not.toMatch(/eyJ|Demo tokens/);
      expect({ exited: run.exited, code: run.code }).toEqual({ exited: true, code: 1 });
      expect(run.stderr).toMatch(/NODE_ENV must be unset or one of production, development, test .*got "Production"/);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  }, 30_000);
});

describe('settings of the fail-closed hardening', () => {
  it('ships the documented defaults', () => {
    const config = loadConfig({});
    expect(config.auth.maxLifetimeSeconds).toBe(7 * 24 * 3600);
    expect(config.hardening.trustProxy).toEqual({ kind: 'none' });
    expect(config.hardening.metricsToken).toBeNull();
    expect(config.hardening.http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnectionsPerIp: 64,
    });
  });

  it('reads TRUST_PROXY as hops or as a list of IPs and CIDRs, and refuses anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '0' }).hardening.trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).hardening.trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,::1, fd00::/8' }).hardening.trustProxy).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.0/8', '192.168.1.7', '::1', 'fd00::/8'],
    });
    for (const bad of ['true', 'loopback', '10.0.0.0/33', '10.0.0/8', '1.2.3.4/8/9', '-1'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be a number of proxy hops or a comma list/);
  });

  it('refuses a headers timeout longer than the request timeout, and a token lifetime under a minute', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      /must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ TOKEN_MAX_LIFETIME: '5' })).toThrow(/TOKEN_MAX_LIFETIME must be an integer/);
  });
});
