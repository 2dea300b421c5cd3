import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { Connection, CursorCodec, keysetRead, PageArgs, pageOf, pageWindow, toConnection } from '../../shared/pagination';
import { Association } from './association.entity';

const AssociationConnection = Connection(Association, 'Association');
const ASSOCIATION_CURSOR = new CursorCodec('associations', 'NAME_ASC', ['text', 'text'] as const);

/** Public lookup of associations. */
@Resolver(() => Association)
export class AssociationResolver {
  @Query(() => Association, { description: 'An association by id, or null.', nullable: true })
  association(@Arg('id', () => ID, { description: "The association's global id." }) id: string, @Ctx() { loaders }: Context) {
    return loaders.association.load(id);
  }

  @Query(() => AssociationConnection, { description: 'Associations by name.' })
  async associations(@Args() args: PageArgs, @Ctx() { em }: Context) {
    const window = pageWindow(args);
    const { order, compare } = keysetRead('asc', window);
    const qb = em.createQueryBuilder(Association, 'a');
    if (window.cursor) qb.where(`(a.name, a.id) ${compare} (?, ?)`, ASSOCIATION_CURSOR.decode(window.cursor, window.cursorArgument));
    const rows = await qb.orderBy({ name: order, id: order }).limit(window.size + 1).getResultList();
    return toConnection(pageOf(rows, window, (a) => ASSOCIATION_CURSOR.encode([a.name, a.id]), () => em.count(Association)));
  }
}
