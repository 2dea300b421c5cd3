import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { CursorCodec, keysetRead, Page, pageOf, PageWindow } from '../../shared/pagination';
import { ParameterValue } from './parameter.entity';

/** Cursors of an association's parameters: by name, newest period first, newest version first. */
const PARAMETER_CURSOR = new CursorCodec('parameters', 'NAME_ASC_PERIOD_DESC', ['text', 'text', 'int'] as const);

/**
 * The values after (or, backwards, before) the cursor's `(name, period, number)` in list order: name
 * ascending, then period and number descending (mixed directions, so spelled out rather than a row compare).
 */
function beyond(window: PageWindow): FilterQuery<ParameterValue> & object {
  if (!window.cursor) return {};
  const [name, period, number] = PARAMETER_CURSOR.decode(window.cursor, window.cursorArgument);
  const [later, earlier] = window.backward ? (['$lt', '$gt'] as const) : (['$gt', '$lt'] as const);
  return { $or: [{ name: { [later]: name } }, { name, period: { [earlier]: period } }, { name, period, number: { [earlier]: number } }] };
}

/** One keyset page of an association's published parameter values, by name, newest period and version first. */
export async function findParameterPage(em: EntityManager, associationId: string, window: PageWindow): Promise<Page<ParameterValue>> {
  const { order } = keysetRead('asc', window);
  const reverse = order === 'asc' ? 'desc' : 'asc';
  const rows = await em.find(ParameterValue, { association: associationId, ...beyond(window) }, {
    orderBy: [{ name: order }, { period: reverse }, { number: reverse }],
    limit: window.size + 1,
  });
  const cursorOf = (p: ParameterValue) => PARAMETER_CURSOR.encode([p.name, p.period, p.number]);
  return pageOf(rows, window, cursorOf, () => em.count(ParameterValue, { association: associationId }));
}
