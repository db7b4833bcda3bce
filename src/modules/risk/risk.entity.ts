import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node } from '../../common/types';
import { VersionedEntity } from '../base.entity';

export enum RiskStatus {
  OPEN = 'OPEN',
  MITIGATING = 'MITIGATING',
  CLOSED = 'CLOSED',
  OCCURRED = 'OCCURRED',
}
registerEnumType(RiskStatus, {
  name: 'RiskStatus',
  description: 'Lifecycle of a risk.',
  valuesConfig: {
    OPEN: { description: 'Identified, no action yet.' },
    MITIGATING: { description: 'Mitigation under way.' },
    CLOSED: { description: 'No longer a threat.' },
    OCCURRED: { description: 'It happened: now an issue.' },
  },
});

@Entity('risk')
@ObjectType({ implements: Node, description: 'Something that may hurt a project, scored probability × impact.' })
export class Risk extends VersionedEntity implements Node {
  @Index()
  @Column({ type: 'int' })
  projectRowId: number;

  @ManyToOne('Project', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'projectRowId' })
  private projectFk?: unknown;

  @Column({ length: 200 })
  @Field({ description: 'Short statement of the risk.' })
  title: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Likelihood, 1 (rare) – 5 (almost certain).' })
  probability: number;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Consequence, 1 (negligible) – 5 (severe).' })
  impact: number;

  @Column({ type: 'simple-enum', enum: RiskStatus, default: RiskStatus.OPEN })
  @Field(() => RiskStatus, { description: 'OPEN, MITIGATING, CLOSED or OCCURRED.' })
  status: RiskStatus;

  @Column({ type: 'int', nullable: true })
  ownerRowId: number | null;

  @ManyToOne('Person', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerRowId' })
  private ownerFk?: unknown;

  @Column({ type: 'varchar', length: 2000, default: '' })
  @Field({ description: 'What is being done about it.' })
  mitigation: string;

  @Column({ type: 'int', nullable: true })
  milestoneRowId: number | null;

  @ManyToOne('Milestone', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'milestoneRowId' })
  private milestoneFk?: unknown;
}
