import { getMetadataStorage, validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

/** type-graphql's defaults for argument validation, plus what the error formatter expects. */
const OPTIONS: ValidatorOptions = {
  skipMissingProperties: true,
  forbidUnknownValues: false,
  validationError: { target: true, value: false },
};
/** Valid argument values remembered per argument class (arguments repeat across list items). */
const MAX_REMEMBERED = 500;
const MAX_KEY_LENGTH = 2048;

const constrained = new WeakMap<Function, boolean>();
const remembered = new WeakMap<Function, Set<string>>();

function hasConstraints(type: Function): boolean {
  let known = constrained.get(type);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    constrained.set(type, known);
  }
  return known;
}

/** Only flat values (no lists, e.g. not a 500-sample batch) are worth a JSON key. */
function rememberable(value: object): boolean {
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== null && typeof field === 'object' && !(field instanceof Date)) return false;
  }
  return true;
}

async function validateValue(type: Function, value: object): Promise<void> {
  // The same arguments (e.g. a window on every process of a page) are validated once: validity is a
  // pure function of the value, and JSON is a faithful key for these plain input objects.
  const key = rememberable(value) ? JSON.stringify(value) : null;
  const seen = key !== null && key.length <= MAX_KEY_LENGTH ? remembered.get(type) : undefined;
  if (seen?.has(key!)) return;
  try {
    await validateOrReject(value, OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as never);
  }
  if (key === null || key.length > MAX_KEY_LENGTH) return;
  let set = seen ?? remembered.get(type);
  if (!set) remembered.set(type, (set = new Set()));
  if (set.size >= MAX_REMEMBERED) set.clear();
  set.add(key);
}

/**
 * type-graphql's `validateFn`: class-validator on input and args classes, as type-graphql's own
 * validation does, but skipping classes without constraints and values already found valid.
 * type-graphql's built-in path re-resolves `require('class-validator')` and validates every
 * object argument of every field of every list item, which dominated list-heavy queries.
 */
export async function validateArgument(value: unknown, type: unknown): Promise<void> {
  if (value === null || typeof value !== 'object' || typeof type !== 'function') return;
  if (!hasConstraints(type)) return;
  if (Array.isArray(value)) {
    await Promise.all(value.filter((item) => item !== null && typeof item === 'object').map((item) => validateValue(type, item)));
    return;
  }
  await validateValue(type, value);
}
