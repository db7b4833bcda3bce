import zlib from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Readable } from 'node:stream';
import type { TrustProxyConfig } from '../config';

/** An HTTP-level refusal: status, stable code, message and optional headers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'BAD_REQUEST',
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/** Sends an HttpError as a GraphQL-shaped error body. */
export function sendHttpError(res: ServerResponse, error: HttpError, requestId: string) {
  sendJson(
    res,
    error.status,
    { errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }] },
    { 'x-request-id': requestId, ...error.headers },
  );
}

function decoder(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new HttpError(415, `Unsupported Content-Encoding "${encoding}": send gzip, deflate, br or none`, 'BAD_REQUEST');
  }
}

/**
 * Reads a request body as UTF-8, decompressing gzip/deflate/br. The limit applies to the inflated
 * size, so a small compressed "zip bomb" is refused as soon as its output passes `maxBytes` (413).
 * A declared charset other than UTF-8 is refused (415): graphql-js only reads UTF-8.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const contentType = String(req.headers['content-type'] ?? '');
  const charset = /charset=([^;]+)/i.exec(contentType)?.[1]?.trim().replace(/^"|"$/g, '').toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, `Unsupported charset "${charset}": send UTF-8`);
  const encoding = String(req.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const inflate = decoder(encoding);
  const declared = Number(req.headers['content-length']);
  if (!inflate && Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  let source: Readable = req;
  if (inflate) {
    req.on('error', (err) => inflate.destroy(err));
    source = req.pipe(inflate);
  }
  const chunks: Buffer[] = [];
  // Listeners rather than `for await`: a body is usually one chunk, and the async iterator's
  // promises cost more than the read itself on small requests.
  await new Promise<void>((resolve, reject) => {
    let size = 0;
    const done = (error?: Error) => {
      source.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      source.destroy();
      done(tooLarge(maxBytes));
    };
    const onEnd = () => done();
    // A decoding error, or 'close' before 'end' (the client went away mid-body).
    const onError = () => done(new HttpError(400, `Request body could not be decoded (${encoding || 'identity'})`));
    source.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  // Refuse bodies that are not UTF-8 even without a charset label (UTF-16, Latin-1 …): decoding them
  // would silently turn characters into U+FFFD and store something the client did not send.
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(Buffer.concat(chunks))) {
    throw new HttpError(415, 'Request body is not valid UTF-8');
  }
  return text;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    `Request body exceeds ${maxBytes} bytes (after decompression)`,
    'BAD_REQUEST',
    {},
    { limit: 'bodyBytes', max: maxBytes },
  );
}

/**
 * An address as written by a socket or a proxy, normalised: IPv4-mapped IPv6 (`::ffff:1.2.3.4`)
 * as IPv4, a port some proxies append (`1.2.3.4:5678`, `[::1]:5678`) dropped, IPv6 in lower case.
 * Empty when it is not an IP address.
 */
export function normaliseIp(raw: string): string {
  let ip = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(':'));
  if (/^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(ip)) ip = ip.slice('::ffff:'.length);
  return isIP(ip) ? ip.toLowerCase() : '';
}

/** The address of a socket's peer (the client, or a proxy in front of it); `unknown` when the socket has none. */
export function peerAddress(socket: { remoteAddress?: string }): string {
  return normaliseIp(socket.remoteAddress ?? '') || 'unknown';
}

/** Where client addresses come from (TRUST_PROXY); one per app, shared by HTTP and WebSocket. */
export interface ClientAddress {
  /**
   * The client's address of a request: the socket's peer, unless that peer is a trusted proxy; then
   * X-Forwarded-For is read from its right end, one entry per trusted hop, and the first address no
   * trusted proxy stands for is the client. A malformed entry stops the walk at the last good address.
   */
  of(req: IncomingMessage): string;
  /** True when forwarded headers from this peer are believed (TRUST_PROXY names it, or counts hops). */
  isTrustedProxy(peer: string): boolean;
}

/** Builds the client-address reader for TRUST_PROXY: none (the default) trusts no forwarded header at all. */
export function createClientAddress(trust: TrustProxyConfig): ClientAddress {
  if (trust.kind === 'none') return { of: (req) => peerAddress(req.socket), isTrustedProxy: () => false };
  const listed = new BlockList();
  if (trust.kind === 'addresses') {
    for (const entry of trust.addresses) {
      const [ip, prefix] = entry.split('/');
      const address = normaliseIp(ip);
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) listed.addAddress(address, type);
      else listed.addSubnet(address, Number(prefix), type);
    }
  }
  const trusted = (address: string, hop: number): boolean => {
    if (trust.kind === 'hops') return hop < trust.hops;
    const family = isIP(address);
    return family !== 0 && listed.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return {
    of(req) {
      let address = peerAddress(req.socket);
      const header = req.headers['x-forwarded-for'];
      if (!header || !trusted(address, 0)) return address;
      const forwarded = (Array.isArray(header) ? header.join(',') : header).split(',');
      for (let hop = 0; hop < forwarded.length && trusted(address, hop); hop++) {
        const next = normaliseIp(forwarded[forwarded.length - 1 - hop]);
        if (!next) break;
        address = next;
      }
      return address;
    },
    isTrustedProxy: (peer) => trusted(peer, 0),
  };
}
