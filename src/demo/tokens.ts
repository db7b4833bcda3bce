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

/**
 * Prints where the instance answers (API, GraphiQL when served, dashboard) and one demo token per
 * role, so the zero-config demo can be explored at once. `devSecret`: the known development
 * secret is in use, so both pages carry the demo ADMIN token themselves.
 */
export async function printDemoTokens(secret: string, urls: PageUrls, options: { devSecret: boolean }): Promise<void> {
  const withToken = options.devSecret ? ' (demo ADMIN token pre-filled)' : '';
  const lines = ['', 'opsgraph is running:', `  API        ${urls.api}`];
  if (urls.graphiql) lines.push(`  GraphiQL   ${urls.graphiql}${withToken}`);
  lines.push(`  Dashboard  ${urls.dashboard}${withToken}`);
  lines.push(`Demo tokens (${options.devSecret ? 'development secret' : 'signed with JWT_SECRET'}, valid 30 days):`);
  for (const role of Object.values(Role)) {
    const token = await signToken(secret, { sub: `demo-${role.toLowerCase()}`, roles: [role], name: `Demo ${role}` }, { expiresIn: '30d' });
    lines.push(`  ${role.padEnd(16)} ${token}`);
  }
  lines.push('Send one as "Authorization: Bearer <token>".', '');
  console.log(lines.join('\n'));
}
