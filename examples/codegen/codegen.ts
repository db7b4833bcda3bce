/**
 * GraphQL Code Generator config for the typed-operations example: reads the committed SDL and the
 * `graphql(...)` documents of this folder, and writes typed documents to ./gql/ (committed; a test
 * regenerates it in memory and fails on drift).
 *
 *   npm run codegen    re-emits schema/ from the code, then regenerates ./gql/
 */
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const root = path.resolve(__dirname, '../..');

const config: CodegenConfig = {
  schema: path.join(root, 'schema/schema.graphql'),
  documents: [path.join(__dirname, '*.ts'), `!${path.join(__dirname, 'codegen.ts')}`],
  ignoreNoDocuments: false,
  generates: {
    [path.join(__dirname, 'gql/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTimeISO: 'string' },
        strictScalars: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
