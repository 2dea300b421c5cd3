import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { Connection, CursorCodec, PageArgs, toConnection } from '../../shared/pagination';
import { Association } from './association.entity';

const AssociationConnection = Connection(Association, 'Association');
const ASSOCIATION_CURSOR = new CursorCodec('associations', 'NAME_ASC', ['text', 'text'] as const);

/** Public lookup of associations. */
@Resolver(() => Association)
export class AssociationResolver {
  @Query(() => Association, { nullable: true })
  association(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context) {
    return loaders.association.load(id);
  }

  @Query(() => AssociationConnection, { description: 'Associations by name.' })
  async associations(@Args() { first, after }: PageArgs, @Ctx() { em }: Context) {
    const [name, id] = after ? ASSOCIATION_CURSOR.decode(after) : [];
    const where = after ? { $or: [{ name: { $gt: name } }, { name, id: { $gt: id } }] } : {};
    const rows = await em.find(Association, where, { orderBy: { name: 'asc', id: 'asc' }, limit: first + 1 });
    return toConnection({
      rows: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (a) => ASSOCIATION_CURSOR.encode([a.name, a.id]),
      count: () => em.count(Association),
    });
  }
}
