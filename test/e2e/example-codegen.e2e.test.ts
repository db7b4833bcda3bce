import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../../examples/codegen/codegen';
import { runCodegenExample } from '../../examples/codegen/record-sample';
import { createProcess } from '../harness/factories';
import { Role } from '../harness/app';
import { describeApp } from '../harness/suite';

const GQL_DIR = path.resolve(__dirname, '../../examples/codegen/gql');

describe('the examples/codegen/ typed documents', () => {
  it('are what GraphQL Code Generator makes from the committed SDL and the example (run `npm run codegen` after changing either)', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...config, silent: true, verbose: false }, false);
    const generated = Object.fromEntries(outputs.map(({ filename, content }) => [path.relative(GQL_DIR, filename), content]));
    const committed = Object.fromEntries(fs.readdirSync(GQL_DIR).map((name) => [name, fs.readFileSync(path.join(GQL_DIR, name), 'utf8')]));
    expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
    for (const name of Object.keys(generated)) expect({ name, content: committed[name] }).toEqual({ name, content: generated[name] });
  }, 60_000);
});

// The shipped limits (rate limit, query limits) apply: the example has to work with the defaults.
describeApp('the examples/codegen/ typed client on %s', ({ t }) => {
  it("reads ... on Node { id } and a SampleOverlap's code and message through the typed documents and InMemoryCache", async () => {
    const processId = (await createProcess(t, { name: 'Typed press' })).id;

    const report = await runCodegenExample({ baseUrl: t.url, token: await t.token(Role.OPERATOR), processId });

    expect(report).toEqual({
      process: { id: processId, name: 'Typed press' },
      sample: { id: expect.any(String), goodUnits: 10 },
      refusal: { typename: 'SampleOverlap', code: 'SAMPLE_OVERLAP', message: expect.stringContaining(report.sample.id) },
    });
  }, 60_000);
});
