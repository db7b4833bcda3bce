import { Field, Float, ID, Int, InterfaceType, ObjectType } from 'type-graphql';

/** Relay global object identification: every entity implements Node. */
@InterfaceType({ description: 'An object with a globally unique, opaque ID that `node(id:)` resolves.' })
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque ID.' })
  id: string;
}

/** Shared shape of every expected failure a mutation returns instead of throwing. */
@InterfaceType({ description: 'An expected failure of a mutation, returned as a member of its Result union.' })
export abstract class ErrorResult {
  @Field({ description: 'Stable machine-readable code, SCREAMING_SNAKE_CASE.' })
  code: string;

  @Field({ description: 'Human-readable explanation.' })
  message: string;
}

@ObjectType({
  implements: ErrorResult,
  description: 'The object changed since the client read it: refetch and retry. Nothing was changed.',
})
export class VersionConflict implements ErrorResult {
  @Field({ description: 'Stable machine-readable code.' }) code: string = 'VERSION_CONFLICT';
  @Field({ description: 'Human-readable explanation.' }) message: string;

  @Field(() => ID, { description: 'The object whose version did not match.' })
  nodeId: string;

  @Field(() => Int, { description: 'The version the client expected.' })
  expectedVersion: number;

  @Field(() => Int, { description: 'The version now stored.' })
  actualVersion: number;

  constructor(nodeId: string, expectedVersion: number, actualVersion: number) {
    this.nodeId = nodeId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
    this.message = `Expected version ${expectedVersion} but the object is at version ${actualVersion}; nothing was changed`;
  }
}

@ObjectType({ implements: ErrorResult, description: "The requested change is not allowed from the object's current state." })
export class InvalidStateTransition implements ErrorResult {
  @Field({ description: 'Stable machine-readable code.' }) code: string = 'INVALID_STATE_TRANSITION';
  @Field({ description: 'Human-readable explanation.' }) message: string;

  @Field({ description: 'The current state.' })
  from: string;

  @Field({ description: 'The state or action that was requested.' })
  to: string;

  constructor(message: string, from: string, to: string) {
    this.message = message;
    this.from = from;
    this.to = to;
  }
}

@ObjectType({ implements: ErrorResult, description: 'The idempotency key was already used for a different request.' })
export class IdempotencyKeyReused implements ErrorResult {
  @Field({ description: 'Stable machine-readable code.' }) code: string = 'IDEMPOTENCY_KEY_REUSED';
  @Field({ description: 'Human-readable explanation.' }) message: string =
    'This idempotency key was already used with a different payload; nothing was changed';
}

const formatters = new Map<string, Intl.NumberFormat>();
/** Building an Intl.NumberFormat costs far more than using one: keep one per currency. */
function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** Money is stored as integer cents; this is how it reads. */
@ObjectType({ description: 'An amount of money in the instance currency.' })
export class Money {
  @Field(() => Float, { description: 'Amount in currency units, e.g. 1234.5.' })
  amount: number;

  @Field(() => String, { description: 'Exact amount in minor units (cents), as a decimal string to avoid 32-bit limits.' })
  cents: string;

  @Field({ description: 'ISO 4217 currency code.' })
  currency: string;

  @Field({ description: 'Formatted for display, e.g. "€1,234.50".' })
  formatted: string;

  /**
   * Money from an amount in cents. A computed amount with a fraction of a cent (a KPI such as EAC
   * or a cost per unit) is rounded to the nearest cent, halves away from zero, so `cents` is always
   * an exact integer and `amount` equals `cents ÷ 100`.
   */
  static of(cents: number, currency: string): Money {
    const money = new Money();
    const whole = roundCents(cents);
    money.amount = whole / 100;
    money.cents = String(whole);
    money.currency = currency;
    money.formatted = formatterFor(currency).format(whole / 100);
    return money;
  }
}

/** Rounds to a whole cent, halves away from zero, without a negative zero. */
function roundCents(cents: number): number {
  const rounded = Math.sign(cents) * Math.round(Math.abs(cents));
  return rounded === 0 ? 0 : rounded;
}

/** Converts a currency amount from input to cents; null when it has more than 2 decimals. */
export function toCents(amount: number): number | null {
  const cents = Math.round(amount * 100);
  return Math.abs(cents - amount * 100) < 1e-6 && Number.isSafeInteger(cents) ? cents : null;
}
