import { createUnionType, registerEnumType } from 'type-graphql';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { Risk } from './risk.entity';

/** The GraphQL face of the kpi module's RiskBand strings. */
export enum RiskBand {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(RiskBand, {
  name: 'RiskBand',
  description: 'Severity band of a risk score on the 5 × 5 matrix, escalated one band while its milestone is overdue.',
  valuesConfig: {
    LOW: { description: 'Score 1–4.' },
    MEDIUM: { description: 'Score 5–9.' },
    HIGH: { description: 'Score 10–16.' },
    CRITICAL: { description: 'Score 20–25.' },
  },
});

export const CreateRiskResult = createUnionType({
  name: 'CreateRiskResult',
  description: 'The created risk, or InvalidStateTransition when the project is COMPLETED or CANCELLED.',
  types: () => [Risk, InvalidStateTransition] as const,
});

export const UpdateRiskResult = createUnionType({
  name: 'UpdateRiskResult',
  description: 'The updated risk, or VersionConflict (nothing was changed).',
  types: () => [Risk, VersionConflict] as const,
});
