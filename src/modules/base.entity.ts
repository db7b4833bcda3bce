import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../common/ids';
import { DATETIME } from '../db/columns';

/**
 * What every entity that implements `Node` shares: the row id (column `id`) and the opaque global
 * ID built from it and the class name, which is the GraphQL type name (a test checks they agree).
 */
@ObjectType({ description: 'Fields every node entity has (not a type of the schema: nothing returns it).' })
export abstract class NodeEntity {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Field(() => ID, { description: 'Globally unique, opaque ID.' })
  get id(): string {
    return toGlobalId(this.constructor.name, this.rowId);
  }
}

/**
 * A node clients change with `update…(input: { expectedVersion })`: when it was created and last
 * changed, and its optimistic-concurrency version (see `updateVersioned`).
 */
@ObjectType({ description: 'Fields every versioned entity has (not a type of the schema: nothing returns it).' })
export abstract class VersionedEntity extends NodeEntity {
  @Column(DATETIME)
  @Field({ description: 'When it was created.' })
  createdAt: Date;

  @Column(DATETIME)
  @Field({ description: 'When it was last changed.' })
  updatedAt: Date;

  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: 'Optimistic-concurrency version: pass it as `expectedVersion` when updating.' })
  version: number;
}
