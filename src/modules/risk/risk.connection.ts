import { Connection } from '../../common/pagination';
import { Risk } from './risk.entity';

/** A page of risks: `Project.risks`. */
export const RiskConnection = Connection(Risk, 'Risk', 'A risk.');
