import net from 'node:net';
import { createHash } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { createTestDatabase, Role, startTestApp, TEST_MYSQL_URL, type GraphQLResponse, type TestApp } from '../harness/app';
import { CREATE_OPERATION, CREATE_PROCESS, UPDATE_OPERATION } from '../harness/documents';
import { createOperation } from '../harness/factories';
import { canConnect, freePort } from '../harness/redis';
import { describeApp } from '../harness/suite';
import { eventually, sleep } from '../harness/wait';
import { collect, rawSocket, wsClient } from '../harness/ws';

/** One operation over graphql-ws: its result, or the errors of a refused `subscribe`. */
async function overWs(t: TestApp, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const { client } = wsClient(t.wsUrl, await t.token(Role.ADMIN));
  try {
    const sub = collect(client, query, variables);
    await sub.until(() => sub.completed, 10_000);
    if (sub.results.length) return sub.results[0] as GraphQLResponse;
    return { errors: Array.isArray(sub.error) ? (sub.error as GraphQLResponse['errors']) : [{ message: String(sub.error) }] };
  } finally {
    await client.dispose();
  }
}

type Transport = (t: TestApp, query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;
const TRANSPORTS: [string, Transport][] = [
  ['HTTP', (t, query, variables) => t.gql(query, variables)],
  ['WebSocket', overWs],
];

/** BAD_USER_INPUT naming exactly `fields`, with no stack, SQL or echo of the value. */
function expectRefused(response: GraphQLResponse, fields: string[]) {
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields });
  expect(JSON.stringify(response.errors)).not.toMatch(/stack|INSERT|SELECT|\\ud800|\\udc00/i);
}

/** The app's log lines since `mark` that carry a stack or are errors (level ≥ 50). */
function loudLines(t: TestApp, mark: number): string[] {
  return t.logs.slice(mark).filter((line) => /"stack"/.test(line) || (JSON.parse(line) as { level: number }).level >= 50);
}

const OPERATION_NAMES = `{ operations(first: 100) { totalCount edges { node { name description } } } }`;

describeApp('error codes and input hygiene on %s', { logs: true }, ({ t, leftovers }) => {
  it('answers a subscription sent over HTTP with 400 BAD_REQUEST pointing at graphql-ws, and logs no stack', async () => {
    const mark = t.logs.length;
    for (const query of [
      'subscription { alertRaised { id } }',
      'subscription Live($after: String) { alertRaised(after: $after) { id } }',
    ]) {
      const response = await t.post({ query });
      expect(response.status).toBe(400);
      expect(response.json.errors).toHaveLength(1);
      expect(response.json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(response.json.errors[0].message).toMatch(/WebSocket.*\/graphql.*graphql-ws/);
      expect(response.json.data).toBeUndefined();
    }
    expect(loudLines(t, mark)).toEqual([]);
  });

  describe('automatic persisted queries (Apollo Client persisted-queries link)', () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

    it("works with Apollo Client's PersistedQueryLink: a miss is PERSISTED_QUERY_NOT_FOUND, the retry registers, later clients send the hash alone", async () => {
      const bodies: any[] = [];
      const observed: typeof fetch = async (input, init) => {
        bodies.push(JSON.parse(String(init?.body)));
        return fetch(input, init);
      };
      const token = await t.token(Role.VIEWER);
      const makeClient = () =>
        new ApolloClient({
          cache: new InMemoryCache(),
          link: new PersistedQueryLink({ sha256 }).concat(
            new HttpLink({ uri: `${t.url}/graphql`, headers: { authorization: `Bearer ${token}` }, fetch: observed }),
          ),
        });
      const query = gql`
        query PersistedViewer {
          viewer {
            subject
            roles
          }
        }
      `;
      for (let i = 0; i < 2; i++) {
        const client = makeClient();
        leftovers.push(() => client.stop());
        const { data } = await client.query<{ viewer: { subject: string; roles: string[] } }>({ query });
        expect(data?.viewer).toEqual({ __typename: 'ViewerInfo', subject: 'test-viewer', roles: ['VIEWER'] });
      }
      // First client: hash alone (miss), then hash + query; second client: hash alone (hit).
      expect(bodies.map((b) => [Boolean(b.query), Boolean(b.extensions?.persistedQuery?.sha256Hash)])).toEqual([
        [false, true],
        [true, true],
        [false, true],
      ]);
    });

    it('answers an unknown hash PERSISTED_QUERY_NOT_FOUND, a hash that does not match its query 400 PERSISTED_QUERY_HASH_MISMATCH, a bad version 400 BAD_REQUEST', async () => {
      const mark = t.logs.length;
      const query = '{ viewer { subject } }';
      const unknown = await t.post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(`${query} # unknown`) } } });
      expect(unknown.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

      const mismatch = await t.post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } });
      expect(mismatch.status).toBe(400);
      expect(mismatch.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
      expect(mismatch.json.errors[0].message).toMatch(/sha256Hash/);

      const version = await t.post({ query, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(query) } } });
      expect(version.status).toBe(400);
      expect(version.json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(version.json.errors[0].message).toMatch(/version must be 1/);

      // The mismatched hash registered nothing.
      const after = await t.post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } });
      expect(after.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(loudLines(t, mark)).toEqual([]);
    });
  });

  describe.each(TRANSPORTS)('over %s', (_transport, run) => {
    it('refuses a malformed node ID with BAD_USER_INPUT naming `id`; a well-formed ID of nothing is null', async () => {
      for (const id of ['!!!', '', 'a b', 'x'.repeat(65), Buffer.from('Operation:0').toString('base64url')]) {
        expectRefused(await run(t, `query ($id: ID!) { node(id: $id) { id } }`, { id }), ['id']);
      }
      expectRefused(await run(t, `{ node(id: "!!!") { id } }`), ['id']);
      const missing = await run(t, `query ($id: ID!) { node(id: $id) { id } }`, {
        id: Buffer.from('Operation:999999').toString('base64url'),
      });
      expect(missing).toMatchObject({ data: { node: null } });
      expect(missing.errors).toBeUndefined();
    });

    it('refuses whitespace-only names with BAD_USER_INPUT naming the field, and stores nothing', async () => {
      const before = (await t.gql(OPERATION_NAMES)).data.operations.totalCount;
      for (const name of ['   ', '\t\n', '\u00A0\u2003\u3000']) {
        expectRefused(await run(t, CREATE_OPERATION, { input: { name } }), ['input.name']);
      }
      const operation = await createOperation(t);
      expectRefused(await run(t, UPDATE_OPERATION, { input: { id: operation.id, expectedVersion: 1, name: '  ' } }), ['input.name']);
      expectRefused(
        await run(t, CREATE_PROCESS, { input: { operationId: operation.id, name: 'Cutting', unit: ' ', targetRatePerHour: 5 } }),
        ['input.unit'],
      );
      // Leading and trailing spaces around text are still fine (trimmed as before).
      const padded = await run(t, CREATE_OPERATION, { input: { name: '  Padded  ' } });
      expect(padded.data?.createOperation).toMatchObject({ __typename: 'Operation', name: 'Padded' });
      expect((await t.gql(OPERATION_NAMES)).data.operations.totalCount).toBe(before + 2);
    });

    it('refuses strings that are not well-formed Unicode (lone surrogates) in any argument, naming it, and stores nothing', async () => {
      const before = (await t.gql(OPERATION_NAMES)).data.operations.totalCount;
      expectRefused(await run(t, CREATE_OPERATION, { input: { name: 'Line \uD800 A' } }), ['input.name']);
      expectRefused(await run(t, CREATE_OPERATION, { input: { name: 'Line B', description: 'tail \uDC00' } }), ['input.description']);
      expectRefused(await run(t, CREATE_OPERATION, { input: { name: '\uDE00\uD83D' } }), ['input.name']);
      expectRefused(await run(t, `query ($s: String) { operations(first: 5, filter: { search: $s }) { totalCount } }`, { s: '\uD83D' }), [
        'filter.search',
      ]);
      expectRefused(await run(t, `query ($id: ID!) { node(id: $id) { id } }`, { id: 'T3Bl\uD800' }), ['id']);
      // A well-formed pair (an emoji) is of course fine.
      const emoji = await run(t, CREATE_OPERATION, { input: { name: 'Line 😀', description: '𝔘' } });
      expect(emoji.data?.createOperation).toMatchObject({ name: 'Line 😀' });
      const after = (await t.gql(OPERATION_NAMES)).data.operations;
      expect(after.totalCount).toBe(before + 1);
      expect(after.edges.some((e: any) => /\uFFFD/.test(e.node.name + e.node.description))).toBe(false);
    });
  });

  it('closes a socket that sends an oversized frame before connection_init with 1009 and one structured log line, nothing on stderr', async () => {
    const printed = jest.spyOn(console, 'error');
    leftovers.push(() => printed.mockRestore());
    const mark = t.logs.length;
    const socket = rawSocket(t.wsUrl);
    leftovers.push(() => socket.close());
    expect(await socket.upgrade).toBe(101);
    socket.ws.send('x'.repeat(t.config.hardening.ws.maxPayloadBytes + 1));
    const closed = await socket.closed;
    expect(closed.code).toBe(1009);
    await sleep(100);
    expect(printed).not.toHaveBeenCalled();
    const lines = t.logs.slice(mark).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringMatching(/websocket/i) }),
    ]);
    expect(loudLines(t, mark)).toEqual([]);
    // The server still serves sockets.
    expect((await overWs(t, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});

const target = new URL(TEST_MYSQL_URL.replace(/^mariadb:/, 'mysql:'));
const admin = (): Promise<Connection> =>
  createConnection({
    host: target.hostname,
    port: Number(target.port || 3306),
    user: decodeURIComponent(target.username || 'root'),
    password: decodeURIComponent(target.password),
  });
const dbName = (url: string) => new URL(url.replace(/^mariadb:/, 'mysql:')).pathname.slice(1);

describe('database connection faults on MariaDB', () => {
  beforeAll(async () => {
    if (!(await canConnect(Number(target.port || 3306)))) throw new Error(`MariaDB is not reachable at ${TEST_MYSQL_URL}`);
  });

  it('answers SERVICE_UNAVAILABLE, without SQL, when the connection of a request is KILLed mid-query; the next request succeeds', async () => {
    const t = await startTestApp({ db: 'mysql', logs: true });
    const locker = await admin();
    try {
      await createOperation(t);
      const name = dbName(t.databaseUrl);
      // The request's statement waits on a table lock, so it is mid-query when its connection is killed.
      await locker.query(`LOCK TABLES \`${name}\`.operation WRITE`);
      const pending = t.gql(`{ operations(first: 5) { totalCount } }`);
      let victim: number | null = null;
      await eventually(
        async () => {
          const [rows] = await locker.query(
            `SELECT id FROM information_schema.processlist WHERE db = ? AND command = 'Query' AND info LIKE '%operation%' AND id <> CONNECTION_ID()`,
            [name],
          );
          victim = (rows as { id: number }[])[0]?.id ?? null;
          return victim !== null;
        },
        5000,
        'the request to be waiting on the lock',
      );
      await locker.query(`KILL ${Number(victim)}`);
      const response = await pending;
      await locker.query('UNLOCK TABLES');
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.errors![0].message).toMatch(/retry/i);
      expect(JSON.stringify(response.errors)).not.toMatch(/SELECT|COUNT|operation`|ER_|killed|Connection|stack/i);
      expect((await t.gql(`{ operations(first: 5) { totalCount } }`)).data.operations.totalCount).toBe(1);
    } finally {
      await locker.query('UNLOCK TABLES').catch(() => undefined);
      await locker.end();
      await t.stop();
    }
  }, 60_000);

  it('answers /readyz 503 while the database does not answer, even with every pooled connection busy, and 200 once it is back', async () => {
    // The app reaches MariaDB through a loopback proxy that can stop forwarding: a host that has gone
    // away (packets dropped) rather than one that refuses connections.
    const port = await freePort();
    const pairs = new Set<[net.Socket, net.Socket]>();
    let blackhole = false;
    const held = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      client.on('error', () => undefined);
      if (blackhole) {
        held.add(client);
        return;
      }
      const upstream = net.connect(Number(target.port || 3306), target.hostname);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      pairs.add([client, upstream]);
    });
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    const database = await createTestDatabase('mysql');
    const url = new URL(database.url.replace(/^mariadb:/, 'mysql:'));
    url.port = String(port);
    const t = await startTestApp({ databaseUrl: url.toString().replace(/^mysql:/, 'mariadb:'), logs: true });
    const hanging: Promise<unknown>[] = [];
    try {
      expect((await t.fetch('/readyz')).status).toBe(200);
      blackhole = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
      // Requests that take every pooled connection while the database is silent.
      for (let i = 0; i < t.config.database.poolSize + 2; i++)
        hanging.push(t.gql(`{ operations(first: 5) { totalCount } }`).catch(() => null));
      await sleep(300);
      for (let i = 0; i < 3; i++) {
        const ready = await t.fetch('/readyz');
        const body = (await ready.json()) as { database: string; status: string };
        expect({ status: ready.status, ready: body.status }).toEqual({ status: 503, ready: 'not ready' });
        expect(['saturated', 'down']).toContain(body.database);
      }
      expect((await t.fetch('/healthz')).status).toBe(200);

      // The database is back: what hung fails, the pool reconnects, readiness returns.
      blackhole = false;
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      for (const socket of held) socket.destroy();
      await Promise.all(hanging);
      await eventually(async () => (await t.fetch('/readyz')).status === 200, 20_000, 'readiness after the outage');
    } finally {
      blackhole = false;
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      for (const socket of held) socket.destroy();
      await Promise.all(hanging);
      try {
        await t.stop();
      } finally {
        proxy.close();
        await database.drop();
      }
    }
  }, 90_000);
});
