import { resolveOperation } from './operation-kind.js';
import { tourTabs } from './graphiql-tour.js';

/* global React, ReactDOM, GraphiQL, graphqlWs */
const settings = JSON.parse(document.getElementById('opsgraph-settings').textContent);
const httpUrl = new URL(settings.endpoint, location.href).href;
const wsUrl = httpUrl.replace(/^http/, 'ws');

/** Reads the Authorization header from the header editor's JSON, whatever its case. */
function authorizationOf(headers) {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === 'authorization');
  return entry ? String(entry[1]) : undefined;
}

/** One graphql-ws client per Authorization value: a changed token opens a fresh, authenticated socket. */
let socket = { authorization: undefined, client: null };
function wsClientFor(authorization) {
  if (socket.client && socket.authorization === authorization) return socket.client;
  socket.client?.dispose();
  socket = {
    authorization,
    client: graphqlWs.createClient({
      url: wsUrl,
      connectionParams: authorization ? { authorization } : {},
      retryAttempts: 5,
    }),
  };
  return socket.client;
}

/**
 * Routes each request by the kind of operation it runs: subscriptions over graphql-ws on this
 * origin, queries and mutations as a POST to /graphql with the header editor's headers.
 */
function fetcher(params, options) {
  const headers = options?.headers ?? {};
  const operation = resolveOperation(params.query, params.operationName);
  const request = {
    query: params.query,
    variables: params.variables ?? undefined,
    operationName: operation?.name ?? params.operationName ?? undefined,
  };
  if (operation?.kind === 'subscription') {
    const client = wsClientFor(authorizationOf(headers));
    // An observable: GraphiQL shows each event as it arrives and unsubscribes on "stop".
    return {
      subscribe(observer) {
        const unsubscribe = client.subscribe(request, {
          next: (value) => observer.next?.(value),
          error: (error) =>
            observer.error?.(
              error instanceof Error
                ? error
                : new Error(`Socket closed (${error?.code ?? 'error'}${error?.reason ? `: ${error.reason}` : ''})`),
            ),
          complete: () => observer.complete?.(),
        });
        return { unsubscribe };
      },
    };
  }
  return fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify(request),
  }).then((response) => response.json());
}

/** The first operation's id, so the subscription tab runs as it is; null without a token or data. */
async function firstOperationId(headers) {
  if (!settings.token) return null;
  try {
    const result = await fetcher({ query: '{ operations(first: 1) { edges { node { id } } } }' }, { headers: JSON.parse(headers) });
    return result.data?.operations.edges[0]?.node.id ?? null;
  } catch {
    return null;
  }
}

const headers = settings.token
  ? JSON.stringify({ Authorization: `Bearer ${settings.token}` }, null, 2)
  : JSON.stringify({ Authorization: 'Bearer <paste a token>' }, null, 2);
const operationId = await firstOperationId(headers);
const tabs = tourTabs.map((tab) => ({
  ...tab,
  headers,
  // Only tabs whose variables ask for an operation get the first one; others (a window of dates) keep theirs.
  variables: operationId && tab.variables?.includes('"operationId"') ? JSON.stringify({ operationId }, null, 2) : tab.variables,
}));
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultTabs: tabs,
    defaultHeaders: headers,
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
  }),
);
