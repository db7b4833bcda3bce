import { GraphQLError } from 'graphql';
import { decodeEventCursor, encodeEventCursor } from './cursor';

const INCARNATION = '0123456789abcdef';

describe('event cursors', () => {
  it('round-trips a stream position with its database incarnation (ev2)', () => {
    const cursor = encodeEventCursor('operation:12', 345, INCARNATION);
    expect(Buffer.from(cursor, 'base64url').toString('utf8')).toBe(`ev2:operation:12:${INCARNATION}:345`);
    expect(decodeEventCursor(cursor, 'operation:12')).toEqual({ seq: 345, incarnation: INCARNATION });
  });

  it('still reads an older ev1 cursor, with no incarnation', () => {
    const cursor = Buffer.from('ev1:project:3:17', 'utf8').toString('base64url');
    expect(decodeEventCursor(cursor, 'project:3')).toEqual({ seq: 17, incarnation: null });
    expect(encodeEventCursor('project:3', 17)).toBe(cursor);
  });

  it('refuses a cursor of another stream with BAD_USER_INPUT, in either version', () => {
    for (const cursor of [encodeEventCursor('operation:1', 5, INCARNATION), encodeEventCursor('operation:1', 5)]) {
      const error = catchError(() => decodeEventCursor(cursor, 'operation:2'));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('another stream');
    }
  });

  it('refuses malformed cursors with BAD_USER_INPUT', () => {
    const raw = [
      '',
      'ev1:operation:1',
      'ev2:operation:1:5',
      'ev2:operation:1:XYZ0123456789abc:5',
      'ev3:operation:1:5',
      'ev1:operation:1:-5',
    ];
    for (const text of raw) {
      const error = catchError(() => decodeEventCursor(Buffer.from(text, 'utf8').toString('base64url'), 'operation:1'));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});

function catchError(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected an error');
}
