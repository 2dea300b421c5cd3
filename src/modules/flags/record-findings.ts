import { Write } from '../ledger';
import { Filing } from '../filings/filing.entity';
import { Finding } from '../evaluation';
import { RuleVersion } from '../rules/rule-version.entity';
import { EvaluationError } from './evaluation-error.entity';
import { Flag } from './flag.entity';
import { FlagStatus } from './flag.enums';

/** Persists the findings of one evaluation: an OPEN flag per FLAGGED finding, an EvaluationError per ERROR. */
export function recordFindings(write: Write, filing: Filing, versions: RuleVersion[], findings: Finding[]): Flag[] {
  const byId = new Map(versions.map((v) => [v.id, v]));
  const flags: Flag[] = [];
  for (const finding of findings) {
    const ruleVersion = byId.get(finding.ruleVersionId) as RuleVersion;
    if (finding.outcome === 'FLAGGED') {
      const flag = write.em.create(Flag, {
        platform: filing.platform,
        filing,
        period: filing.period,
        ruleVersion,
        ruleCode: finding.ruleCode,
        severity: ruleVersion.severity,
        category: ruleVersion.category,
        status: FlagStatus.OPEN,
        evidence: finding.evidence,
        raisedAt: write.at,
      });
      flags.push(write.record(flag, 'flag.raised'));
    } else if (finding.outcome === 'ERROR') {
      const error = write.em.create(EvaluationError, {
        filing,
        ruleVersion,
        ruleCode: finding.ruleCode,
        message: finding.error ?? 'evaluation failed',
        evaluatedAt: new Date(finding.evidence.evaluatedAt),
      });
      write.record(error, 'rule.evaluation-failed');
    }
  }
  return flags;
}

/** Marks flags as no longer current (SUPERSEDED or RESOLVED), keeping them on record with the reason. */
export function closeFlags(write: Write, flags: Flag[], status: FlagStatus, reason: string): void {
  for (const flag of flags) {
    if (flag.status !== FlagStatus.OPEN) continue;
    flag.status = status;
    flag.statusChangedAt = write.at;
    flag.statusReason = reason;
    write.record(flag, status === FlagStatus.RESOLVED ? 'flag.resolved' : 'flag.superseded', { reason });
  }
}

/** Supersedes the flags of the version an amendment replaces, with the amendment's reason: what every amendment does to them. */
export async function supersedeReplacedFlags(write: Write, amendment: Filing): Promise<void> {
  if (!amendment.supersedes) return;
  const flags = await write.em.find(Flag, { filing: amendment.supersedes });
  closeFlags(write, flags, FlagStatus.SUPERSEDED, `Filing amended (version ${amendment.amendment}): ${amendment.amendmentReason}`);
}
