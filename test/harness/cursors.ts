import { fromGlobalId } from '../../src/common/ids';
import { decodeEventCursor } from '../../src/realtime/cursor';
import { streamKeys } from '../../src/realtime/streams';

/** The row id inside a global ID (through the app's own decoder); throws for anything that is not one. */
export function rowIdOf(id: string): number {
  const decoded = fromGlobalId(id);
  if (!decoded) throw new Error(`not a global ID: ${id}`);
  return decoded.rowId;
}

/** The sequence number of a live event cursor of an operation's stream (throughputUpdated); throws for one of another stream. */
export function operationEventSeq(cursor: string, operationId: string): number {
  return decodeEventCursor(cursor, streamKeys.operation(rowIdOf(operationId))).seq;
}

/** The sequence number of a live event cursor of a project's stream (projectProgressUpdated); throws for one of another stream. */
export function projectEventSeq(cursor: string, projectId: string): number {
  return decodeEventCursor(cursor, streamKeys.project(rowIdOf(projectId))).seq;
}
