import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsOnly } from './selection';

/** The first top-level field of a document, with its fragments, as a resolver's info holds them. */
function infoOf(document: string) {
  const ast = parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

const allowed = new Set(['goodUnits', 'yield']);

describe('selectsOnly', () => {
  it('is true for allowed fields and __typename, however deep their own selections go', () => {
    expect(selectsOnly(infoOf('{ stats { __typename goodUnits yield { value reason } } }'), allowed)).toBe(true);
  });

  it('is false for any other field, also inside an inline fragment or a fragment spread', () => {
    expect(selectsOnly(infoOf('{ stats { goodUnits plannedMinutes } }'), allowed)).toBe(false);
    expect(selectsOnly(infoOf('{ stats { goodUnits ... on ThroughputStats { oee { oee { value } } } } }'), allowed)).toBe(false);
    expect(selectsOnly(infoOf('{ stats { ...F } } fragment F on ThroughputStats { attainment { value } }'), allowed)).toBe(false);
    expect(selectsOnly(infoOf('{ stats { ...F } } fragment F on ThroughputStats { goodUnits }'), allowed)).toBe(true);
  });

  it('is false when it cannot tell: no field nodes, or a spread of an unknown fragment', () => {
    expect(selectsOnly({ fieldNodes: [], fragments: {} }, allowed)).toBe(false);
    expect(selectsOnly({ ...infoOf('{ stats { ...Missing } }'), fragments: {} }, allowed)).toBe(false);
  });
});
