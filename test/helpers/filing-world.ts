import fs from 'node:fs';
import path from 'node:path';
import { buildAssociation, buildPlatform, sha256 } from '../../seeds/factories';
import { seedRulebook } from '../../seeds/seed-rulebook';
import { addMember, issueMemberToken } from '../../src/modules/accounts/manage-members';
import { Member } from '../../src/modules/accounts/member.entity';
import { Role } from '../../src/modules/accounts/role';
import { memberViewer } from '../../src/modules/accounts/viewer';
import { Filing } from '../../src/modules/filings/filing.entity';
import { EvaluationError } from '../../src/modules/flags/evaluation-error.entity';
import { Flag } from '../../src/modules/flags/flag.entity';
import { LedgerEntry } from '../../src/modules/ledger/ledger-entry.entity';
import { REEVALUATE_JOB } from '../../src/modules/rules/publish-rule';
import { ADD_QUALIFICATION, CHANGE_STATUS } from './operations';
import { TestApp } from './test-app';

/** The custody bank of the example platforms; the custody agreement's issuer must match the filing's (CUST-003). */
export const CUSTODY_BANK = '江南商业银行股份有限公司';

/** An association for filing tests: admin, rule editor and reviewer tokens; the seed rulebook unless `rulebook: false`. */
export interface FilingAssociation {
  id: string;
  admin: Member;
  tokens: { admin: string; editor: string; reviewer: string };
}

/** An APPROVED platform whose qualifications let the clean example filing pass every rule. */
export interface FilingPlatform {
  id: string;
  associationId: string;
  /** Id of its custody agreement (the filing's `custody.agreementQualificationId`). */
  custodyQualificationId: string;
  tokens: { owner: string; filer: string };
}

async function issue(app: TestApp, manager: Member, name: string, role: Role): Promise<string> {
  const viewer = memberViewer(manager);
  const member = await addMember(app.orm.em.fork(), viewer, { name, role });
  return (await issueMemberToken(app.orm.em.fork(), viewer, { memberId: member.id, label: name })).secret;
}

/** Creates an association (through the real commands) with the 25-rule seed rulebook in force from 2016-08-24. */
export async function buildFilingAssociation(app: TestApp, options: { rulebook?: boolean } = {}): Promise<FilingAssociation> {
  const created = await buildAssociation(app.orm.em);
  if (options.rulebook !== false) await seedRulebook(app.orm.em, memberViewer(created.admin));
  return {
    id: created.association.id,
    admin: created.admin,
    tokens: {
      admin: created.adminToken,
      editor: await issue(app, created.admin, 'Rule editor', Role.RULE_EDITOR),
      reviewer: await issue(app, created.admin, 'Reviewer', Role.REVIEWER),
    },
  };
}

/**
 * Registers a platform with `association`, approves it (reviewer token) and files a custody agreement with
 * CUSTODY_BANK (owner token), open-ended from 2018-06-01. Registration already filed an ICP licence valid from
 * 2018-12-01, and the regulator registration is REGISTERED, so QUAL-001/002 and CUST-003 pass from 2018-12.
 * `overrides` change the registration (e.g. a regulator of the test's own, to filter lists by).
 */
export async function buildFilingPlatform(app: TestApp, association: FilingAssociation, overrides: Parameters<typeof buildPlatform>[1] = {}): Promise<FilingPlatform> {
  const { platform, owner, ownerToken } = await buildPlatform(app.orm.em, { ...overrides, associationId: association.id });
  const approved = await app.execute(CHANGE_STATUS, { input: { platformId: platform.id, to: 'APPROVED', reason: 'Documents complete.' } }, association.tokens.reviewer);
  if (approved.errors) throw new Error(`approval failed: ${JSON.stringify(approved.errors)}`);
  const custody = await app.execute(
    ADD_QUALIFICATION,
    {
      input: {
        platformId: platform.id,
        qualification: {
          type: 'CUSTODY_AGREEMENT',
          issuer: CUSTODY_BANK,
          number: 'CG-2018-001',
          validFrom: '2018-06-01T00:00:00+08:00',
          validTo: null,
          documentSha256: sha256(`custody agreement of ${platform.id}`),
        },
      },
    },
    ownerToken,
  );
  if (custody.errors) throw new Error(`custody agreement failed: ${JSON.stringify(custody.errors)}`);
  return {
    id: platform.id,
    associationId: association.id,
    custodyQualificationId: custody.data.addQualification.id,
    tokens: { owner: ownerToken, filer: await issue(app, owner, 'Filer', Role.FILER) },
  };
}

const EXAMPLES = path.join(__dirname, '../../seeds/examples/records');
const ENUM_KEYS = new Set(['kind', 'yieldLabel', 'guaranteeType', 'exitMechanism']);

/** Domain values to GraphQL variables: integers as strings, enum values upper-case. */
function toGraphql(section: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(section).map(([key, value]) => {
      if (typeof value === 'number') return [key, String(value)];
      if (ENUM_KEYS.has(key) && typeof value === 'string') return [key, value.toUpperCase()];
      return [key, value];
    }),
  );
}

/** The figures of one example filing (seeds/examples/records) in GraphQL input shape: ops, borrowerCaps, custody, products. */
export function exampleContent(file: string, period: string) {
  const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
  const filing = example.filings.find((f: { period: string }) => f.period === period);
  if (!filing) throw new Error(`${file} has no filing for ${period}`);
  return {
    ops: toGraphql(filing.ops) as Record<string, string>,
    borrowerCaps: toGraphql(filing.borrowerCaps) as Record<string, string>,
    custody: toGraphql(filing.custody) as Record<string, string>,
    products: (filing.products as Record<string, unknown>[]).map(toGraphql),
  };
}

/** The clean month: S01's 2019-05 filing, which breaks no rule when filed on time. */
export const CLEAN = exampleContent('S01-clean-established-3m.json', '2019-05');

/** A month that pools lender funds: S06's 2019-06 filing (money outside custody, unmatched funds, subscriptions far above loans). */
export const POOLING = exampleContent('S06-fund-pool-outside-custody.json', '2019-06');

/** Parts of a filing to replace: each section is merged into the base's. */
export interface ContentOverrides {
  ops?: Record<string, string>;
  borrowerCaps?: Record<string, string>;
  custody?: Record<string, string>;
  products?: Record<string, unknown>[];
}

/** Filing figures for `platform`: `base` (CLEAN by default) with `overrides`, the custody agreement pointing at the platform's. */
export function filingContent(platform: FilingPlatform, overrides: ContentOverrides = {}, base = CLEAN) {
  return {
    ops: { ...base.ops, ...overrides.ops },
    borrowerCaps: { ...base.borrowerCaps, ...overrides.borrowerCaps },
    custody: { ...base.custody, agreementQualificationId: platform.custodyQualificationId, ...overrides.custody },
    products: overrides.products ?? base.products,
  };
}

/** `SubmitFilingInput` variables (`{ input }`) for `platform` and `period`. */
export function submitVariables(platform: FilingPlatform, period: string, overrides: ContentOverrides = {}, base = CLEAN) {
  return { input: { platformId: platform.id, period, ...filingContent(platform, overrides, base) } };
}

/** `AmendFilingInput` variables (`{ input }`) correcting `filingId`. */
export function amendVariables(platform: FilingPlatform, filingId: string, reason: string, overrides: ContentOverrides = {}, base = CLEAN) {
  return { input: { filingId, reason, ...filingContent(platform, overrides, base) } };
}

export const SUBMIT_FILING = `mutation Submit($input: SubmitFilingInput!) {
  submitFiling(input: $input) {
    id period amendment provenance submittedAt dueAt late supersedesId
    flags { id ruleCode status severity category evidence ruleVersion { number ruleCode } }
  }
}`;

export const AMEND_FILING = `mutation Amend($input: AmendFilingInput!) {
  amendFiling(input: $input) {
    id period amendment supersedesId amendmentReason
    flags { id ruleCode status evidence ruleVersion { number } }
  }
}`;

/** The current month in China time, YYYY-MM (its period has not ended). */
export function currentChinaPeriod(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** Rows stored for a platform, to show that something wrote nothing (other files write in parallel). */
export async function rowsOf(app: TestApp, platformId: string) {
  const em = app.orm.em.fork();
  const filings = await em.find(Filing, { platform: platformId });
  const ids = filings.map((f) => f.id);
  return {
    filings: filings.length,
    flags: await em.count(Flag, { platform: platformId }),
    evaluationErrors: await em.count(EvaluationError, { filing: { platform: platformId } }),
    // ledger entries made by the platform's members (acting for the platform) or about its filings
    changes: await em.count(LedgerEntry, { $or: [{ actorOrganisation: platformId }, { entityId: { $in: ids.length ? ids : ['none'] } }] }),
  };
}

/**
 * Runs the queued re-evaluation jobs (`app.jobs.runPending`) and waits until the job of `ruleVersionId` is
 * done: test files running in parallel share the queue, so another file's runPending may be running it.
 */
export async function runReevaluation(app: TestApp, ruleVersionId: string): Promise<void> {
  const connection = app.orm.em.getConnection();
  for (let attempt = 0; attempt < 200; attempt++) {
    await app.jobs.runPending(REEVALUATE_JOB);
    const [{ queued, unfinished }] = await connection.execute(
      `select count(*)::int as queued, count(*) filter (where state in ('created', 'retry', 'active'))::int as unfinished
         from pgboss.job where name = ? and data->>'ruleVersionId' = ?`,
      [REEVALUATE_JOB, ruleVersionId],
    );
    if (queued === 0) throw new Error(`no re-evaluation job was queued for ${ruleVersionId}`);
    if (unfinished === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`re-evaluation of ${ruleVersionId} did not finish`);
}
