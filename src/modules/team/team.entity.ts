import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { NodeEntity } from '../base.entity';

export enum TeamKind {
  PERMANENT = 'PERMANENT',
  TEMPORARY = 'TEMPORARY',
}
registerEnumType(TeamKind, {
  name: 'TeamKind',
  description: 'Whether a team runs operations for good or staffs one project.',
  valuesConfig: {
    PERMANENT: { description: 'A role-based team that runs operations.' },
    TEMPORARY: { description: 'A team that belongs to one project and is disbanded when the project ends.' },
  },
});

@Entity('person')
@ObjectType({ implements: Node, description: 'A person who can own milestones and risks and belong to teams.' })
export class Person extends NodeEntity implements Node {
  @Column({ length: 200 })
  @Field({ description: 'Full name.' })
  name: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  @Field(() => String, { nullable: true, description: 'Work e-mail address, unique.' })
  email: string | null;

  @Column({ type: 'double', default: 40 })
  @Field(() => Float, {
    description:
      'Hours a week the person can work (0–168, default 40): the capacity their allocations are measured against. Their working calendar (`calendar`), if any, says when in the week those hours fall.',
  })
  capacityHoursPerWeek: number;

  // Not a VersionedEntity: people created before capacity existed have no updatedAt, so it stays null until their first change.
  @Column(DATETIME)
  @Field({ description: 'When the person was added.' })
  createdAt: Date;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the person was last changed (updatePerson); null until then.' })
  updatedAt: Date | null;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: 'Optimistic-concurrency version: pass it as `expectedVersion` to updatePerson.' })
  version: number;
}

@Entity('team')
@ObjectType({ implements: Node, description: 'A team of people: permanent (runs operations) or temporary (staffs a project).' })
export class Team extends NodeEntity implements Node {
  @Column({ length: 200 })
  @Field({ description: 'Team name.' })
  name: string;

  @Column({ type: 'simple-enum', enum: TeamKind })
  @Field(() => TeamKind, { description: 'PERMANENT or TEMPORARY.' })
  kind: TeamKind;

  /** Temporary teams belong to one project. */
  @Index()
  @Column({ type: 'int', nullable: true })
  projectRowId: number | null;

  @ManyToOne('Project', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'projectRowId' })
  private projectFk?: unknown;

  @Column({ ...DATETIME, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a temporary team was disbanded (its project ended); null while active.' })
  disbandedAt: Date | null;

  // Only createdAt, not a VersionedEntity: no mutation edits a team by expectedVersion (disbanding sets disbandedAt).
  @Column(DATETIME)
  @Field({ description: 'When the team was created.' })
  createdAt: Date;
}

@Entity('team_member')
@Index(['teamRowId', 'personRowId'], { unique: true })
@ObjectType({ description: "A person's membership of a team, with their role in it." })
export class TeamMember {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Column({ type: 'int' })
  teamRowId: number;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'teamRowId' })
  private teamFk?: Team;

  @Index()
  @Column({ type: 'int' })
  personRowId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'personRowId' })
  private personFk?: Person;

  @Column({ length: 100 })
  @Field({ description: 'The member\'s role in the team, e.g. "Line supervisor".' })
  role: string;

  @Column(DATETIME)
  @Field({ description: 'When the person joined the team.' })
  joinedAt: Date;
}
