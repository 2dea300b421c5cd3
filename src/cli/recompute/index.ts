import { parseArgs } from 'node:util';
import { canonicalJson } from '../../shared/canonical-json';
import { compileCondition, evaluateRules, factsDocument, factsFromDocument, type Finding, type RuleInput, type RuleToEvaluate } from '../../modules/evaluation';
import { type LiveFiling, liveFilings, platformsWithRules, type PublishedVersion, versionInForce } from './missing-flags';
import { LogAccessError } from '../verify/errors';
import { type LogClient, logClient } from '../verify/log-client';

/** What `npm run registry -- recompute` prints when the command line is wrong. */
export const RECOMPUTE_USAGE = `Usage: npm run registry -- recompute --url URL [--platform ID] [--json]

Re-derives every published flag of the registry at URL (e.g. http://127.0.0.1:4000) over its public API; needs
no database. For each flag raised on a filing it fetches the published rule version and the filing's facts as
of the instant the flag names (evidence.evaluatedAt), checks the facts' SHA-256 against the document and against
the SHA-256 the filing's evaluation recorded when it was written, re-runs the rule here with the
registry's own engine, and compares outcome and evidence with the published flag. Then it evaluates every live
filing on its published facts against every rule version in force at its period end (from the public
rulebook) and reports a version that flags a filing without a standing flag of it (except versions marked for
review before publication, whose flags are public only once a reviewer confirms them). --platform: one platform.

Exit codes: 0 every flag reproduced and none missing, 1 a difference (each is listed), 2 usage or network error.`;

const FLAGS = `query Flags($after: String, $platformId: ID) { flags(first: 100, after: $after, filter: { platformId: $platformId }) {
  nodes { id ruleCode status filing { id factsSha256 } ruleVersion { id expression } evidence } pageInfo { hasNextPage endCursor } } }`;
const FACTS = `query Facts($id: ID!, $asOf: DateTimeISO) { filing(id: $id) { facts(asOf: $asOf) { asOf sha256 document } } }`;

interface PublishedFlag {
  id: string;
  ruleCode: string;
  status: string;
  filing: { id: string; factsSha256: string | null } | null;
  ruleVersion: { id: string; expression: string };
  evidence: { expression: string; values: Record<string, unknown>; evaluatedAt: string };
}

/** One way the published flags and the re-derivation disagree: a published flag (flagId) or a missing one (filingId). */
export interface Difference {
  ruleCode: string;
  flagId?: string;
  filingId?: string;
  reason: string;
}

/** How the re-derivation came out. */
export interface Recomputed {
  flags: number;
  reproduced: number;
  /** Missing-filing flags name no filing: their evidence is the due and submitted periods, not a rule run. */
  skippedMissingFilings: number;
  /** Live filings evaluated against every rule version in force, to find flags that should stand and do not. */
  filings: number;
  differences: Difference[];
}

type PublishedFacts = { sha256: string; document: Record<string, unknown> };

/** Re-derives every published flag raised on a filing, then looks for missing ones (of one platform, if given); see RECOMPUTE_USAGE. */
export async function recompute(client: LogClient, platformId?: string): Promise<Recomputed> {
  const result: Recomputed = { flags: 0, reproduced: 0, skippedMissingFilings: 0, filings: 0, differences: [] };
  const facts = new Map<string, Promise<PublishedFacts>>();
  const factsOf = (filingId: string, asOf: string) => {
    const key = `${filingId} ${asOf}`;
    if (!facts.has(key)) facts.set(key, client.graphql<{ filing: { facts: PublishedFacts } }>(FACTS, { id: filingId, asOf }).then((d) => d.filing.facts));
    return facts.get(key)!;
  };
  for (let after: string | null = null, more = true; more; ) {
    const page: { flags: { nodes: PublishedFlag[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await client.graphql(FLAGS, { after, platformId: platformId ?? null });
    for (const flag of page.flags.nodes) {
      result.flags++;
      if (!flag.filing) {
        result.skippedMissingFilings++;
        continue;
      }
      const reason = differenceOf(flag, flag.filing.factsSha256, await factsOf(flag.filing.id, flag.evidence.evaluatedAt));
      if (reason) result.differences.push({ flagId: flag.id, ruleCode: flag.ruleCode, reason });
      else result.reproduced++;
    }
    [after, more] = [page.flags.pageInfo.endCursor, page.flags.pageInfo.hasNextPage];
  }
  for await (const { platformId: id, rules } of platformsWithRules(client, platformId)) {
    for await (const filing of liveFilings(client, id)) {
      result.filings++;
      result.differences.push(...missingFlags(filing, rules));
    }
  }
  return result;
}

/**
 * The published facts read back, or why they cannot be trusted: they must hash to their published SHA-256 and,
 * when they are the filing's own evaluation facts (`recorded` given), to the SHA-256 its evaluation recorded.
 */
function checkedInput(published: PublishedFacts, recorded: string | null): { input: RuleInput } | { problem: string } {
  const input = factsFromDocument(published.document);
  const { sha256 } = factsDocument(input);
  if (sha256 !== published.sha256) return { problem: `the facts document does not hash to its published SHA-256 (${sha256} != ${published.sha256})` };
  if (recorded && sha256 !== recorded) return { problem: `the facts served now (${sha256}) are not those the filing's evaluation recorded (${recorded})` };
  return { input };
}

const compiled = new Map<string, RuleToEvaluate | string>();

/** A published rule version compiled here, once; or why it does not compile. */
function ruleOf(version: { id: string; expression: string }, ruleCode: string): RuleToEvaluate | string {
  if (!compiled.has(version.id)) {
    const result = compileCondition(version.expression);
    compiled.set(version.id, result.ok ? { ruleVersionId: version.id, ruleCode, expression: version.expression, program: result.program } : `rule version ${version.id} does not compile here: ${result.error.message}`);
  }
  return compiled.get(version.id)!;
}

/** Why re-running the flag's rule on its facts does not give the published flag, or null when it does. */
function differenceOf(flag: PublishedFlag, recorded: string | null, published: PublishedFacts): string | null {
  // flags are raised at the filing's own instant (when it was written, or re-evaluated): on the recorded facts
  const checked = checkedInput(published, recorded);
  if ('problem' in checked) return checked.problem;
  const rule = ruleOf(flag.ruleVersion, flag.ruleCode);
  if (typeof rule === 'string') return rule;
  const finding: Finding = evaluateRules([rule], checked.input, new Date(flag.evidence.evaluatedAt))[0];
  if (finding.outcome !== 'FLAGGED') return `the rule gives ${finding.outcome}${finding.error ? ` (${finding.error})` : ''} on the facts of ${flag.evidence.evaluatedAt}`;
  if (canonicalJson(finding.evidence.values) !== canonicalJson(flag.evidence.values)) return 'the rule flags, but reads other values than the published evidence';
  return null;
}

/** The rule versions in force that flag a live filing on its published facts without a standing flag of theirs. */
function missingFlags(filing: LiveFiling, rules: Map<string, PublishedVersion[]>): Difference[] {
  const checked = checkedInput(filing.facts, filing.factsSha256);
  if ('problem' in checked) return [{ ruleCode: '', filingId: filing.id, reason: checked.problem }];
  const standing = new Set(filing.flags.filter((f) => f.status !== 'SUPERSEDED').map((f) => f.ruleVersion.id));
  const differences: Difference[] = [];
  const toRun: RuleToEvaluate[] = [];
  for (const [code, versions] of rules) {
    const version = versionInForce(versions, filing.periodEnd);
    // a marked version's flag is public only once confirmed: its absence proves nothing
    const rule = version && !version.reviewBeforePublication && ruleOf(version, code);
    if (typeof rule === 'string') differences.push({ ruleCode: code, filingId: filing.id, reason: rule });
    else if (rule) toRun.push(rule);
  }
  for (const finding of evaluateRules(toRun, checked.input, new Date(filing.facts.asOf))) {
    if (finding.outcome === 'FLAGGED' && !standing.has(finding.ruleVersionId)) {
      differences.push({ ruleCode: finding.ruleCode, filingId: filing.id, reason: `rule version ${finding.ruleVersionId} flags it on its published facts, but no flag of that version stands on it` });
    }
  }
  return differences;
}

/** `npm run registry -- recompute`: prints what was reproduced and returns the exit code. */
export async function runRecompute(argv: string[]): Promise<number> {
  let values: { url?: string; platform?: string; json?: boolean };
  try {
    values = parseArgs({ args: argv, options: { url: { type: 'string' }, platform: { type: 'string' }, json: { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${RECOMPUTE_USAGE}`);
    return 2;
  }
  if (!values.url) {
    console.error(`--url is required\n\n${RECOMPUTE_USAGE}`);
    return 2;
  }
  try {
    const result = await recompute(logClient(values.url), values.platform);
    if (values.json) console.log(JSON.stringify(result));
    else {
      console.log(`${result.reproduced} of ${result.flags - result.skippedMissingFilings} flags raised on filings reproduced from the published rules and facts (${result.skippedMissingFilings} missing-filing flags not re-run)`);
      console.log(`${result.filings} live filings evaluated against every rule version in force: ${result.differences.filter((d) => d.filingId).length} flags missing`);
      for (const d of result.differences) console.log(`DIFFERS ${d.flagId ?? d.filingId} ${d.ruleCode}: ${d.reason}`);
    }
    return result.differences.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof LogAccessError)) throw error;
    console.error(error.message);
    return 2;
  }
}
