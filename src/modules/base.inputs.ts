import { Field, ID, InputType, Int } from 'type-graphql';
import { Min } from 'class-validator';

/**
 * What every `update…` input starts with: the object to change and the version the client read
 * (a conditional UPDATE: a stale version returns VersionConflict and changes nothing).
 */
@InputType({ description: 'The object to change and the version the client read (not a type of the schema: nothing takes it alone).' })
export abstract class VersionedChange {
  @Field(() => ID, { description: 'The object to change.' })
  id: string;

  @Field(() => Int, { description: 'The version the client last read; a stale one returns VersionConflict.' })
  @Min(1)
  expectedVersion: number;
}
