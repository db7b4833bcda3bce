import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CENTS, DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { VersionedEntity } from '../base.entity';

export enum ProjectStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  ON_HOLD = 'ON_HOLD',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ProjectStatus, {
  name: 'ProjectStatus',
  description: 'Lifecycle of a project.',
  valuesConfig: {
    PLANNED: { description: 'Approved, not started.' },
    ACTIVE: { description: 'Under way.' },
    ON_HOLD: { description: 'Paused.' },
    COMPLETED: { description: 'Finished (handed over, if it delivered an operation).' },
    CANCELLED: { description: 'Stopped for good before finishing.' },
  },
});

@Entity('project')
@ObjectType({
  implements: Node,
  description: 'Temporary work that improves the business: a goal, dates, a budget, milestones, risks and a temporary team.',
})
export class Project extends VersionedEntity implements Node {
  @Index()
  @Column({ length: 200 })
  @Field({ description: 'Name, e.g. "New ordering app".' })
  name: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  @Field({ description: 'What the project must achieve.' })
  goal: string;

  @Index()
  @Column({ type: 'simple-enum', enum: ProjectStatus, default: ProjectStatus.PLANNED })
  @Field(() => ProjectStatus, { description: 'PLANNED, ACTIVE, ON_HOLD, COMPLETED or CANCELLED.' })
  status: ProjectStatus;

  @Column(DATETIME)
  @Field({ description: 'Planned (or actual) start.' })
  startDate: Date;

  @Index()
  @Column(DATETIME)
  @Field({ description: 'When the project is due to finish.' })
  dueDate: Date;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the project was completed; null until then.' })
  completedAt: Date | null;

  @Column(CENTS)
  budgetCents: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  teamRowId: number | null;

  @ManyToOne('Team', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teamRowId' })
  private teamFk?: unknown;

  @Index()
  @Column({ type: 'int', nullable: true })
  improvesOperationRowId: number | null;

  @ManyToOne('Operation', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'improvesOperationRowId' })
  private improvesOperationFk?: unknown;

  @Index()
  @Column({ type: 'int', nullable: true })
  deliveredOperationRowId: number | null;

  @ManyToOne('Operation', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deliveredOperationRowId' })
  private deliveredOperationFk?: unknown;
}
