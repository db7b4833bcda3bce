import { Role, signToken } from '../common/auth';

/** Where a running instance answers: the API always; GraphiQL when it is served (null otherwise); the dashboard always. */
export interface PageUrls {
  api: string;
  graphiql: string | null;
  dashboard: string;
}

/** The page URLs of an instance listening at `baseUrl` (e.g. http://127.0.0.1:4000). */
export function pageUrls(baseUrl: string, options: { graphiql: boolean }): PageUrls {
  return { api: `${baseUrl}/graphql`, graphiql: options.graphiql ? `${baseUrl}/graphiql` : null, dashboard: `${baseUrl}/dashboard` };
}

/** How long printed demo tokens last: a week, or TOKEN_MAX_LIFETIME when that is shorter (the server refuses longer ones). */
export function demoTokenLifetime(maxLifetimeSeconds: number): number {
  return Math.min(7 * 24 * 3600, maxLifetimeSeconds);
}

/** A lifetime in words for the banner: "7 days", "12 hours", "30 minutes". */
function inWords(seconds: number): string {
  const [n, unit] =
    seconds % 86_400 === 0
      ? [seconds / 86_400, 'day']
      : seconds % 3_600 === 0
        ? [seconds / 3_600, 'hour']
        : [Math.floor(seconds / 60), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Prints where the instance answers (API, GraphiQL when served, dashboard) and one demo token per
 * role, so the zero-config demo can be explored at once. `devSecret`: the known development
 * secret is in use, so both pages carry the demo ADMIN token themselves. `maxLifetimeSeconds`
 * (TOKEN_MAX_LIFETIME, default 7 days): the tokens expire within it. `print`: where the text goes
 * (console.log by default).
 */
export async function printDemoTokens(
  secret: string,
  urls: PageUrls,
  options: { devSecret: boolean; maxLifetimeSeconds?: number; print?: (text: string) => void },
): Promise<void> {
  const lifetime = demoTokenLifetime(options.maxLifetimeSeconds ?? 7 * 24 * 3600);
  const withToken = options.devSecret ? ' (demo ADMIN token pre-filled)' : '';
  const lines = ['', 'opsgraph is running:', `  API        ${urls.api}`];
  if (urls.graphiql) lines.push(`  GraphiQL   ${urls.graphiql}${withToken}`);
  lines.push(`  Dashboard  ${urls.dashboard}${withToken}`);
  lines.push(`Demo tokens (${options.devSecret ? 'development secret' : 'signed with JWT_SECRET'}, valid ${inWords(lifetime)}):`);
  for (const role of Object.values(Role)) {
    const token = await signToken(
      secret,
      { sub: `demo-${role.toLowerCase()}`, roles: [role], name: `Demo ${role}` },
      { expiresIn: `${lifetime}s` },
    );
    lines.push(`  ${role.padEnd(16)} ${token}`);
  }
  lines.push('Send one as "Authorization: Bearer <token>".', '');
  (options.print ?? console.log)(lines.join('\n'));
}
