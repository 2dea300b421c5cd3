import { sql } from '../../shared/sql';
import { MikroORM } from '@mikro-orm/postgresql';
import { runWrite } from '../ledger';
import { calendarFor } from '../calendar/association-calendar';
import { duePeriods, periodBounds } from '../calendar/working-days';
import { MISSING_FILING_RULE } from '../filings/submit-filing';
import { chinaPeriodOf } from './evaluate-filing';
import { Platform } from '../platforms/platform.entity';
import { RegistryStatus } from '../platforms/platform.enums';
import { versionsInForce } from '../rules/rules-in-force';
import { Flag } from './flag.entity';
import { FlagStatus } from './flag.enums';

/** The scheduled job that flags missing filings. */
export const MISSING_FILINGS_JOB = 'flag-missing-filings';

/**
 * Job body: for every approved or suspended platform, each period due (since it joined the registry)
 * with no filing and no missing-filing flag yet gets one flag from the FILE-001 version in force at the
 * period end. The flag resolves when the filing arrives. Returns how many flags were raised.
 */
export async function flagMissingFilings(orm: MikroORM, data: { asOf?: string } = {}): Promise<number> {
  const asOf = data.asOf ? new Date(data.asOf) : new Date();
  const em = orm.em.fork();
  const platforms = await em.find(Platform, { registryStatus: { $in: [RegistryStatus.APPROVED, RegistryStatus.SUSPENDED] } });
  let raised = 0;
  for (const platform of platforms) {
    const calendar = await calendarFor(em, platform.association.id);
    const due = duePeriods(asOf, chinaPeriodOf(platform.createdAt), calendar);
    if (!due.length) continue;
    const rows: { period: string; filed: boolean }[] = await sql(em, 
      `select period, true as filed from filing where platform_id = ? union select period, false from flag where platform_id = ? and filing_id is null and rule_code = ?`,
      [platform.id, platform.id, MISSING_FILING_RULE],
    );
    // periods with a filing, or flagged as missing already
    const covered = new Set(rows.map((row) => row.period));
    const submitted = [...new Set(rows.filter((row) => row.filed).map((row) => row.period))].sort();
    const missing = due.filter((period) => !covered.has(period));
    if (!missing.length) continue;
    await runWrite(orm.em.fork(), { memberId: null, label: 'system' }, async (write) => {
      for (const period of missing) {
        const version = (await versionsInForce(write.em, platform.association.id, periodBounds(period).end)).find((v) => v.rule.code === MISSING_FILING_RULE);
        if (!version) continue;
        const flag = write.em.create(Flag, {
          platform: write.em.getReference(Platform, platform.id),
          period,
          ruleVersion: version,
          ruleCode: MISSING_FILING_RULE,
          severity: version.severity,
          category: version.category,
          status: FlagStatus.OPEN,
          evidence: {
            expression: version.expression,
            values: { 'ctx.duePeriods': due, 'platform.submittedPeriods': submitted, missingPeriod: period, dueAt: calendar.filingDueAt(period).toISOString() },
            evaluatedAt: write.at.toISOString(),
          },
          raisedAt: write.at,
        });
        write.record(flag, 'flag.raised');
        raised++;
      }
    });
  }
  return raised;
}
