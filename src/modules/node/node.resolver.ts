import { Arg, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { Role } from '../../common/auth';
import { Node } from '../../common/types';
import { expectAnyId } from '../../common/ids';

@ObjectType({ description: 'The caller, as the token describes them.' })
export class ViewerInfo {
  @Field({ description: 'The token subject (user or device id).' })
  subject: string;

  @Field(() => String, { nullable: true, description: 'Display name from the token, if any.' })
  name: string | null;

  @Field(() => [Role], { description: 'Roles the token grants.' })
  roles: Role[];

  @Field(() => Date, { nullable: true, description: 'When the token expires.' })
  expiresAt: Date | null;
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global ID; null if it does not exist. A malformed ID is BAD_USER_INPUT.',
  })
  async node(@Arg('id', () => ID, { description: 'A global ID.' }) id: string, @Ctx() ctx: Context) {
    expectAnyId(id, 'id');
    return ctx.loaders.node(id);
  }

  @Authorized()
  @Query(() => ViewerInfo, { description: 'Who is calling and what they may do.' })
  viewer(@Ctx() ctx: Context): ViewerInfo {
    const v = ctx.viewer!;
    return { subject: v.subject, name: v.name, roles: v.roles, expiresAt: v.expiresAt ? new Date(v.expiresAt * 1000) : null };
  }
}
