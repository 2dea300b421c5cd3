import DataLoader from 'dataloader';
import { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { boundSql } from './sql';

/** DataLoader of entities by primary key: one query per batch, results in key order, null where missing. */
export function byIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityName<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * DataLoader of the children of many parents at once: one query per batch over the foreign key
 * `parent`, grouped back per parent in key order, each group ordered by `orderBy`.
 */
export function childrenLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  parent: keyof T & string,
  orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>>,
) {
  return new DataLoader<string, T[]>(async (parentIds) => {
    const rows = await em.find(entity, { [parent]: { $in: [...parentIds] } } as FilterQuery<T>, {
      orderBy: orderBy as never,
    });
    const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) {
      const key = (row[parent] as unknown as { id: string }).id;
      groups.get(key)?.push(row);
    }
    return parentIds.map((id) => groups.get(id) as T[]);
  });
}

/**
 * DataLoader of the ids of the rows that share `columns` with each key's row (itself included), in
 * `orderBy` order: e.g. every version of a filing's period. One statement per batch.
 */
export function siblingIdsLoader(em: EntityManager, table: string, columns: string[], orderBy: string) {
  return new DataLoader<string, string[]>(async (ids) => {
    const same = columns.map((c) => `s.${c} = k.${c}`).join(' and ');
    const rows = await boundSql<{ key: string; id: string }>(em, `select k.id as key, s.id from ${table} k join ${table} s on ${same} where k.id = any(?) order by ${orderBy}`, [[...ids]]);
    const groups = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(row.key)?.push(row.id);
    return ids.map((id) => groups.get(id) as string[]);
  });
}
