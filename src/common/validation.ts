import { getMetadataStorage, validateOrReject, ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { badInput } from './errors';

/** type-graphql's defaults for argument validation, plus what the error formatter expects. */
const OPTIONS: ValidatorOptions = {
  skipMissingProperties: true,
  forbidUnknownValues: false,
  validationError: { target: true, value: false },
};
/** Valid argument values remembered per argument class (arguments repeat across list items). */
const MAX_REMEMBERED = 500;
const MAX_KEY_LENGTH = 2048;

/**
 * class-validator looks up a class's constraints on every validation: it filters all of its
 * metadata and tests `instanceof` against every decorated class for inherited ones (1.8 % of the
 * app's CPU in keyed single ingest, bench #8). The answer changes only when a decorator registers
 * more metadata, which clears what is remembered here. Lookups by schema name or with groups (this
 * app uses neither) pass through.
 */
function rememberTargetMetadatas(): void {
  type Lookup = (target: Function, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => unknown[];
  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas: Lookup;
    addValidationMetadata(metadata: unknown): void;
    [REMEMBERED]?: true;
  };
  if (storage[REMEMBERED]) return;
  storage[REMEMBERED] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  const byFlags = new Map<string, Map<Function, unknown[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema || groups?.length || typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const flags = `${always}|${strictGroups}`;
    let byTarget = byFlags.get(flags);
    if (!byTarget) byFlags.set(flags, (byTarget = new Map()));
    let found = byTarget.get(target);
    if (!found) byTarget.set(target, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    byFlags.clear();
    add(metadata);
  };
}
const REMEMBERED = Symbol.for('opsgraph.rememberedTargetMetadatas');
rememberTargetMetadatas();

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

/** What a class requires of its string properties beyond class-validator's own constraints. */
interface StringRules {
  /** Properties that need at least one character (`@Length(1, …)`, `@MinLength(1)`, `@IsNotEmpty()`): whitespace alone does not count. */
  nonBlank: { property: string; each: boolean }[];
  /** Properties holding nested input objects (`@ValidateNested`), checked with their own class's rules. */
  nested: string[];
}

const stringRules = new WeakMap<Function, StringRules>();

function rulesOf(type: Function): StringRules {
  let rules = stringRules.get(type);
  if (!rules) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
    rules = { nonBlank: [], nested: [] };
    for (const m of metadata) {
      const min = Number(m.constraints?.[0] ?? 0);
      const requiresText = ((m.name === 'isLength' || m.name === 'minLength') && min >= 1) || m.name === 'isNotEmpty';
      if (requiresText && !rules.nonBlank.some((r) => r.property === m.propertyName))
        rules.nonBlank.push({ property: m.propertyName, each: Boolean(m.each) });
      if (m.type === 'nestedValidation' && !rules.nested.includes(m.propertyName)) rules.nested.push(m.propertyName);
    }
    stringRules.set(type, rules);
  }
  return rules;
}

function blankError(target: object, property: string): ValidationError {
  return Object.assign(new ValidationError(), {
    target,
    property,
    children: [],
    constraints: { isNotBlank: `${property} must not be blank (whitespace only)` },
  });
}

/**
 * The string properties of `value` that need text but hold only whitespace (services trim names, so
 * "   " would be stored as ""), as class-validator errors: nested objects and list items included.
 */
function blankProperties(value: object): ValidationError[] {
  const rules = rulesOf(value.constructor);
  const errors: ValidationError[] = [];
  const record = value as Record<string, unknown>;
  for (const { property, each } of rules.nonBlank) {
    const field = record[property];
    if (typeof field === 'string' && field.trim() === '') errors.push(blankError(value, property));
    if (each && Array.isArray(field)) {
      const children = field.flatMap((item, i) =>
        typeof item === 'string' && item.trim() === '' ? [blankError(field as object, String(i))] : [],
      );
      if (children.length) errors.push(Object.assign(new ValidationError(), { target: value, property, children }));
    }
  }
  for (const property of rules.nested) {
    const field = record[property];
    const items = Array.isArray(field) ? field : [field];
    const children = items.flatMap((item, i) => {
      if (item === null || typeof item !== 'object') return [];
      const inner = blankProperties(item);
      if (!inner.length) return [];
      return Array.isArray(field) ? [Object.assign(new ValidationError(), { target: field, property: String(i), children: inner })] : inner;
    });
    if (children.length) errors.push(Object.assign(new ValidationError(), { target: value, property, children }));
  }
  return errors;
}

/** A UTF-16 surrogate not paired with its other half: the string is not well-formed Unicode (it cannot be stored as UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The path (`input.name`, `ids[2]`) of the first string in `value` that is not well-formed Unicode, or null. */
function illFormedString(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 20 || value instanceof Date) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedString(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key in value) {
    const found = illFormedString((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The argument objects already checked for well-formed strings (one field's arguments are validated one by one). */
const checkedArgs = new WeakSet<object>();

/**
 * Refuses, with BAD_USER_INPUT naming the argument, any string argument (at any depth) that is
 * not well-formed Unicode: a lone surrogate such as "\uD800" would be echoed as sent but stored
 * as U+FFFD (or refused by MySQL), so it is refused before anything runs.
 */
export function checkWellFormedArguments(args: Record<string, unknown> | null | undefined): void {
  if (!args || checkedArgs.has(args)) return;
  checkedArgs.add(args);
  const path = illFormedString(args, '');
  if (path) throw badInput(path, 'is not well-formed Unicode (it holds a lone UTF-16 surrogate)');
}

/** Only flat values (no lists, e.g. not a 500-sample batch) are worth a JSON key. */
function rememberable(value: object): boolean {
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== null && typeof field === 'object' && !(field instanceof Date)) return false;
  }
  return true;
}

async function validateValue(type: Function, value: object, remember: boolean): Promise<void> {
  // The same arguments (e.g. a window on every process of a page) are validated once: validity is a
  // pure function of the value, and JSON is a faithful key for these plain input objects.
  const key = remember && rememberable(value) ? JSON.stringify(value) : null;
  const seen = key !== null && key.length <= MAX_KEY_LENGTH ? remembered.get(type) : undefined;
  if (seen?.has(key!)) return;
  try {
    await validateOrReject(value, OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as never);
  }
  const blank = blankProperties(value);
  if (blank.length) throw new ArgumentValidationError(blank);
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
 * On top, for every argument of every field: strings must be well-formed Unicode
 * (`checkWellFormedArguments`), and a property that needs text (`@Length(1, …)`) refuses
 * whitespace alone, as class-validator errors naming the field.
 */
export async function validateArgument(
  value: unknown,
  type: unknown,
  resolverData?: { args?: Record<string, unknown>; info?: { parentType?: { name: string } } },
): Promise<void> {
  checkWellFormedArguments(resolverData?.args);
  if (value === null || typeof value !== 'object' || typeof type !== 'function') return;
  if (!hasConstraints(type)) return;
  // A mutation's arguments are validated once per request and rarely repeat (every sample has its
  // own period and key): remembering them would only cost a JSON key each.
  const remember = resolverData?.info?.parentType?.name !== 'Mutation';
  if (Array.isArray(value)) {
    await Promise.all(value.filter((item) => item !== null && typeof item === 'object').map((item) => validateValue(type, item, remember)));
    return;
  }
  await validateValue(type, value, remember);
}
