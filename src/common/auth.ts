import { registerEnumType } from 'type-graphql';
import type { AuthChecker } from 'type-graphql';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AuthConfig } from '../config';
import { forbidden, unauthenticated } from './errors';

/** Roles, from least to most powerful. ADMIN may do everything. */
export enum Role {
  VIEWER = 'VIEWER',
  OPERATOR = 'OPERATOR',
  PROJECT_MANAGER = 'PROJECT_MANAGER',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What a token allows. Every role may read; ADMIN may do everything.',
  valuesConfig: {
    VIEWER: { description: 'Reads the whole graph.' },
    OPERATOR: { description: 'Records throughput samples and stock movements.' },
    PROJECT_MANAGER: { description: 'Manages projects, milestones, risks, costs and handovers.' },
    ADMIN: { description: 'Everything, including teams and operations.' },
  },
});

/** Who is calling: the verified claims of the bearer token. */
export interface Viewer {
  subject: string;
  name: string | null;
  roles: Role[];
  /** Token expiry (epoch seconds); WebSocket streams end at this moment. */
  expiresAt: number | null;
}

const ROLE_VALUES = new Set<string>(Object.values(Role));

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.roles.includes(Role.ADMIN) || viewer.roles.includes(role);
}

/** Verifies tokens with the configured secret or JWKS; built once per app. */
export interface TokenVerifier {
  /** Returns the viewer, or throws UNAUTHENTICATED with a reason (expired, bad signature, no role). */
  verify(token: string): Promise<Viewer>;
}

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const key = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : new TextEncoder().encode(config.jwtSecret ?? '');
  // Verified tokens are remembered until they expire: a dashboard sends the same token on every
  // request, and an HMAC or RSA check per request costs more than the rest of a trivial query.
  const cache = new Map<string, Viewer>();
  const CACHE_MAX = 10_000;
  return {
    async verify(token) {
      const cached = cache.get(token);
      if (cached && (cached.expiresAt === null || cached.expiresAt * 1000 > Date.now())) return cached;
      if (cached) cache.delete(token);
      const viewer = await verifyUncached(token);
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
      cache.set(token, viewer);
      return viewer;
    },
  };

  async function verifyUncached(token: string): Promise<Viewer> {
    {
      let payload: JWTPayload;
      try {
        const result = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
          issuer: config.issuer ?? undefined,
          audience: config.audience ?? undefined,
          algorithms: config.jwksUrl ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'],
        });
        payload = result.payload;
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw unauthenticated(code === 'ERR_JWT_EXPIRED' ? 'The token has expired' : 'The token is invalid');
      }
      const rawRoles = Array.isArray(payload.roles) ? payload.roles : typeof payload.role === 'string' ? [payload.role] : [];
      const roles = rawRoles.filter((r): r is Role => typeof r === 'string' && ROLE_VALUES.has(r));
      if (roles.length === 0 || typeof payload.sub !== 'string') throw unauthenticated('The token names no subject or no known role');
      return {
        subject: payload.sub,
        name: typeof payload.name === 'string' ? payload.name : null,
        roles,
        expiresAt: typeof payload.exp === 'number' ? payload.exp : null,
      };
    }
  }
}

/** Signs an HS256 token (demo tokens, `npm run token`, tests). */
export async function signToken(
  secret: string,
  claims: { sub: string; roles: Role[]; name?: string },
  options: { expiresIn?: string | number; issuer?: string | null; audience?: string | null } = {},
): Promise<string> {
  let jwt = new SignJWT({ roles: claims.roles, name: claims.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Reads "Bearer <token>" (case-insensitive scheme); null when absent or malformed. */
export function bearerToken(header: string | string[] | undefined | null): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/**
 * type-graphql auth checker: no viewer → UNAUTHENTICATED; viewer without any of the listed roles
 * → FORBIDDEN naming the roles. `@Authorized()` with no roles admits any signed-in viewer.
 */
export const authChecker: AuthChecker<{ viewer: Viewer | null }, Role> = ({ context, info }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  if (roles.length === 0 || roles.some((role) => hasRole(viewer, role))) return true;
  throw forbidden(`${info.parentType.name}.${info.fieldName} requires the role ${roles.join(' or ')}`);
};
