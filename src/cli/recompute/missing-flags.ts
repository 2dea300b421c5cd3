import { versionInForceAt } from '../../modules/rules/version-in-force';
import type { LogClient } from '../verify/log-client';

/**
 * The other half of recompute: the flags that should have been published and were not. Every live filing
 * of the platforms is evaluated, on its published facts, against every rule version in force at its period
 * end (taken from the public rulebook); a version that flags it must have a flag on it that no later
 * evaluation superseded. Passes leave no record, so this is how a silently dropped flag shows. Versions marked for
 * review before publication are left out: their flags are public only once confirmed.
 */

const PLATFORMS = `query Platforms($after: String) { platforms(first: 100, after: $after) {
  nodes { id association { id } } pageInfo { hasNextPage endCursor } } }`;
const PLATFORM = `query Platform($id: ID!) { platform(id: $id) { id association { id } } }`;
const RULEBOOK = `query Rulebook($associationId: ID!, $after: String) { rulebook(associationId: $associationId, first: 25, after: $after) {
  nodes { code versions { id number expression effectiveFrom retires reviewBeforePublication } } pageInfo { hasNextPage endCursor } } }`;
const FILINGS = `query Filings($platformId: ID!, $after: String) { filings(platformId: $platformId, first: 20, after: $after) {
  nodes { id periodEnd factsSha256 facts { asOf sha256 document } flags { status ruleVersion { id } } } pageInfo { hasNextPage endCursor } } }`;

/** A published rule version as the rulebook lists it. */
export interface PublishedVersion {
  id: string;
  number: number;
  expression: string;
  effectiveFrom: string;
  retires: boolean;
  /** Its flags are public only once a reviewer confirms them: a missing one may be held or dismissed, so none is looked for. */
  reviewBeforePublication: boolean;
}

/** A live filing with its published facts and the rule versions of its flags still standing. */
export interface LiveFiling {
  id: string;
  periodEnd: string;
  /** SHA-256 of the facts its evaluation read when it was recorded (null before the registry kept it). */
  factsSha256: string | null;
  facts: { asOf: string; sha256: string; document: Record<string, unknown> };
  flags: { status: string; ruleVersion: { id: string } }[];
}

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every node of a paged list, page by page. */
async function* pages<T>(fetch: (after: string | null) => Promise<Page<T>>): AsyncGenerator<T> {
  for (let after: string | null = null, more = true; more; ) {
    const page: Page<T> = await fetch(after);
    yield* page.nodes;
    [after, more] = [page.pageInfo.endCursor, page.pageInfo.hasNextPage];
  }
}

/** Each platform (or the one given) with its association's rules: code and published versions. */
export async function* platformsWithRules(client: LogClient, platformId?: string): AsyncGenerator<{ platformId: string; rules: Map<string, PublishedVersion[]> }> {
  const rulebooks = new Map<string, Map<string, PublishedVersion[]>>();
  const platforms = platformId
    ? [(await client.graphql<{ platform: { id: string; association: { id: string } } }>(PLATFORM, { id: platformId })).platform]
    : pages((after) => client.graphql<{ platforms: Page<{ id: string; association: { id: string } }> }>(PLATFORMS, { after }).then((d) => d.platforms));
  for await (const platform of platforms) {
    const associationId = platform.association.id;
    if (!rulebooks.has(associationId)) {
      const rules = new Map<string, PublishedVersion[]>();
      const fetch = (after: string | null) =>
        client.graphql<{ rulebook: Page<{ code: string; versions: PublishedVersion[] }> }>(RULEBOOK, { associationId, after }).then((d) => d.rulebook);
      for await (const rule of pages(fetch)) rules.set(rule.code, rule.versions);
      rulebooks.set(associationId, rules);
    }
    yield { platformId: platform.id, rules: rulebooks.get(associationId)! };
  }
}

/** A platform's live filings, each with its published facts and flags. */
export function liveFilings(client: LogClient, platformId: string): AsyncGenerator<LiveFiling> {
  return pages((after) => client.graphql<{ filings: Page<LiveFiling> }>(FILINGS, { platformId, after }).then((d) => d.filings));
}

/** The version of a rule in force at `at` (RFC 3339), picked as the registry picks it. */
export function versionInForce(versions: PublishedVersion[], at: string): PublishedVersion | null {
  const dated = versions.map((v) => ({ ...v, effectiveFrom: new Date(v.effectiveFrom) }));
  const chosen = versionInForceAt(dated, new Date(at));
  return chosen && versions.find((v) => v.id === chosen.id)!;
}
