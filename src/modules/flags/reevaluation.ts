import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { runWrite, Write } from '../../shared/write';
import { Filing } from '../filings/filing.entity';
import { RuleVersion } from '../rules/rule-version.entity';
import { RuleVersionStatus } from '../rules/rule.enums';
import { evaluateFiling } from './evaluate-filing';
import { Flag } from './flag.entity';
import { FlagStatus } from './flag.enums';
import { closeFlags, recordFindings } from './record-findings';

/** The job that re-evaluates filings after a rule version is published. */
export const REEVALUATE_JOB = 'reevaluate-rule-version';

/** Filings handled per transaction. */
const BATCH = 200;

const SYSTEM = { memberId: null, label: 'system' };

/**
 * Job body: every live filing of the association whose period falls in the version's effective range
 * is checked against it. Open flags of earlier versions of the rule become SUPERSEDED, new ones are
 * raised; a retiring version only supersedes. Returns how many filings were re-evaluated.
 */
export async function reevaluateForVersion(orm: MikroORM, data: { ruleVersionId: string }): Promise<number> {
  const em = orm.em.fork();
  const version = await em.findOneOrFail(RuleVersion, data.ruleVersionId, { populate: ['rule'] });
  const next = await em.findOne(
    RuleVersion,
    { rule: version.rule, status: RuleVersionStatus.PUBLISHED, number: { $gt: version.number } },
    { orderBy: { number: 'asc' } },
  );
  let done = 0;
  for (let after = ''; ; ) {
    const batch = await affectedFilings(em, version, next?.effectiveFrom ?? null, after);
    if (!batch.length) return done;
    await runWrite(orm.em.fork(), SYSTEM, async (write) => {
      for (const filing of batch) await reevaluateFiling(write, filing.id, version);
    });
    done += batch.length;
    after = batch[batch.length - 1].id;
  }
}

async function affectedFilings(em: EntityManager, version: RuleVersion, until: Date | null, after: string): Promise<Filing[]> {
  const qb = em
    .createQueryBuilder(Filing, 'f')
    .join('f.platform', 'p')
    .where({ platform: { association: version.rule.association.id }, periodEnd: { $gte: version.effectiveFrom } })
    .andWhere('not exists (select 1 from filing s where s.supersedes_id = f.id)')
    .andWhere({ id: { $gt: after } });
  if (until) qb.andWhere({ periodEnd: { $lt: until } });
  return qb.orderBy({ id: 'asc' }).limit(BATCH).getResultList();
}

async function reevaluateFiling(write: Write, filingId: string, version: RuleVersion): Promise<void> {
  const filing = await write.em.findOneOrFail(Filing, filingId);
  const current = await write.em.find(Flag, { filing, ruleCode: version.rule.code, status: FlagStatus.OPEN });
  const reason = version.retires
    ? `Rule ${version.rule.code} retired from ${version.effectiveFrom?.toISOString()}.`
    : `Re-evaluated under ${version.rule.code} version ${version.number}.`;
  closeFlags(write, current.filter((flag) => flag.ruleVersion.id !== version.id), FlagStatus.SUPERSEDED, reason);
  if (version.retires) return;
  const { findings } = await evaluateFiling(write.em, filing, { asOf: filing.submittedAt, versions: [version] });
  recordFindings(write, filing, [version], findings);
}
