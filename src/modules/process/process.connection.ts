import { Connection } from '../../common/pagination';
import { Process, ThroughputSample } from './process.entity';

/** A page of processes: the `processes` query and `Operation.processes`. */
export const ProcessConnection = Connection(Process, 'Process', 'A process.');

/** A page of a process's samples: `Process.samples`. */
export const ThroughputSampleConnection = Connection(ThroughputSample, 'ThroughputSample', 'A throughput sample.');
