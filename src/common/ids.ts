import { badInput } from './errors';

/**
 * Opaque global IDs: base64url("Type:rowId"). Clients must treat them as opaque strings; the
 * encoding lets `node(id)` find the table without a lookup.
 */
export function toGlobalId(typeName: string, rowId: number): string {
  return Buffer.from(`${typeName}:${rowId}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  typeName: string;
  rowId: number;
}

/** Decodes a global ID; returns null for anything that is not one of ours. */
export function fromGlobalId(id: string): DecodedId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 64 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const raw = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^([A-Z][A-Za-z]{1,40}):([1-9][0-9]{0,14})$/.exec(raw);
  if (!match) return null;
  const rowId = Number(match[2]);
  if (!Number.isSafeInteger(rowId)) return null;
  return { typeName: match[1], rowId };
}

/** Decodes an ID argument of any type; throws BAD_USER_INPUT naming `field` when it is not one of ours. */
export function expectAnyId(id: string, field: string): DecodedId {
  const decoded = fromGlobalId(id);
  if (!decoded) throw badInput(field, 'is not a valid ID');
  return decoded;
}

/**
 * Decodes an ID argument that must point at `typeName`. Throws BAD_USER_INPUT naming `field`
 * when it is malformed or an ID of another type (e.g. a Project ID passed as processId).
 */
export function expectId(id: string, typeName: string, field: string): number {
  const decoded = fromGlobalId(id);
  if (!decoded) throw badInput(field, 'is not a valid ID');
  if (decoded.typeName !== typeName) throw badInput(field, `must be a ${typeName} ID, got a ${decoded.typeName} ID`);
  return decoded.rowId;
}

/** Like expectId, for optional arguments. */
export function maybeId(id: string | null | undefined, typeName: string, field: string): number | null {
  return id === null || id === undefined ? null : expectId(id, typeName, field);
}
