import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { Role } from '../harness/app';
import { describeApp } from '../harness/suite';

// What docs/web.md ("HTTP method: what each client needs") promises, with the shipped defaults.
describeApp('the HTTP methods docs/web.md gives each client', { databases: ['sqlite'] }, ({ t, leftovers }) => {
  /** Records the method and status of every request the clients send through the global fetch. */
  function watchFetch() {
    const requests: { method: string; status: number; contentType: string | null }[] = [];
    const realFetch = globalThis.fetch;
    const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      requests.push({
        method: init?.method ?? 'GET',
        status: response.status,
        contentType: new Headers(init?.headers).get('content-type'),
      });
      return response;
    });
    leftovers.push(() => spy.mockRestore());
    return requests;
  }

  it('answers a plain GET without a preflight-forcing header with one BAD_REQUEST error naming the headers', async () => {
    const response = await t.fetch(`/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/apollo-require-preflight.*authorization/);
  });

  it('answers a plain GET that carries a token, or apollo-require-preflight without one', async () => {
    const query = `/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const withToken = await t.fetch(query, { headers: { authorization: `Bearer ${await t.token(Role.VIEWER)}` } });
    expect({ status: withToken.status, body: ((await withToken.json()) as { data: unknown }).data }).toEqual({
      status: 200,
      body: { __typename: 'Query' },
    });
    const withPreflightHeader = await t.fetch(query, { headers: { 'apollo-require-preflight': 'true' } });
    expect({ status: withPreflightHeader.status, body: ((await withPreflightHeader.json()) as { data: unknown }).data }).toEqual({
      status: 200,
      body: { __typename: 'Query' },
    });
  });

  it('never runs a mutation sent with GET (405)', async () => {
    const mutation = encodeURIComponent('mutation { acknowledgeAlert(input: { id: "x" }) { __typename } }');
    const response = await t.fetch(`/graphql?query=${mutation}`, { headers: { authorization: `Bearer ${await t.token(Role.ADMIN)}` } });
    expect(response.status).toBe(405);
  });

  it('lets Apollo Client send queries with useGETForQueries: HttpLink keeps content-type: application/json on GET', async () => {
    const requests = watchFetch();
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new HttpLink({
        uri: `${t.url}/graphql`,
        headers: { authorization: `Bearer ${await t.token(Role.VIEWER)}` },
        useGETForQueries: true,
      }),
    });
    // A real field: InMemoryCache answers a bare `{ __typename }` on Query without asking.
    const { data } = await client.query<{ kpiDefinitions: { key: string }[] }>({
      query: gql`
        query KpiKeys {
          kpiDefinitions {
            key
          }
        }
      `,
    });
    client.stop();
    expect(data?.kpiDefinitions.length).toBeGreaterThan(0);
    expect(requests).toEqual([{ method: 'GET', status: 200, contentType: 'application/json' }]);
  });

  it('lets urql send its default GET queries with the token in fetchOptions, and without a token only with apollo-require-preflight', async () => {
    const requests = watchFetch();
    const query = 'query Typename { __typename }';
    const urql = (headers: Record<string, string>) =>
      new Client({ url: `${t.url}/graphql`, exchanges: [fetchExchange], fetchOptions: () => ({ headers }) });

    const withToken = await urql({ authorization: `Bearer ${await t.token(Role.VIEWER)}` })
      .query(query, {})
      .toPromise();
    const anonymous = await urql({}).query(query, {}).toPromise();
    const anonymousWithHeader = await urql({ 'apollo-require-preflight': 'true' }).query(query, {}).toPromise();

    expect(withToken.data).toEqual({ __typename: 'Query' });
    expect(anonymous.error?.graphQLErrors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(anonymousWithHeader.data).toEqual({ __typename: 'Query' });
    expect(requests).toEqual([
      { method: 'GET', status: 200, contentType: null },
      { method: 'GET', status: 400, contentType: null },
      { method: 'GET', status: 200, contentType: null },
    ]);
  });
});
