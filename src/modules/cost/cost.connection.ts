import { Connection } from '../../common/pagination';
import { CostEntry } from './cost.entity';

/** A page of cost entries: `Project.costs`. */
export const CostEntryConnection = Connection(CostEntry, 'CostEntry', 'A cost entry.');
