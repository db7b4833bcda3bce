import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DATETIME } from '../../db/columns';
import { Node } from '../../common/types';
import { NodeEntity, VersionedEntity } from '../base.entity';

export enum ProcessStatus {
  RUNNING = 'RUNNING',
  IDLE = 'IDLE',
  DOWN = 'DOWN',
}
registerEnumType(ProcessStatus, {
  name: 'ProcessStatus',
  description: 'What a process is doing now.',
  valuesConfig: {
    RUNNING: { description: 'Producing.' },
    IDLE: { description: 'Ready but not producing (no work or not scheduled).' },
    DOWN: { description: 'Stopped by a fault or maintenance.' },
  },
});

@Entity('process')
@Index(['operationRowId', 'sequence'], { unique: true })
@ObjectType({ implements: Node, description: "One step of an operation's workflow, producing units at a target rate." })
export class Process extends VersionedEntity implements Node {
  @Column({ type: 'int' })
  operationRowId: number;

  @ManyToOne('Operation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operationRowId' })
  private operationFk?: unknown;

  @Column({ length: 200 })
  @Field({ description: 'Name, e.g. "Cutting".' })
  name: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: "Position in the operation's workflow, 1 = first; unique within the operation." })
  sequence: number;

  @Column({ type: 'simple-enum', enum: ProcessStatus, default: ProcessStatus.IDLE })
  @Field(() => ProcessStatus, { description: 'RUNNING, IDLE or DOWN.' })
  status: ProcessStatus;

  @Column({ length: 50 })
  @Field({ description: 'What the process counts, e.g. "garments".' })
  unit: string;

  @Column({ type: 'double' })
  @Field(() => Float, { description: 'Target output in units per hour of planned production time (the ideal rate).' })
  targetRatePerHour: number;

  @Column({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Target yield (good ÷ total), 0–1; alerts fire below it.' })
  targetYield: number | null;
}

@Entity('throughput_sample')
// Covering: every KPI read (window sums, edges, trends, overlap checks) is answered from this index
// alone, in (process, time) order, without a row lookup per sample. Without it a process's samples
// are scattered over the table's pages and a 90-day trend on MariaDB read from disk once the table
// outgrew the buffer pool (bench #9: 25 ms at 1 M samples, 660 ms at 2.5 M).
@Index('IDX_sample_process_period_covering', [
  'processRowId',
  'periodStart',
  'periodEnd',
  'recordedAt',
  'goodUnits',
  'rejectedUnits',
  'downtimeMinutes',
])
@ObjectType({ implements: Node, description: 'One reporting period of one process: units produced, rejected, and downtime.' })
export class ThroughputSample extends NodeEntity implements Node {
  @Column({ type: 'int' })
  processRowId: number;

  @ManyToOne(() => Process, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'processRowId' })
  private processFk?: Process;

  @Column(DATETIME)
  @Field({ description: 'Start of the reporting period (inclusive).' })
  periodStart: Date;

  @Column(DATETIME)
  @Field({ description: 'End of the reporting period (exclusive).' })
  periodEnd: Date;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Units that passed quality in the period.' })
  goodUnits: number;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Units rejected (scrap or rework) in the period.' })
  rejectedUnits: number;

  @Column({ type: 'double' })
  @Field(() => Float, { description: 'Unplanned stop time inside the period, in minutes.' })
  downtimeMinutes: number;

  @Index()
  @Column(DATETIME)
  @Field({ description: 'When the server stored the sample.' })
  recordedAt: Date;

  /** The production order its good units are attributed to, if any (exposed as `productionOrder` by the production-order module). */
  @Index()
  @Column({ type: 'int', nullable: true })
  productionOrderRowId: number | null;

  @ManyToOne('ProductionOrder', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'productionOrderRowId' })
  private productionOrderFk?: unknown;
}
