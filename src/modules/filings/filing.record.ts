import { defineRecord, instant, readInstant, readRef, ref } from '../ledger';
import { Filing } from './filing.entity';

/**
 * A filing version: its period, dates and figures as filed (integers as decimal strings), and the evaluation made
 * when it was recorded (facts SHA-256, rule versions); the filer's name stays private.
 */
defineRecord(Filing, {
  type: 'filing',
  isPublic: () => true,
  project: (f) => ({
    platform: ref(f.platform),
    period: f.period,
    amendment: f.amendment,
    supersedes: ref(f.supersedes),
    provenance: f.provenance,
    currency: f.currency,
    periodStart: instant(f.periodStart),
    periodEnd: instant(f.periodEnd),
    dueAt: instant(f.dueAt),
    submittedAt: instant(f.submittedAt),
    amendmentReason: f.amendmentReason,
    importContext: f.importContext && { asOf: f.importContext.asOf, duePeriods: [...f.importContext.duePeriods], params: { ...f.importContext.params } },
    content: {
      ops: { ...f.content.ops },
      borrowerCaps: { ...f.content.borrowerCaps },
      custody: { ...f.content.custody },
      products: f.content.products.map((p) => ({ ...p })),
    },
    contentSha256: f.contentSha256,
    factsSha256: f.factsSha256,
    evaluatedRuleVersions: f.evaluatedRuleVersionIds && [...f.evaluatedRuleVersionIds],
    createdAt: instant(f.createdAt),
  }),
  revive: (r: any, e) =>
    ({
      ...r,
      id: e.id,
      version: e.version,
      platform: readRef(r.platform),
      supersedes: readRef(r.supersedes),
      periodStart: readInstant(r.periodStart),
      periodEnd: readInstant(r.periodEnd),
      dueAt: readInstant(r.dueAt),
      submittedAt: readInstant(r.submittedAt),
      createdAt: readInstant(r.createdAt),
      // versions recorded before the registry kept their evaluation
      factsSha256: r.factsSha256 ?? null,
      evaluatedRuleVersionIds: r.evaluatedRuleVersions ?? null,
    }) as unknown as Filing,
});
