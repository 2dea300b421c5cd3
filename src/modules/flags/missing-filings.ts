import { sql } from '../../shared/sql';
import { MikroORM } from '@mikro-orm/postgresql';
import { runWrite } from '../ledger';
import { periodBounds } from '../calendar/working-days';
import { MISSING_FILING_RULE } from '../filings/submit-filing';
import { Platform } from '../platforms/platform.entity';
import { RegistryStatus } from '../platforms/platform.enums';
import { versionsInForce } from '../rules/rules-in-force';
import { filingDutiesAsOf, loadPlatformContext } from '../evaluation';
import { Flag } from './flag.entity';
import { FlagStatus } from './flag.enums';
import { holdAtRaise } from './review-hold';

/** The scheduled job that flags missing filings. */
export const MISSING_FILINGS_JOB = 'flag-missing-filings';

/**
 * Job body, as of `asOf` (default now): flagMissingPeriods for every approved or suspended platform. Returns
 * how many flags were raised.
 */
export async function flagMissingFilings(orm: MikroORM, data: { asOf?: string } = {}): Promise<number> {
  const asOf = data.asOf ? new Date(data.asOf) : new Date();
  const rows: { id: string }[] = await sql(orm.em.fork(), 'select id from platform where registry_status in (?)', [[RegistryStatus.APPROVED, RegistryStatus.SUSPENDED]]);
  return flagMissingPeriods(orm, rows.map((row) => row.id), asOf);
}

/**
 * For each of the platforms, each period due at `asOf` (since it joined the registry) with no version
 * submitted by then gets one flag from the FILE-001 version in force at the period end, unless it has one
 * already or its filing is on record by now. Due and submitted periods are FILE-001's view of the platform at
 * asOf, as every filing of it evaluated at asOf sees them (filingDutiesAsOf); the evidence is evaluated at
 * asOf. The flag resolves when the filing arrives. Returns how many flags were raised.
 */
export async function flagMissingPeriods(orm: MikroORM, platformIds: string[], asOf: Date): Promise<number> {
  if (!platformIds.length) return 0;
  const em = orm.em.fork();
  const context = await loadPlatformContext(em, platformIds);
  const rows: { platform_id: string; period: string }[] = await sql(
    em,
    'select distinct platform_id, period from flag where platform_id in (?) and filing_id is null and rule_code = ?',
    [platformIds, MISSING_FILING_RULE],
  );
  const flagged = new Set(rows.map((row) => `${row.platform_id} ${row.period}`));
  let raised = 0;
  for (const platform of context.platforms.values()) {
    const { duePeriods, submittedPeriods } = filingDutiesAsOf(context, platform, asOf);
    // due and not submitted by asOf; a filing on record by now (submitted after asOf) is not flagged after the fact
    const onRecord = new Set((context.submissions.get(platform.id) ?? []).map((s) => s.period));
    const missing = duePeriods.filter((period) => !onRecord.has(period) && !flagged.has(`${platform.id} ${period}`));
    if (!missing.length) continue;
    const calendar = context.calendars.get(platform.association.id)!;
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
            values: { 'ctx.duePeriods': duePeriods, 'platform.submittedPeriods': submittedPeriods, missingPeriod: period, dueAt: calendar.filingDueAt(period).toISOString() },
            evaluatedAt: asOf.toISOString(),
          },
          raisedAt: write.at,
          ...holdAtRaise(version),
        });
        write.record(flag, 'flag.raised');
        raised++;
      }
    });
  }
  return raised;
}
