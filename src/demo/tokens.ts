import { Role, signToken } from '../common/auth';

/** Prints one demo token per role so the zero-config demo can be explored at once. */
export async function printDemoTokens(secret: string, baseUrl: string): Promise<void> {
  const lines = [`\nopsgraph is running: ${baseUrl}/graphql\nDemo tokens (development secret, valid 30 days):`];
  for (const role of Object.values(Role)) {
    const token = await signToken(secret, { sub: `demo-${role.toLowerCase()}`, roles: [role], name: `Demo ${role}` }, { expiresIn: '30d' });
    lines.push(`  ${role.padEnd(16)} ${token}`);
  }
  lines.push('Send one as "Authorization: Bearer <token>".\n');
  console.log(lines.join('\n'));
}
