import { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '../../errors';
import { MemberViewer } from '../accounts/viewer';
import { evaluateRules, evaluationInstant, loadBatchContext, readFilings, ruleInputs, RuleToEvaluate } from '../evaluation';
import { Filing } from '../filings/filing.entity';
import { assertEditsRulebook } from './rule.policy';
import { RuleOutcome, RuleVersionStatus } from './rule.enums';
import { PREVIEW_LIMIT, PreviewItem, RulePreview } from './rule-preview.types';
import { RuleVersion } from './rule-version.entity';
import { toEvaluate, versionInForceAt } from './rules-in-force';

/** Filings read and evaluated per batch; each batch costs the same few queries, whatever its size. */
const BATCH = 250;

/**
 * Evaluation runs in slices of about SLICE_MS (one filing's evaluation, if longer), each followed by a pause
 * as long as the slice with the event loop free, so a preview takes at most half the process's time, also
 * when a busy machine stretches the slices. One turn of the loop (setImmediate) is not enough: a request,
 * above all one on the embedded database (HTTP, pool, socket, PGlite and back), takes several turns and
 * would wait a slice for each; in a pause it completes. /healthz p99 in the e2e test: 360 ms with
 * setImmediate, 20-40 ms with pauses.
 */
const SLICE_MS = 10;

/** What every batch of a preview compares: the draft, and the rule's published versions to pick the one in force from. */
interface Comparison {
  draft: RuleToEvaluate;
  published: RuleVersion[];
  /** The published versions compiled, by version id. */
  compiled: Map<string, RuleToEvaluate>;
}

/**
 * Evaluates a draft over the association's live filings from `fromPeriod` to `toPeriod`, each as of its
 * submission (as re-evaluation does), beside the rule's version in force at the filing's period end.
 * Set-based: two queries (the draft, the rule's published versions), then per batch of filings the
 * query of its filings and loadBatchContext's, however many filings the batch holds.
 * Evaluation pauses every few milliseconds (see SLICE_MS), so a heavy rule never stalls other requests.
 * Writes nothing; runs outside a transaction, which would hold the embedded database's one connection.
 */
export async function previewRuleDraft(
  em: EntityManager,
  viewer: MemberViewer,
  input: { ruleVersionId: string; fromPeriod: string; toPeriod: string },
): Promise<RulePreview> {
  const version = await em.findOne(RuleVersion, input.ruleVersionId, { populate: ['rule'] });
  if (!version) throw new NotFoundError('RuleVersion', input.ruleVersionId);
  const associationId = version.rule.association.id;
  assertEditsRulebook(viewer, associationId);
  const published = await em.find(RuleVersion, { rule: version.rule, status: RuleVersionStatus.PUBLISHED });
  const [draft, ...compiled] = toEvaluate([version, ...published]);
  const comparison = { draft, published, compiled: new Map(compiled.map((rule) => [rule.ruleVersionId, rule])) };
  const items: PreviewItem[] = [];
  for (let after: Filing | undefined; ; ) {
    const take = Math.min(BATCH, PREVIEW_LIMIT - items.length);
    const rows = await liveFilings(em, associationId, input, after, take + 1);
    const batch = rows.slice(0, take);
    items.push(...(await compareBatch(em, comparison, batch)));
    if (rows.length <= take) return summarise(items, false);
    if (items.length >= PREVIEW_LIMIT) return summarise(items, true);
    after = batch[batch.length - 1];
  }
}

/** The association's live filings of the period range after `after`, by period then id, as plain rows. */
function liveFilings(em: EntityManager, associationId: string, range: { fromPeriod: string; toPeriod: string }, after: Filing | undefined, limit: number) {
  const keyset = after ? 'and (f.period, f.id) > (?, ?)' : '';
  return readFilings(
    em,
    `from filing f join platform p on p.id = f.platform_id
      where p.association_id = ? and f.period between ? and ? and not exists (select 1 from filing s where s.supersedes_id = f.id) ${keyset}
      order by f.period, f.id limit ?`,
    [associationId, range.fromPeriod, range.toPeriod, ...(after ? [after.period, after.id] : []), limit],
  );
}

/** Judges each filing of a batch by the draft and by the version in force at its period end. */
async function compareBatch(em: EntityManager, comparison: Comparison, filings: Filing[]): Promise<PreviewItem[]> {
  if (!filings.length) return [];
  const context = await loadBatchContext(em, filings);
  const inputs = ruleInputs(context, filings);
  const items: PreviewItem[] = [];
  await inSlices(filings, (filing) => {
    const inForce = versionInForceAt(comparison.published, filing.periodEnd);
    const rules = inForce ? [comparison.draft, comparison.compiled.get(inForce.id)!] : [comparison.draft];
    const [draft, current] = evaluateRules(rules, inputs.get(filing.id)!, evaluationInstant(context, filing));
    items.push({
      filing,
      draft: draft.outcome as RuleOutcome,
      draftError: draft.error,
      inForce: (current?.outcome as RuleOutcome | undefined) ?? null,
      inForceError: current?.error ?? null,
      inForceVersion: inForce?.number ?? null,
    });
  });
  return items;
}

/** Runs `step` on each item, pausing as long as the slice took before a step that would make it longer than SLICE_MS. */
async function inSlices<T>(items: T[], step: (item: T) => void): Promise<void> {
  let sliceStart = performance.now();
  let lastStep = 0;
  for (const item of items) {
    const slice = performance.now() - sliceStart;
    if (slice + lastStep > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(slice, SLICE_MS)));
      sliceStart = performance.now();
    }
    const stepStart = performance.now();
    step(item);
    lastStep = performance.now() - stepStart;
  }
}

/** The preview's lists and counts by outcome. */
function summarise(items: PreviewItem[], truncated: boolean): RulePreview {
  const count = (pick: (item: PreviewItem) => RuleOutcome | null, outcome: RuleOutcome | null) => items.filter((item) => pick(item) === outcome).length;
  const byOutcome = (pick: (item: PreviewItem) => RuleOutcome | null) => ({
    flagged: count(pick, RuleOutcome.FLAGGED),
    passed: count(pick, RuleOutcome.PASSED),
    error: count(pick, RuleOutcome.ERROR),
  });
  return {
    evaluated: items.length,
    truncated,
    counts: { draft: byOutcome((i) => i.draft), inForce: { ...byOutcome((i) => i.inForce), none: count((i) => i.inForce, null) } },
    wouldFlag: items.filter((i) => i.draft === RuleOutcome.FLAGGED),
    changed: items.filter((i) => i.draft !== i.inForce),
  };
}
