import 'reflect-metadata';
import { IsInt, Max, Min, ValidateNested } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { validateArgument } from './validation';

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
});
