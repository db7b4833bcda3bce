import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import { GraphQLNonNull, GraphQLString, GraphQLID, getNamedType, isScalarType } from 'graphql';
import { Role, startTestApp } from '../harness/app';
import { CREATE_OPERATION, RECORD_THROUGHPUT, THROUGHPUT_UPDATED } from '../harness/documents';
import { createLine, minuteSample } from '../harness/factories';
import { describeApp, type SuiteOptions } from '../harness/suite';
import { eventually, sleep } from '../harness/wait';
import { collect, rawSocket, wsClient } from '../harness/ws';

/**
 * Smaller WebSocket caps than shipped, so each case needs 6 subscriptions or 4 sockets instead of
 * 51 or 21, and an allow-list to refuse an Origin against; test/hardening/ws-defaults.test.ts walks
 * the same paths at the shipped defaults.
 */
const CATALOGUE: SuiteOptions = {
  databases: ['sqlite'],
  logs: true,
  env: {
    WS_ALLOWED_ORIGINS: 'https://ops.example.com',
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '5',
    WS_MAX_MESSAGES_PER_SECOND: '20',
    WS_MAX_CONNECTIONS_PER_PRINCIPAL: '3',
    LOG_LEVEL: 'debug',
  },
};

/**
 * The abuse catalogue: hostile requests over HTTP and WebSocket. Each case asserts the specific
 * error code or close code; after each, the server still answers /healthz and a watcher's
 * subscription (another client) has kept receiving the samples a background writer commits.
 */
describeApp('abuse catalogue', CATALOGUE, ({ t, leftovers }) => {
  let watcher: ReturnType<typeof collect>;
  let disposeWatcher: () => Promise<void>;
  let writing = true;
  let writer: Promise<void>;
  let seenBefore = 0;

  beforeAll(async () => {
    const { processId } = await createLine(t, 'Watched line');
    const { client } = wsClient(t.wsUrl, await t.token(Role.VIEWER, { sub: 'watcher' }));
    disposeWatcher = async () => {
      await client.dispose();
    };
    watcher = collect(client, THROUGHPUT_UPDATED, { processId });
    await sleep(200);
    const operatorToken = { token: await t.token(Role.OPERATOR, { sub: 'writer' }) };
    writer = (async () => {
      for (let i = 0; writing; i++) {
        await t.gql(RECORD_THROUGHPUT, { input: minuteSample(processId, i) }, operatorToken);
        await sleep(100);
      }
    })();
    await watcher.until(() => watcher.results.length > 0);
  });

  afterEach(async () => {
    // The server is still up, and the other client's subscription kept receiving.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const before = seenBefore;
    await watcher.until(() => watcher.results.length > before, 5000);
    expect(watcher.error).toBeNull();
    seenBefore = watcher.results.length;
  });

  afterAll(async () => {
    writing = false;
    await writer;
    await disposeWatcher?.();
  });

  function expectCode(response: { errors?: any[] }, code: string, extensions: Record<string, unknown> = {}) {
    const error = response.errors?.find((e) => e.extensions?.code === code);
    expect({ code: error?.extensions?.code, all: response.errors?.map((e) => e.extensions?.code) }).toMatchObject({ code });
    expect(error.extensions).toMatchObject(extensions);
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|at Object\.|node_modules/);
    return error;
  }

  /** Runs one operation over a fresh WebSocket and returns the first result or error payload. */
  async function overWs(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const s = rawSocket(t.wsUrl);
    leftovers.push(() => s.close());
    await s.init(token ?? (await t.token(Role.ADMIN)));
    s.send({ id: '1', type: 'subscribe', payload: { query, variables } });
    const message = await s.waitFor((m) => m.id === '1' && (m.type === 'error' || m.type === 'next'));
    return message.type === 'error' ? { errors: message.payload } : message.payload;
  }

  const deepIntrospection = `{ __type(name: "Query") { fields { type ${'{ ofType '.repeat(16)}{ name }${' }'.repeat(16)} } } }`;
  const deepDomain = `{ operations(first: 1) { edges { node { processes(first: 1) { edges { node { operation { processes(first: 1) { edges { node { operation { processes(first: 1) { edges { node { operation { id } } } } } } } } } } } } } } } }`;
  const aliasFlood = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
  const directiveFlood = `{ ${'__typename @include(if: true) '.repeat(60)} }`;
  const tokenFlood = `{ ${'__typename '.repeat(5100)} }`;
  const hugeFirst = `{ operations(first: 99999999) { edges { node { id } } } }`;
  const multiplicative = `{ operations(first: 100) { edges { node { processes(first: 100) { edges { node { samples(first: 100) { edges { node { id } } } } } } } } } }`;
  const fragmentCycle = `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`;
  const fragmentBomb = `query { ...F0 } ${Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F20 on Query { a: __typename b: __typename }`;
  const namedSchema = `query __schema { operations(first: 99999999) { edges { node { id } } } }`;

  describe.each([
    ['deep introspection', deepIntrospection, {}, 'depth'],
    ['deep cyclic domain query', deepDomain, {}, 'depth'],
    ['alias flood', aliasFlood, {}, 'aliases'],
    ['directive flood', directiveFlood, {}, 'directives'],
    ['token flood', tokenFlood, {}, 'tokens'],
    ['first: 99999999', hugeFirst, {}, 'complexity'],
    ['multiplicative pagination', multiplicative, {}, 'complexity'],
    ['first from a variable', `query ($n: Int!) { operations(first: $n) { edges { node { id } } } }`, { n: 99999999 }, 'complexity'],
    ['fragment reuse doubling 20 levels', fragmentBomb, {}, 'aliases'],
    ['an operation named __schema', namedSchema, {}, 'complexity'],
  ])('%s', (_name, query, variables, limit) => {
    it(`is refused over HTTP with QUERY_TOO_COMPLEX naming ${limit}`, async () => {
      const started = Date.now();
      const { status, json } = await t.post({ query, variables });
      expect(status).toBe(400);
      const error = expectCode(json, 'QUERY_TOO_COMPLEX', { limit });
      expect(typeof error.extensions.max).toBe('number');
      expect(error.extensions.value).toBeGreaterThan(error.extensions.max);
      expect(Date.now() - started).toBeLessThan(3000);
    });
    it(`is refused over WebSocket with QUERY_TOO_COMPLEX naming ${limit}`, async () => {
      expectCode(await overWs(query, variables), 'QUERY_TOO_COMPLEX', { limit });
    });
  });

  it('refuses a fragment cycle over HTTP and WebSocket with GRAPHQL_VALIDATION_FAILED', async () => {
    const { status, json } = await t.post({ query: fragmentCycle });
    expect(status).toBe(400);
    expectCode(json, 'GRAPHQL_VALIDATION_FAILED');
    expectCode(await overWs(fragmentCycle), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a body over 100 kB with 413', async () => {
    const { status, json } = await t.post({ query: `{ __typename }`, variables: { pad: 'x'.repeat(120_000) } });
    expect(status).toBe(413);
    expect(json.errors[0].extensions).toMatchObject({ limit: 'bodyBytes', max: 102_400 });
  });

  it('refuses a gzip bomb by its inflated size with 413', async () => {
    const bomb = gzipSync(
      Buffer.concat([Buffer.from('{"query":"{ __typename }","x":"'), Buffer.alloc(10_000_000, 0x20), Buffer.from('"}')]),
    );
    expect(bomb.length).toBeLessThan(100_000);
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect(response.status).toBe(413);
  });

  it('accepts a gzip-compressed body within the limit', async () => {
    const body = gzipSync(JSON.stringify({ query: '{ __typename }' }));
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${await t.token(Role.VIEWER)}` },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' }, extensions: { cost: { requested: 1 } } });
  });

  it.each([
    ['an exotic charset', { 'content-type': 'application/json; charset=utf-16' }, JSON.stringify({ query: '{ __typename }' }), 415],
    [
      'an unknown Content-Encoding',
      { 'content-type': 'application/json', 'content-encoding': 'compress' },
      JSON.stringify({ query: '{ __typename }' }),
      415,
    ],
    [
      'bytes that are not UTF-8',
      { 'content-type': 'application/json' },
      Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      415,
    ],
    ['bad JSON', { 'content-type': 'application/json' }, '{"query": "{ __typename }"', 400],
    [
      'a batch array (batching is off)',
      { 'content-type': 'application/json' },
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      400,
    ],
    ['a CSRF-style simple POST (text/plain)', { 'content-type': 'text/plain' }, JSON.stringify({ query: '{ __typename }' }), 400],
  ])('refuses %s', async (_name, headers, body, status) => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${await t.token(Role.ADMIN)}` },
      body: body as string,
    });
    expect(response.status).toBe(status);
    const json = (await response.json()) as any;
    expect(json.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses a CSRF-style GET without a preflight header', async () => {
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses expired, forged, alg=none and malformed tokens with 401 UNAUTHENTICATED', async () => {
    const expired = await t.token(Role.ADMIN, { sub: 'old', expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const forged = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","roles":["ADMIN"]}').toString('base64url')}.`;
    for (const [token, message] of [
      [expired, /expired/],
      [forged, /invalid/],
      [none, /invalid/],
    ] as const) {
      const { status, json, headers } = await t.post({ query: '{ __typename }' }, { token });
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toBe('Bearer');
      expect(expectCode(json, 'UNAUTHENTICATED').message).toMatch(message);
    }
    const malformed = await t.post({ query: '{ __typename }' }, { token: null, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(malformed.status).toBe(401);
    expectCode(malformed.json, 'UNAUTHENTICATED');
  });

  it('keeps injection strings in every String argument of every query inert (no INTERNAL_SERVER_ERROR)', async () => {
    const injections = [
      `' OR '1'='1`,
      `"; DROP TABLE operation; --`,
      `%_\\`,
      `\u0000`,
      `<script>alert(1)</script>`,
      `{"$gt": ""}`,
      `../../etc/passwd`,
    ];
    const queryType = t.app.schema.getQueryType()!;
    let tried = 0;
    for (const field of Object.values(queryType.getFields())) {
      const stringArgs = field.args.filter((a) => getNamedType(a.type) === GraphQLString);
      const otherRequired = field.args.filter(
        (a) =>
          a.type instanceof GraphQLNonNull && a.defaultValue === undefined && !stringArgs.includes(a) && getNamedType(a.type) !== GraphQLID,
      );
      if (otherRequired.length) continue;
      const idArgs = field.args.filter((a) => getNamedType(a.type) === GraphQLID && a.type instanceof GraphQLNonNull);
      const selection = isScalarType(getNamedType(field.type)) ? '' : '{ __typename }';
      for (const value of injections) {
        const defs = [...stringArgs, ...idArgs].map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
        const args = [...stringArgs, ...idArgs].map((a) => `${a.name}: $${a.name}`).join(', ');
        const variables = Object.fromEntries([...stringArgs, ...idArgs].map((a) => [a.name, value]));
        if (!defs) continue;
        const res = await t.gql(`query (${defs}) { ${field.name}(${args}) ${selection} }`, variables);
        tried++;
        for (const error of res.errors ?? []) expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(error.extensions?.code);
      }
    }
    expect(tried).toBeGreaterThan(20);
    // Filter objects with a `search` string (LIKE): wildcards and quotes match literally.
    const found = await t.gql(`{ operations(filter: { search: "%' OR 1=1 --" }) { totalCount } }`);
    expect(found.data!.operations.totalCount).toBe(0);
  });

  it('stores injection and Unicode strings verbatim and returns them unchanged', async () => {
    const name = `Robert'); DROP TABLE operation;-- \u200F\u202Eشبكة 🏭👩‍🔧`;
    const res = await t.gql(CREATE_OPERATION, { input: { name } });
    expect(res.data!.createOperation.name).toBe(name);
    const again = await t.gql(`query ($id: ID!) { operation(id: $id) { name } }`, { id: res.data!.createOperation.id });
    expect(again.data!.operation.name).toBe(name);
  });

  it('refuses object-valued input where a scalar is expected with BAD_USER_INPUT (HTTP and WS)', async () => {
    const query = `mutation ($n: String!) { createOperation(input: { name: $n }) { __typename } }`;
    const { status, json } = await t.post({ query, variables: { n: { $gt: '' } } });
    expect(status).toBe(400);
    expectCode(json, 'BAD_USER_INPUT');
    expectCode(await overWs(query, { n: { $gt: '' } }), 'BAD_USER_INPUT');
    const literal = await t.post({ query: `mutation { createOperation(input: { name: { a: 1 } }) { __typename } }` });
    expectCode(literal.json, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses the ID of another type with BAD_USER_INPUT naming the field', async () => {
    const { processId } = await createLine(t, 'Foreign id');
    const res = await t.gql(`query ($id: ID!) { operation(id: $id) { id } }`, { id: processId });
    expectCode(res, 'BAD_USER_INPUT');
    expectCode(await overWs(`query ($id: ID!) { operation(id: $id) { id } }`, { id: processId }), 'BAD_USER_INPUT');
  });

  it('rate-limits a principal by cost with 429, Retry-After and RATE_LIMITED, shared by HTTP and WebSocket', async () => {
    const greedy = await t.token(Role.ADMIN, { sub: 'greedy' });
    // 30,301 complexity = 304 points: the shipped 2,000-point bucket takes six of them.
    const expensive = `{ operations(first: 100) { edges { node { processes(first: 100) { edges { node { id operation { id } } } } } } } }`;
    let limited: Awaited<ReturnType<typeof t.post>> | null = null;
    for (let i = 0; i < 10 && !limited; i++) {
      const r = await t.post({ query: expensive }, { token: greedy });
      if (r.status === 429) limited = r;
    }
    expect(limited).not.toBeNull();
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expectCode(limited!.json, 'RATE_LIMITED', { retryAfterSeconds: retryAfter });
    expectCode(await overWs(expensive, {}, greedy), 'RATE_LIMITED');
    // Other principals are unaffected.
    expect((await t.post({ query: '{ __typename }' })).status).toBe(200);
  });

  // ---- WebSocket protocol violations ----

  it('closes a socket that subscribes before connection_init with 4401', async () => {
    const s = rawSocket(t.wsUrl);
    await s.upgrade;
    s.send({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } });
    expect((await s.closed).code).toBe(4401);
  });

  it('closes a socket that sends connection_init twice with 4429', async () => {
    const s = rawSocket(t.wsUrl);
    await s.init(await t.token(Role.VIEWER));
    s.send({ type: 'connection_init', payload: {} });
    expect((await s.closed).code).toBe(4429);
  });

  it('closes a socket that reuses a running subscription id with 4409', async () => {
    const { processId } = await createLine(t, 'Dup id');
    const s = rawSocket(t.wsUrl);
    await s.init(await t.token(Role.VIEWER));
    s.send({ id: 'x', type: 'subscribe', payload: { query: THROUGHPUT_UPDATED, variables: { processId } } });
    await sleep(150);
    s.send({ id: 'x', type: 'subscribe', payload: { query: THROUGHPUT_UPDATED, variables: { processId } } });
    expect((await s.closed).code).toBe(4409);
  });

  it.each([
    ['bad JSON', '{"type": "connection_init"'],
    ['an unknown message type', JSON.stringify({ type: 'gimme' })],
    ['a subscribe without an id', JSON.stringify({ type: 'subscribe', payload: { query: '{ __typename }' } })],
  ])('closes a socket that sends %s with 4400', async (_name, frame) => {
    const s = rawSocket(t.wsUrl);
    await s.init(await t.token(Role.VIEWER));
    s.send(frame);
    expect((await s.closed).code).toBe(4400);
  });

  it('closes a socket that never sends connection_init with 4408', async () => {
    const s = rawSocket(t.wsUrl);
    await s.upgrade;
    expect((await s.closed).code).toBe(4408);
  }, 10_000);

  it('closes a socket with a forged or expired token at connection_init with 4403', async () => {
    for (const token of ['forged.token.value', await t.token(Role.VIEWER, { sub: 'old', expiresIn: Math.floor(Date.now() / 1000) - 60 })]) {
      const s = rawSocket(t.wsUrl);
      await s.upgrade;
      s.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
      expect((await s.closed).code).toBe(4403);
    }
  });

  it('refuses the upgrade from a foreign Origin with 403 and accepts an allowed one', async () => {
    const evil = rawSocket(t.wsUrl, { origin: 'https://evil.example.net' });
    expect(await evil.upgrade).toBe(403);
    const good = rawSocket(t.wsUrl, { origin: 'https://ops.example.com' });
    leftovers.push(() => good.close());
    expect(await good.upgrade).toBe(101);
  });

  it('closes a socket that sends a frame over WS_MAX_PAYLOAD_BYTES with 1009', async () => {
    const s = rawSocket(t.wsUrl);
    await s.init(await t.token(Role.VIEWER));
    s.send({ id: '1', type: 'subscribe', payload: { query: `{ __typename }`, variables: { pad: 'x'.repeat(70 * 1024) } } });
    expect((await s.closed).code).toBe(1009);
  });

  it('closes a socket that floods messages with 4029', async () => {
    const s = rawSocket(t.wsUrl);
    await s.init(await t.token(Role.VIEWER));
    for (let i = 0; i < 100; i++) s.send({ type: 'ping' });
    expect((await s.closed).code).toBe(4029);
  });

  it('refuses operations past WS_MAX_SUBSCRIPTIONS_PER_SOCKET with TOO_MANY_SUBSCRIPTIONS', async () => {
    const { processId } = await createLine(t, 'Many subs');
    const s = rawSocket(t.wsUrl);
    leftovers.push(() => s.close());
    await s.init(await t.token(Role.VIEWER, { sub: 'subs' }));
    for (let i = 1; i <= 6; i++) {
      s.send({ id: String(i), type: 'subscribe', payload: { query: THROUGHPUT_UPDATED, variables: { processId } } });
      await sleep(30);
    }
    const refused = await s.waitFor((m) => m.type === 'error' && m.id === '6');
    expect(refused.payload[0].extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', max: 5 });
  });

  it('closes sockets past WS_MAX_CONNECTIONS_PER_PRINCIPAL with 4030', async () => {
    const token = await t.token(Role.VIEWER, { sub: 'multi' });
    const sockets = [1, 2, 3].map(() => rawSocket(t.wsUrl));
    for (const s of sockets) {
      leftovers.push(() => s.close());
      await s.init(token);
    }
    const fourth = rawSocket(t.wsUrl);
    await fourth.upgrade;
    fourth.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    expect((await fourth.closed).code).toBe(4030);
  });

  it('answers a subprotocol other than graphql-transport-ws without one, so the client aborts (1006)', async () => {
    const s = rawSocket(t.wsUrl, { protocol: 'graphql-ws' });
    const error = new Promise<Error>((resolve) => s.ws.once('error', resolve));
    expect((await error).message).toMatch(/no subprotocol/i);
    expect((await s.closed).code).toBe(1006);
  });

  it('refuses a subscription without a token with UNAUTHENTICATED over WebSocket', async () => {
    const s = rawSocket(t.wsUrl);
    leftovers.push(() => s.close());
    await s.init();
    s.send({ id: '1', type: 'subscribe', payload: { query: THROUGHPUT_UPDATED, variables: {} } });
    const m = await s.waitFor((x) => x.id === '1' && (x.type === 'error' || x.type === 'next'));
    const errors = m.type === 'error' ? m.payload : m.payload.errors;
    expect(errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('exposes Prometheus metrics that count refusals, errors and WebSocket state', async () => {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/opsgraph_operations_refused_total\{reason="QUERY_TOO_COMPLEX",detail="complexity"/);
    expect(text).toMatch(/opsgraph_operations_refused_total\{reason="RATE_LIMITED",detail="query"/);
    expect(text).toMatch(/opsgraph_graphql_errors_total\{code="QUERY_TOO_COMPLEX",transport="http"/);
    expect(text).toMatch(/opsgraph_graphql_errors_total\{code="QUERY_TOO_COMPLEX",transport="ws"/);
    expect(text).toMatch(/opsgraph_ws_connections\{service="opsgraph"\} [1-9]/);
    expect(text).toMatch(/opsgraph_events_delivered_total\{service="opsgraph"\} [1-9]/);
    expect(text).toMatch(/opsgraph_events_published_total\{service="opsgraph"\} [1-9]/);
    expect(text).toMatch(/opsgraph_graphql_operation_duration_seconds_bucket/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds/);
  });

  it('never writes a token to the log', async () => {
    await eventually(() => t.logs.length > 0);
    const tokens = [
      await t.token(Role.ADMIN),
      await t.token(Role.OPERATOR, { sub: 'writer' }),
      await t.token(Role.VIEWER, { sub: 'watcher' }),
    ];
    const all = t.logs.join('\n');
    for (const token of tokens) expect(all).not.toContain(token.split('.')[2]);
    expect(all).toMatch(/"requestId"/);
  });
});

describe('per-IP WebSocket cap', () => {
  it('refuses the upgrade past WS_MAX_CONNECTIONS_PER_IP with 429 and accepts again once a socket closes', async () => {
    // 3 instead of 100 keeps the case small; ws-defaults.test.ts refuses the 101st at the default.
    const t = await startTestApp({ env: { WS_MAX_CONNECTIONS_PER_IP: '3' }, logs: true });
    try {
      const open = [1, 2, 3].map(() => rawSocket(t.wsUrl));
      for (const s of open) expect(await s.upgrade).toBe(101);
      const fourth = rawSocket(t.wsUrl);
      expect(await fourth.upgrade).toBe(429);
      open[0].ws.close();
      await open[0].closed;
      await sleep(50);
      const again = rawSocket(t.wsUrl);
      expect(await again.upgrade).toBe(101);
      for (const s of [...open, again]) s.close();
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});

const PRODUCTION: SuiteOptions = {
  databases: ['sqlite'],
  logs: true,
  env: { NODE_ENV: 'production', SEED_DEMO: 'off', HOST: '127.0.0.1' },
};

describeApp('production posture (NODE_ENV=production)', PRODUCTION, ({ t }) => {
  const INTROSPECT = `{ __schema { types { name } } }`;

  it('refuses introspection over HTTP and over WebSocket', async () => {
    const http = await t.post({ query: INTROSPECT });
    expect(http.status).toBe(400);
    expect(http.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const s = rawSocket(t.wsUrl);
    await s.init(await t.token(Role.ADMIN));
    s.send({ id: '1', type: 'subscribe', payload: { query: INTROSPECT } });
    const m = await s.waitFor((x) => x.id === '1');
    expect(m.type).toBe('error');
    expect(m.payload[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    s.close();
  });

  it('gives no "did you mean" suggestions over HTTP or WebSocket', async () => {
    const query = `{ operatons(first: 1) { totalCount } }`;
    const http = await t.post({ query });
    expect(http.json.errors[0].message).not.toMatch(/Did you mean/);
    const s = rawSocket(t.wsUrl);
    await s.init(await t.token(Role.ADMIN));
    s.send({ id: '1', type: 'subscribe', payload: { query } });
    const m = await s.waitFor((x) => x.id === '1');
    expect(JSON.stringify(m.payload)).not.toMatch(/Did you mean/);
    s.close();
  });

  it('masks an unknown error as INTERNAL_SERVER_ERROR with a request id that is in the log, without stack or SQL', async () => {
    const operations = t.app.services.operations as unknown as { list: (...args: unknown[]) => unknown };
    const original = operations.list;
    operations.list = () => {
      throw new Error("ER_NO_SUCH_TABLE: Table 'secret_schema.hidden_table' doesn't exist");
    };
    try {
      const { json, headers } = await t.post({ query: '{ operations { totalCount } }' });
      const error = json.errors[0];
      expect(error).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(error.extensions.requestId).toBe(headers.get('x-request-id'));
      expect(JSON.stringify(json)).not.toMatch(/hidden_table|secret_schema|stack|ER_NO_SUCH/);
      const line = t.logs.find((l) => l.includes(error.extensions.requestId) && l.includes('hidden_table'));
      expect(line).toBeDefined();
    } finally {
      operations.list = original;
    }
  });
});
