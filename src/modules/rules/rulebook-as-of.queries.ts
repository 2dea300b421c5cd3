import { EntityManager } from '@mikro-orm/postgresql';
import { CursorCodec, keysetRead, Page, pageOf, PageWindow } from '../../shared/pagination';
import { boundSql } from '../../shared/sql';
import { latestRecords, LogBound, markBound, notInRecord } from '../ledger';
import { Rule } from './rule.entity';

/**
 * One page of an association's rulebook as the ledger recorded it at `bound`: the rules with a version
 * published by then, by code (the rule's identity, code and association, is fixed when it is created; its
 * content is in the versions, read as of the bound too). One statement, one more for `totalCount`.
 */
export async function findRulebookPageAsOf(
  em: EntityManager,
  query: { associationId: string; window: PageWindow; cursor: CursorCodec<readonly ['text']> },
  bound: LogBound,
): Promise<Page<Rule>> {
  const latest = latestRecords('rule-version', bound, {
    sql: 'select v.id from rule_version v join rule o on o.id = v.rule_id where o.association_id = ?',
    params: [query.associationId],
  });
  const where = `with published as ${latest.sql} select r.id, r.code, r.association_id from rule r
    where r.association_id = ? and exists (select 1 from published v where v.r->>'rule' = r.id)`;
  const { window } = query;
  const read = keysetRead('asc', window);
  const after = window.cursor ? query.cursor.decode(window.cursor, window.cursorArgument) : null;
  const rows = await boundSql<{ id: string; code: string; association_id: string }>(
    em,
    `${where}${after ? ` and r.code ${read.compare} ?` : ''} order by r.code ${read.order} limit ?`,
    [...latest.params, query.associationId, ...(after ?? []), window.size + 1],
  );
  const rules = rows.map(
    (row) =>
      markBound(notInRecord({ id: row.id, code: row.code, association: { id: row.association_id } }, 'createdAt', 'Rule.createdAt (when its first draft was started; drafts are private)'), bound) as unknown as Rule,
  );
  return pageOf(rules, window, (rule) => query.cursor.encode([rule.code]), async () => {
    const [{ n }] = await boundSql<{ n: string }>(em, `select count(*)::text as n from (${where}) c`, [...latest.params, query.associationId]);
    return Number(n);
  });
}
