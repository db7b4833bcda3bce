import { Connection } from '../../common/pagination';
import { Operation } from './operation.entity';

/** A page of operations: the `operations` query and `Team.operations`. */
export const OperationConnection = Connection(Operation, 'Operation', 'An operation.');
