import 'reflect-metadata';
import { IsInt, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { checkWellFormedArguments, validateArgument } from './validation';

class Window {
  @IsInt()
  @Min(1)
  @Max(60)
  minutes!: number;
}

class Batch {
  @ValidateNested({ each: true })
  windows!: Window[];
}

class Unconstrained {
  name!: string;
}

const window = (minutes: number) => Object.assign(new Window(), { minutes });

class Named {
  @Length(1, 200)
  name!: string;

  @MaxLength(200)
  note?: string;

  @Length(1, 20, { each: true })
  tags?: string[];
}

class Parent {
  @Length(1, 200)
  name!: string;

  @ValidateNested({ each: true })
  children?: Named[];
}

const named = (fields: Partial<Named>) => Object.assign(new Named(), fields);

async function refusal(value: unknown, type: Function): Promise<any[]> {
  const error = await validateArgument(value, type).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArgumentValidationError);
  return (error as ArgumentValidationError).extensions.validationErrors as any[];
}

describe('validateArgument', () => {
  it('refuses an invalid value with ArgumentValidationError naming the property, every time', async () => {
    for (let i = 0; i < 2; i++) {
      const error = await validateArgument(window(0), Window).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ArgumentValidationError);
      expect((error as ArgumentValidationError).extensions.validationErrors).toEqual([expect.objectContaining({ property: 'minutes' })]);
    }
  });

  it('accepts a valid value, and the same value again from its remembered key', async () => {
    await expect(validateArgument(window(30), Window)).resolves.toBeUndefined();
    await expect(validateArgument(window(30), Window)).resolves.toBeUndefined();
    // A different value with the same shape is still checked.
    await expect(validateArgument(window(61), Window)).rejects.toBeInstanceOf(ArgumentValidationError);
  });

  it("sees constraints of classes decorated after its first lookups, and a subclass's inherited ones (class-validator's lookups are remembered)", async () => {
    await expect(validateArgument(window(30), Window)).resolves.toBeUndefined();
    class Late {
      @Min(5)
      count!: number;
    }
    class Later extends Late {
      @Max(7)
      limit!: number;
    }
    await expect(validateArgument(Object.assign(new Late(), { count: 1 }), Late)).rejects.toBeInstanceOf(ArgumentValidationError);
    const both = validateArgument(Object.assign(new Later(), { count: 1, limit: 9 }), Later).catch((error: ArgumentValidationError) =>
      error.extensions.validationErrors.map((e) => e.property).sort(),
    );
    await expect(both).resolves.toEqual(['count', 'limit']);
    await expect(validateArgument(Object.assign(new Later(), { count: 6, limit: 7 }), Later)).resolves.toBeUndefined();
    // A constraint registered after a lookup of its class is seen by the next validation.
    Max(6)(Later.prototype, 'count');
    await expect(validateArgument(Object.assign(new Later(), { count: 7, limit: 7 }), Later)).rejects.toBeInstanceOf(
      ArgumentValidationError,
    );
  });

  it("validates a mutation's arguments every time without remembering them", async () => {
    const mutation = { info: { parentType: { name: 'Mutation' } } };
    for (let i = 0; i < 2; i++) {
      await expect(validateArgument(window(30), Window, mutation)).resolves.toBeUndefined();
      await expect(validateArgument(window(0), Window, mutation)).rejects.toBeInstanceOf(ArgumentValidationError);
    }
  });

  it('validates nested inputs and each item of a list argument', async () => {
    const batch = Object.assign(new Batch(), { windows: [window(5), window(99)] });
    await expect(validateArgument(batch, Batch)).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(validateArgument([window(5), window(-1)], Window)).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(validateArgument([window(5), null], Window)).resolves.toBeUndefined();
  });

  it('lets scalars and classes without constraints through untouched', async () => {
    await expect(validateArgument(42, Number)).resolves.toBeUndefined();
    await expect(validateArgument(null, Window)).resolves.toBeUndefined();
    await expect(validateArgument(Object.assign(new Unconstrained(), { name: '' }), Unconstrained)).resolves.toBeUndefined();
  });

  it('refuses whitespace alone where text is required (Length with a minimum of 1), nested and per list item', async () => {
    expect(await refusal(named({ name: ' \t\u00A0' }), Named)).toEqual([
      expect.objectContaining({ property: 'name', constraints: { isNotBlank: 'name must not be blank (whitespace only)' } }),
    ]);
    const [tags] = await refusal(named({ name: 'ok', tags: ['a', '  '] }), Named);
    expect(tags).toMatchObject({ property: 'tags', children: [{ property: '1', constraints: { isNotBlank: expect.any(String) } }] });
    const [children] = await refusal(
      Object.assign(new Parent(), { name: 'p', children: [named({ name: 'a' }), named({ name: ' ' })] }),
      Parent,
    );
    expect(children).toMatchObject({ property: 'children', children: [{ property: '1', children: [{ property: 'name' }] }] });
    // Text with spaces around it, and optional text that may be empty, pass.
    await expect(validateArgument(named({ name: '  a  ', note: '   ' }), Named)).resolves.toBeUndefined();
  });

  it('refuses a string argument that is not well-formed Unicode, naming its path, at any depth', () => {
    const pathOf = (args: Record<string, unknown>) => {
      try {
        checkWellFormedArguments(args);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
        return (error as GraphQLError).extensions.fields;
      }
    };
    expect(pathOf({ input: { name: 'a\uD800' } })).toEqual(['input.name']);
    expect(pathOf({ ids: ['ok', '\uDC00x'] })).toEqual(['ids[1]']);
    expect(pathOf({ filter: { search: '\uDE00\uD83D' } })).toEqual(['filter.search']);
    expect(pathOf({ input: { name: 'Line 😀 \u202E 𝔘', count: 3, when: new Date(0), none: null } })).toBeNull();
  });
});
