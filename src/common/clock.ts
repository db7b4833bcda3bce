/** Where "now" comes from; tests pin it, production reads the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * How far in the future a client-stated time may lie (a sample's period end, a stock movement's or
 * a cost's date): the clock skew of line terminals and clients. Later times are BAD_USER_INPUT.
 */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;
