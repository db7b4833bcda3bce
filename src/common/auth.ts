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
    OPERATOR: { description: 'Records throughput samples and stock movements, receives purchase orders, ships and confirms deliveries.' },
    PROJECT_MANAGER: { description: 'Manages projects, milestones, risks, costs and handovers.' },
    ADMIN: { description: 'Everything, including teams and operations.' },
  },
});

/** Who is calling: the verified claims of the bearer token. */
export interface Viewer {
  subject: string;
  name: string | null;
  roles: Role[];
  /** Token expiry (epoch seconds; every accepted token has one); WebSocket streams end at this moment. */
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
      if (typeof payload.sub !== 'string' || payload.sub.trim() === '') throw unauthenticated('The token names no subject (sub)');
      if (roles.length === 0) throw unauthenticated('The token names no known role');
      // An expiry is required, and a bounded one: a token without `exp` would be valid (and cached) forever.
      if (typeof payload.exp !== 'number') throw unauthenticated('The token has no expiry (exp)');
      const lifetime = tokenLifetime(payload.exp, payload.iat, Date.now() / 1000);
      if (lifetime > config.maxLifetimeSeconds)
        throw unauthenticated(
          `The token's lifetime of ${Math.round(lifetime)} s exceeds the ${config.maxLifetimeSeconds} s this server accepts (TOKEN_MAX_LIFETIME)`,
        );
      return {
        subject: payload.sub,
        name: typeof payload.name === 'string' ? payload.name : null,
        roles,
        expiresAt: payload.exp,
      };
    }
  }
}

/** Clock skew allowed between the token's issuer and this server when `iat` is missing or ahead, seconds. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * How long a token is valid for, seconds: `exp − iat`, or `exp − now` when it has no `iat` (or an
 * `iat` in the future, which would otherwise shorten it), less a minute of clock skew in that case.
 */
export function tokenLifetime(exp: number, iat: unknown, nowSeconds: number): number {
  const sinceNow = exp - nowSeconds - CLOCK_SKEW_SECONDS;
  return typeof iat === 'number' ? Math.max(exp - iat, sinceNow) : sinceNow;
}

/** TOKEN_MAX_LIFETIME's default: 7 days. */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 7 * 24 * 3600;

/**
 * Parses a lifetime as `npm run token -- --expires` takes it (30m, 12h, 7d, 2w, or a number of
 * seconds) into seconds; null when it is none of those.
 */
export function parseLifetime(text: string): number | null {
  const match = /^(\d+)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)?$/i.exec(
    text.trim(),
  );
  if (!match) return null;
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit.startsWith('w')
    ? 604_800
    : unit.startsWith('d')
      ? 86_400
      : unit.startsWith('h')
        ? 3_600
        : unit.startsWith('m')
          ? 60
          : 1;
  return Number(match[1]) * factor;
}

/**
 * Signs an HS256 token (demo tokens, `npm run token`, tests). It always has `iat` and `exp`:
 * `expiresIn` is a duration ('12h', default) or an absolute expiry in epoch seconds (a number), as
 * in jose; keep it within the server's TOKEN_MAX_LIFETIME or the server refuses the token.
 */
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
