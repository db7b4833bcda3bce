import fs from 'node:fs';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, isScalarType, type GraphQLSchema } from 'graphql';
import path from 'node:path';
import { buildAppSchema, printAppSchema, SCHEMA_FILE } from '../src/schema';
import { emittedSchemaFiles, POSSIBLE_TYPES_FILE } from '../src/cli/emit-schema';

describe('the committed schema', () => {
  it('matches the schema the code builds (run `npm run schema` after changing the graph)', async () => {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    expect(committed).toBe(await printAppSchema());
  });

  it('ships every file `npm run schema` writes, unchanged (possible-types.json and introspection.json for client caches)', async () => {
    const files = await emittedSchemaFiles();
    expect(files.map(({ file }) => path.basename(file))).toEqual(['schema.graphql', 'possible-types.json', 'introspection.json']);
    for (const { file, content } of files) {
      const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      expect({ file: path.relative(path.dirname(SCHEMA_FILE), file), content: committed }).toEqual({
        file: path.relative(path.dirname(SCHEMA_FILE), file),
        content,
      });
    }
  });

  it('maps ErrorResult, Node and every Result union to their object types in possible-types.json', () => {
    const possibleTypes = JSON.parse(fs.readFileSync(POSSIBLE_TYPES_FILE, 'utf8')) as Record<string, string[]>;
    expect(possibleTypes.ErrorResult).toEqual(expect.arrayContaining(['SampleOverlap', 'VersionConflict', 'InvalidStateTransition']));
    expect(possibleTypes.Node).toEqual(expect.arrayContaining(['Operation', 'Process', 'Project']));
    expect(possibleTypes.RecordThroughputResult).toEqual(expect.arrayContaining(['SampleOverlap', 'ThroughputSample']));
  });

  it('describes every type, field, argument and enum value', async () => {
    const schema: GraphQLSchema = await buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))) continue;
      if (!type.description && !['Query', 'Mutation', 'Subscription'].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});
