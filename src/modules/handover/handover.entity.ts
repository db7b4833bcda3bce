import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { NodeEntity } from '../base.entity';

/**
 * Lifecycle of a handover. Only PROPOSED, ACCEPTED and CLOSED are stored; IN_SUPPORT is derived
 * (see {@link effectiveHandoverStatus}) so the status moves to ACCEPTED when early-life support
 * runs out without a background job writing to the row.
 */
export enum HandoverStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  IN_SUPPORT = 'IN_SUPPORT',
  CLOSED = 'CLOSED',
}
registerEnumType(HandoverStatus, {
  name: 'HandoverStatus',
  description: 'Lifecycle of a handover: PROPOSED → ACCEPTED (IN_SUPPORT while early-life support runs) → CLOSED.',
  valuesConfig: {
    PROPOSED: { description: 'Created by handOverProject; waits for every acceptance criterion to be met and for acceptHandover.' },
    ACCEPTED: { description: 'Accepted by the receiving side and early-life support is over (or was zero days); waits for closeHandover.' },
    IN_SUPPORT: {
      description: 'Accepted and inside the early-life-support window (now < supportUntil). Derived from ACCEPTED, never stored.',
    },
    CLOSED: { description: 'Closed: the operation is owned and measured like any other. Final.' },
  },
});

/**
 * The status a client sees: a stored ACCEPTED reads as IN_SUPPORT while `now` is before
 * `supportUntil`. Every other stored status reads as itself.
 */
export function effectiveHandoverStatus(handover: Pick<Handover, 'status' | 'supportUntil'>, now: Date): HandoverStatus {
  if (handover.status === HandoverStatus.ACCEPTED && handover.supportUntil && now.getTime() < handover.supportUntil.getTime())
    return HandoverStatus.IN_SUPPORT;
  return handover.status;
}

// Not a VersionedEntity: it has no createdAt (proposedAt says when it began), so it keeps its own updatedAt and version.
@Entity('handover')
@ObjectType({
  implements: Node,
  description:
    'The moment a finished project becomes an owned, measured operation: acceptance criteria, the receiving permanent team, target KPIs, ' +
    'a baseline measured from the pilot, and an early-life-support window.',
})
export class Handover extends NodeEntity implements Node {
  /** A project is handed over once, so it has at most one handover. */
  @Index({ unique: true })
  @Column({ type: 'int' })
  projectRowId: number;

  @ManyToOne('Project', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'projectRowId' })
  private projectFk?: unknown;

  @Index()
  @Column({ type: 'int' })
  operationRowId: number;

  @ManyToOne('Operation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operationRowId' })
  private operationFk?: unknown;

  @Index()
  @Column({ type: 'int' })
  receivingTeamRowId: number;

  @ManyToOne('Team', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'receivingTeamRowId' })
  private receivingTeamFk?: unknown;

  /** Stored status: PROPOSED, ACCEPTED or CLOSED. GraphQL shows the effective status (IN_SUPPORT derived). */
  @Index()
  @Column({ type: 'simple-enum', enum: HandoverStatus, default: HandoverStatus.PROPOSED })
  status: HandoverStatus;

  @Column({ type: 'double', nullable: true })
  targetThroughputPerHour: number | null;

  @Column({ type: 'double', nullable: true })
  targetYield: number | null;

  @Column({ type: 'double', nullable: true })
  targetOee: number | null;

  @Column({ ...DATETIME, nullable: true })
  baselineFrom: Date | null;

  @Column({ ...DATETIME, nullable: true })
  baselineTo: Date | null;

  @Column({ type: 'double', nullable: true })
  baselineUnitsPerHour: number | null;

  @Column({ type: 'double', nullable: true })
  baselineYield: number | null;

  @Column({ type: 'double', nullable: true })
  baselineOee: number | null;

  @Column({ type: 'int', default: 0 })
  baselineSampleCount: number;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Length of early-life support in days (0–365), counted from acceptance.' })
  supportDays: number;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'End of early-life support: acceptedAt + supportDays. Null until accepted.' })
  supportUntil: Date | null;

  @Column(DATETIME)
  @Field({ description: 'When the project was handed over and this handover proposed.' })
  proposedAt: Date;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the receiving side accepted it; null until then.' })
  acceptedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who accepted it (token subject); null until accepted.' })
  acceptedBy: string | null;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was closed; null until then.' })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who closed it (token subject); null until closed.' })
  closedBy: string | null;

  @Column(DATETIME)
  @Field({ description: 'When the handover was last changed.' })
  updatedAt: Date;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: 'Optimistic-concurrency version: pass it as `expectedVersion` to acceptHandover and closeHandover.' })
  version: number;
}

// Not a VersionedEntity: it has no createdAt (it is made with its handover), so it keeps its own updatedAt and version.
@Entity('acceptance_criterion')
@ObjectType({
  implements: Node,
  description: 'One condition the receiving side needs met before it accepts a handover, e.g. "Runbook reviewed by the on-call team".',
})
export class AcceptanceCriterion extends NodeEntity implements Node {
  @Index()
  @Column({ type: 'int' })
  handoverRowId: number;

  @ManyToOne('Handover', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handoverRowId' })
  private handoverFk?: unknown;

  @Column({ type: 'varchar', length: 500 })
  @Field({ description: 'What must hold, 1–500 characters.' })
  description: string;

  @Column({ type: 'boolean', default: false })
  @Field({ description: 'True once someone recorded it as met.' })
  met: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who recorded it as met (token subject); null while unmet.' })
  metBy: string | null;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was recorded as met; null while unmet.' })
  metAt: Date | null;

  @Column(DATETIME)
  @Field({ description: 'When the criterion was last changed.' })
  updatedAt: Date;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: 'Optimistic-concurrency version: pass it as `expectedVersion` to setAcceptanceCriterion.' })
  version: number;
}
