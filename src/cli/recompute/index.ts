import { parseArgs } from 'node:util';
import canonicalize from 'canonicalize';
import { compileCondition, evaluateRules, factsDocument, factsFromDocument, type Finding } from '../../modules/rules/engine';
import { LogAccessError } from '../verify/errors';
import { type LogClient, logClient } from '../verify/log-client';

/** What `npm run registry -- recompute` prints when the command line is wrong. */
export const RECOMPUTE_USAGE = `Usage: npm run registry -- recompute --url URL [--platform ID] [--json]

Re-derives every published flag of the registry at URL (e.g. http://127.0.0.1:4000) over its public API; needs
no database. For each flag raised on a filing it fetches the published rule version and the filing's facts as
of the instant the flag names (evidence.evaluatedAt), checks the facts' SHA-256, re-runs the rule here with the
registry's own engine, and compares outcome and evidence with the published flag. --platform: only the flags
of one platform.

Exit codes: 0 every flag reproduced, 1 a flag differs (each is listed), 2 usage or network error.`;

const FLAGS = `query Flags($after: String, $platformId: ID) { flags(first: 100, after: $after, filter: { platformId: $platformId }) {
  nodes { id ruleCode status filing { id } ruleVersion { id expression } evidence } pageInfo { hasNextPage endCursor } } }`;
const FACTS = `query Facts($id: ID!, $asOf: DateTimeISO) { filing(id: $id) { facts(asOf: $asOf) { asOf sha256 document } } }`;

interface PublishedFlag {
  id: string;
  ruleCode: string;
  status: string;
  filing: { id: string } | null;
  ruleVersion: { id: string; expression: string };
  evidence: { expression: string; values: Record<string, unknown>; evaluatedAt: string };
}

/** How a flag's re-derivation came out. */
export interface Recomputed {
  flags: number;
  reproduced: number;
  /** Missing-filing flags name no filing: their evidence is the due and submitted periods, not a rule run. */
  skippedMissingFilings: number;
  differences: { flagId: string; ruleCode: string; reason: string }[];
}

/** Re-derives every published flag raised on a filing (of one platform, if given); see RECOMPUTE_USAGE. */
export async function recompute(client: LogClient, platformId?: string): Promise<Recomputed> {
  const result: Recomputed = { flags: 0, reproduced: 0, skippedMissingFilings: 0, differences: [] };
  const facts = new Map<string, Promise<{ sha256: string; document: Record<string, unknown> }>>();
  const factsOf = (filingId: string, asOf: string) => {
    const key = `${filingId} ${asOf}`;
    if (!facts.has(key)) facts.set(key, client.graphql<{ filing: { facts: { sha256: string; document: Record<string, unknown> } } }>(FACTS, { id: filingId, asOf }).then((d) => d.filing.facts));
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
      const reason = await differenceOf(flag, await factsOf(flag.filing.id, flag.evidence.evaluatedAt));
      if (reason) result.differences.push({ flagId: flag.id, ruleCode: flag.ruleCode, reason });
      else result.reproduced++;
    }
    [after, more] = [page.flags.pageInfo.endCursor, page.flags.pageInfo.hasNextPage];
  }
  return result;
}

/** Why re-running the flag's rule on its facts does not give the published flag, or null when it does. */
function differenceOf(flag: PublishedFlag, published: { sha256: string; document: Record<string, unknown> }): string | null {
  const input = factsFromDocument(published.document);
  const { sha256 } = factsDocument(input);
  if (sha256 !== published.sha256) return `the facts document does not hash to its published SHA-256 (${sha256} != ${published.sha256})`;
  const compiled = compileCondition(flag.ruleVersion.expression);
  if (!compiled.ok) return `rule version ${flag.ruleVersion.id} does not compile here: ${compiled.error.message}`;
  const rule = { ruleVersionId: flag.ruleVersion.id, ruleCode: flag.ruleCode, expression: flag.ruleVersion.expression, program: compiled.program };
  const finding: Finding = evaluateRules([rule], input, new Date(flag.evidence.evaluatedAt))[0];
  if (finding.outcome !== 'FLAGGED') return `the rule gives ${finding.outcome}${finding.error ? ` (${finding.error})` : ''} on the facts of ${flag.evidence.evaluatedAt}`;
  if (canonicalize(finding.evidence.values) !== canonicalize(flag.evidence.values)) return 'the rule flags, but reads other values than the published evidence';
  return null;
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
      for (const d of result.differences) console.log(`DIFFERS ${d.flagId} ${d.ruleCode}: ${d.reason}`);
    }
    return result.differences.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof LogAccessError)) throw error;
    console.error(error.message);
    return 2;
  }
}
