import { defineRecord, instant, integer, notInRecord, readInstant, readRef, ref } from '../ledger';
import { ParameterValue } from './parameter.entity';
import { Rule } from './rule.entity';
import { RuleVersionStatus } from './rule.enums';
import { RuleVersion } from './rule-version.entity';

/** A rule's identity (association and code); private, since a rule may be only ever drafted: each published version names its code. */
defineRecord(Rule, {
  type: 'rule',
  isPublic: () => false,
  project: (r) => ({ association: ref(r.association), code: r.code, createdAt: instant(r.createdAt) }),
});

/** A rule version: public once published (immutable from then on); drafts stay private. Authors' names stay private. */
defineRecord(RuleVersion, {
  type: 'rule-version',
  isPublic: (v) => v.status !== RuleVersionStatus.DRAFT,
  project: (v) => ({
    rule: ref(v.rule),
    number: v.number,
    status: v.status,
    title: v.title,
    text: v.text,
    basis: v.basis,
    threshold: v.threshold,
    category: v.category,
    severity: v.severity,
    expression: v.expression,
    retires: v.retires,
    reviewBeforePublication: v.reviewBeforePublication,
    effectiveFrom: instant(v.effectiveFrom),
    publishedAt: instant(v.publishedAt),
  }),
  revive: (r: any, e) =>
    notInRecord(
      // versions recorded before rules could be marked for review: not marked
      { ...r, reviewBeforePublication: r.reviewBeforePublication ?? false, id: e.id, version: e.version, rule: readRef(r.rule), effectiveFrom: readInstant(r.effectiveFrom), publishedAt: readInstant(r.publishedAt) },
      'createdAt',
      'RuleVersion.createdAt (when its draft was started; drafts are private)',
    ) as unknown as RuleVersion,
});

/** A published association parameter (ctx.params) for a period onwards. */
defineRecord(ParameterValue, {
  type: 'parameter',
  isPublic: () => true,
  project: (p) => ({ association: ref(p.association), name: p.name, period: p.period, value: integer(p.value), number: p.number, reason: p.reason, publishedAt: instant(p.publishedAt) }),
  revive: (r: any, e) =>
    ({ ...r, id: e.id, version: e.version, association: readRef(r.association), value: BigInt(r.value), publishedAt: readInstant(r.publishedAt) }) as unknown as ParameterValue,
});
