/**
 * Prints a signed HS256 token for trying the API:
 *
 *   npm run token -- --role ADMIN [--sub alice] [--name "Alice"] [--expires 12h]
 *
 * Signs with JWT_SECRET (or the development secret outside production), with JWT_ISSUER and
 * JWT_AUDIENCE when set, exactly as the server verifies. The token always expires: 12 h unless
 * --expires says otherwise, and never later than TOKEN_MAX_LIFETIME (7 days by default) allows, as
 * the server refuses a longer-lived one. Refuses when JWKS_URL is configured: then tokens come from
 * your identity provider. Exit codes: 0 printed, 2 bad arguments, 1 other failure.
 */
import 'reflect-metadata';
import { parseLifetime, Role, signToken } from '../common/auth';
import { loadConfig } from '../config';
import { cliArguments, runCli } from './run';

const ROLES = Object.values(Role) as string[];
const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--sub <subject>] [--name <display name>] [--expires <12h|30m|7d|seconds, at most TOKEN_MAX_LIFETIME>]`;

async function main(argv: string[]): Promise<number> {
  const args = cliArguments<{ role?: string; sub?: string; name?: string; expires?: string }>(argv, USAGE, {
    role: { type: 'string' },
    sub: { type: 'string' },
    name: { type: 'string' },
    expires: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values } = args;
  const role = values.role?.toUpperCase();
  if (!role || !ROLES.includes(role)) {
    console.error(`${values.role ? `Unknown role "${values.role}"` : 'Missing --role'}. Roles: ${ROLES.join(', ')}\n${USAGE}`);
    return 2;
  }
  if (values.sub !== undefined && values.sub.trim() === '') {
    console.error(`--sub must not be empty: the server refuses a token without a subject\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const maxLifetime = config.auth.maxLifetimeSeconds;
  const lifetime = values.expires === undefined ? Math.min(12 * 3600, maxLifetime) : parseLifetime(values.expires);
  if (lifetime === null || lifetime <= 0) {
    console.error(`Invalid --expires "${values.expires}": use e.g. 30m, 12h, 7d or a number of seconds\n${USAGE}`);
    return 2;
  }
  if (lifetime > maxLifetime) {
    console.error(
      `--expires ${values.expires} is longer than TOKEN_MAX_LIFETIME (${maxLifetime} s): the server would refuse the token.\n${USAGE}`,
    );
    return 2;
  }
  if (config.auth.jwksUrl) {
    console.error('JWKS_URL is configured: the server accepts only tokens from your identity provider, so this tool cannot sign one.');
    return 1;
  }
  if (!config.auth.jwtSecret) {
    console.error('No JWT_SECRET is configured.');
    return 1;
  }
  if (config.auth.usingDevSecret) console.error('Note: signed with the development secret (JWT_SECRET is not set).');
  const token = await signToken(
    config.auth.jwtSecret,
    { sub: values.sub ?? `cli-${role.toLowerCase()}`, roles: [role as Role], name: values.name },
    { expiresIn: `${lifetime}s`, issuer: config.auth.issuer, audience: config.auth.audience },
  );
  console.log(token);
  return 0;
}

runCli(main);
