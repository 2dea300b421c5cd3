import { randomBytes } from 'node:crypto';
import { buildPlatform, qualificationInput } from '../../../seeds/factories';
import {
  AMEND_FILING,
  amendVariables,
  buildFilingAssociation,
  buildFilingPlatform,
  FilingAssociation,
  FilingPlatform,
  POOLING,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';
import { runWrite } from '../../../src/modules/ledger';
import { RegistryStatus, RegulatorRegistrationStatus } from '../../../src/modules/platforms/platform.enums';
import { Platform } from '../../../src/modules/platforms/platform.entity';
import { PlatformStatusChange } from '../../../src/modules/platforms/platform-status-change.entity';
import { CHANGE_STATUS } from '../../helpers/operations';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const ENTRY = 'logIndex entityType entityId version action at actor { organisation role } reason changes { path before after }';
const PLATFORM_HISTORY = `query($id: ID!, $first: Int!, $after: String) {
  platform(id: $id) { history(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ENTRY} } } }
}`;
const FILING_HISTORY = `query($id: ID!) { filing(id: $id) { history(first: 10) { totalCount nodes { ${ENTRY} } } } }`;
const FLAG_HISTORY = `query($id: ID!) { flags(first: 10, filter: { filingId: $id }) { nodes { id ruleCode history(first: 3) { totalCount nodes { ${ENTRY} } } } } }`;
const PLATFORM_AS_OF = `query($id: ID!, $asOf: DateTimeISO, $atLogSize: Int64) {
  platform(id: $id, asOf: $asOf, atLogSize: $atLogSize) {
    id legalName registryStatus version association { id } statusHistory { toStatus reason } qualifications { type state } receipt { logIndex }
    history(first: 10) { totalCount }
  }
}`;
const PLATFORMS_AS_OF = `query($authority: String!, $status: [RegistryStatus!], $asOf: DateTimeISO) {
  platforms(first: 10, asOf: $asOf, filter: { registrationAuthority: $authority, registryStatus: $status }, orderBy: REGISTERED_ASC) {
    totalCount nodes { id registryStatus }
  }
}`;
const FILINGS_AS_OF = `query($id: ID!, $asOf: DateTimeISO, $all: Boolean!) {
  filings(platformId: $id, first: 10, asOf: $asOf, includeSuperseded: $all) {
    totalCount nodes { id amendment supersedesId custody { lenderFundsOutsideCustodyMinor } flags { ruleCode status } platform { registryStatus } facts { sha256 } }
  }
}`;
const FLAGS_AS_OF = `query($id: ID!, $asOf: DateTimeISO) {
  flags(first: 20, asOf: $asOf, filter: { platformId: $id, status: [OPEN] }) { totalCount nodes { ruleCode status filing { amendment } } }
}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('history and as-of', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let authority: string;
  let original: { id: string };
  let amendment: { id: string };
  /** Instants between the changes: before registration, approved, filed, suspended, amended. */
  const marks: Record<'start' | 'before' | 'approved' | 'filed' | 'suspended' | 'amended', string> = {} as never;
  let sizeWhenFiled: string;

  /** An instant after everything recorded so far and before anything recorded next. */
  async function mark(): Promise<string> {
    await sleep(3);
    const at = new Date().toISOString();
    await sleep(3);
    return at;
  }

  async function gql(query: string, variables: Record<string, unknown>) {
    const result = await app.execute(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  beforeAll(async () => {
    app = await startTestApp();
    marks.start = await mark();
    association = await buildFilingAssociation(app);
    authority = `地方金融监督管理局 ${randomBytes(4).toString('hex')}`;
    const registration = { status: RegulatorRegistrationStatus.REGISTERED, number: 'X-1', authority, registeredAt: new Date('2018-11-20T00:00:00+08:00') };
    marks.before = await mark();
    platform = await buildFilingPlatform(app, association, { regulatorRegistration: registration });
    marks.approved = await mark();
    original = (await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.filer)).data.submitFiling;
    marks.filed = await mark();
    const [{ next }] = await app.orm.em.getConnection().execute('select next::text as next from log_state');
    sizeWhenFiled = next;
    const suspended = await app.execute(CHANGE_STATUS, { input: { platformId: platform.id, to: 'SUSPENDED', reason: 'Funds pooled outside custody.' } }, association.tokens.reviewer);
    expect(suspended.errors).toBeUndefined();
    marks.suspended = await mark();
    const amended = await app.execute(
      AMEND_FILING,
      amendVariables(platform, original.id, 'Bank booking error corrected.', { custody: { lenderFundsOutsideCustodyMinor: '0' } }, POOLING),
      platform.tokens.owner,
    );
    expect(amended.errors).toBeUndefined();
    amendment = amended.data.amendFiling;
    marks.amended = await mark();
    // two more platforms of the same regulator, for the statement budget
    for (let i = 0; i < 2; i++) await buildPlatform(app.orm.em, { associationId: association.id, regulatorRegistration: registration });
  });
  afterAll(() => app.close());

  it("a platform's history lists its public versions with who, when, why and the fields that changed", async () => {
    const { history } = (await gql(PLATFORM_HISTORY, { id: platform.id, first: 10 })).platform;
    expect(history.totalCount).toBe(3);
    expect(history.nodes.map((n: { version: number }) => n.version)).toEqual([1, 2, 3]);
    expect(history.nodes.map((n: { action: string }) => n.action)).toEqual(['platform.registered', 'platform.status-changed', 'platform.status-changed']);
    const [registered, approved, suspended] = history.nodes;
    expect(registered).toMatchObject({ entityType: 'platform', entityId: platform.id, actor: { organisation: 'public', role: null }, changes: [] });
    expect(approved.changes).toEqual([{ path: 'registryStatus', before: 'PENDING', after: 'APPROVED' }]);
    expect(suspended).toMatchObject({
      reason: 'Funds pooled outside custody.',
      actor: { organisation: association.id, role: 'REVIEWER' },
      changes: [{ path: 'registryStatus', before: 'APPROVED', after: 'SUSPENDED' }],
    });
    expect(new Date(suspended.at).getTime()).toBeGreaterThan(new Date(marks.filed).getTime());
    expect(BigInt(suspended.logIndex)).toBeGreaterThan(BigInt(approved.logIndex));
  });

  it('history pages by cursor, and the first entry of a later page is still diffed against the one before', async () => {
    const first = (await gql(PLATFORM_HISTORY, { id: platform.id, first: 2 })).platform.history;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = (await gql(PLATFORM_HISTORY, { id: platform.id, first: 2, after: first.pageInfo.endCursor })).platform.history;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.nodes.map((n: { version: number }) => n.version)).toEqual([3]);
    expect(second.nodes[0].changes).toEqual([{ path: 'registryStatus', before: 'APPROVED', after: 'SUSPENDED' }]);
    const bad = await app.execute(PLATFORM_HISTORY, { id: platform.id, first: 2, after: 'bm90IGEgY3Vyc29y' });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it("a filing's history spans its amendments, diffing the amended figures", async () => {
    for (const id of [original.id, amendment.id]) {
      const { history } = (await gql(FILING_HISTORY, { id })).filing;
      expect(history.totalCount).toBe(2);
      expect(history.nodes.map((n: { entityId: string }) => n.entityId)).toEqual([original.id, amendment.id]);
      const amended = history.nodes[1];
      expect(amended).toMatchObject({ action: 'filing.amended', reason: 'Bank booking error corrected.', actor: { organisation: platform.id, role: 'PLATFORM_OWNER' } });
      const paths = amended.changes.map((c: { path: string }) => c.path);
      expect(paths).toEqual(expect.arrayContaining(['amendment', 'amendmentReason', 'supersedes', 'content.custody.lenderFundsOutsideCustodyMinor']));
      expect(amended.changes).toContainEqual({ path: 'amendment', before: 1, after: 2 });
      expect(amended.changes).toContainEqual({ path: 'supersedes', before: null, after: original.id });
      expect(amended.changes.find((c: { path: string }) => c.path === 'content.custody.lenderFundsOutsideCustodyMinor')).toMatchObject({ after: '0' });
    }
  });

  it("a flag's history shows its status changing when the amendment superseded it", async () => {
    const { nodes } = (await gql(FLAG_HISTORY, { id: original.id })).flags;
    expect(nodes.length).toBeGreaterThan(0);
    for (const flag of nodes) {
      expect(flag.history.totalCount).toBe(2);
      expect(flag.history.nodes[1].changes).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'status', before: 'OPEN', after: 'SUPERSEDED' })]),
      );
    }
  });

  it('a platform as of an instant is the version recorded then, with its status history and history up to then', async () => {
    const at = async (asOf: string) => (await gql(PLATFORM_AS_OF, { id: platform.id, asOf })).platform;
    expect(await at(marks.before)).toBeNull();
    expect(await at(marks.approved)).toMatchObject({ registryStatus: 'APPROVED', version: 2, statusHistory: [{ toStatus: 'PENDING' }, { toStatus: 'APPROVED' }], history: { totalCount: 2 } });
    const suspended = await at(marks.suspended);
    expect(suspended).toMatchObject({ registryStatus: 'SUSPENDED', version: 3, history: { totalCount: 3 } });
    expect(suspended.statusHistory).toHaveLength(3);
    expect(suspended.qualifications.map((q: { type: string }) => q.type).sort()).toEqual(['CUSTODY_AGREEMENT', 'ICP_LICENSE']);
    expect(suspended.association).toEqual({ id: association.id });
    const { history } = (await gql(PLATFORM_HISTORY, { id: platform.id, first: 10 })).platform;
    expect(suspended.receipt.logIndex).toBe(history.nodes[2].logIndex);
    expect(await at(new Date().toISOString())).toMatchObject({ registryStatus: 'SUSPENDED' });
  });

  it('atLogSize reads the first entries of the log, exactly', async () => {
    const { platform: then } = await gql(PLATFORM_AS_OF, { id: platform.id, atLogSize: sizeWhenFiled });
    expect(then).toMatchObject({ registryStatus: 'APPROVED', history: { totalCount: 2 } });
    const overHttp = await app.post(PLATFORM_AS_OF, { id: platform.id, atLogSize: sizeWhenFiled });
    expect(overHttp).toEqual({ status: 200, body: { data: { platform: then } } });
    expect((await gql(PLATFORM_AS_OF, { id: platform.id, atLogSize: '0' })).platform).toBeNull();
  });

  it('atLogSize never splits a transaction: a size inside one write reads as of its start', async () => {
    const write = (await app.orm.em.getConnection().execute(
      `select min(log_index)::text as lo, max(log_index)::text as hi from ledger_entry
       where action = 'platform.status-changed' and convert_from(entry, 'UTF8')::jsonb ->> 'reason' = 'Funds pooled outside custody.'
         and (entity_id = ? or convert_from(entry, 'UTF8')::jsonb -> 'record' ->> 'platform' = ?)`,
      [platform.id, platform.id],
    ))[0] as { lo: string; hi: string };
    // the suspension recorded the status change and the platform's version 3 together
    expect(BigInt(write.hi) - BigInt(write.lo)).toBe(1n);
    const read = async (size: bigint) => (await gql(PLATFORM_AS_OF, { id: platform.id, atLogSize: String(size) })).platform;
    const before = await read(BigInt(write.lo));
    expect(before).toMatchObject({ registryStatus: 'APPROVED', version: 2, history: { totalCount: 2 } });
    expect(before.statusHistory.map((c: { toStatus: string }) => c.toStatus)).toEqual(['PENDING', 'APPROVED']);
    expect(await read(BigInt(write.hi))).toEqual(before);
    const after = await read(BigInt(write.hi) + 1n);
    expect(after).toMatchObject({ registryStatus: 'SUSPENDED', version: 3, history: { totalCount: 3 } });
    expect(after.statusHistory.map((c: { toStatus: string }) => c.toStatus)).toEqual(['PENDING', 'APPROVED', 'SUSPENDED']);
    const marked = await app.orm.em.getConnection().execute('select first_index::text as i from log_write where first_index between ? and ? order by 1', [write.lo, write.hi]);
    expect(marked).toEqual([{ i: write.lo }]);
    // a history entry says where its write ends: read there, the registry is just after that change
    const history = `query($id: ID!) { platform(id: $id) { history(first: 5) { nodes { version logIndex logSizeAfter } } } }`;
    const versions = (await gql(history, { id: platform.id })).platform.history.nodes;
    expect(versions[2].logSizeAfter).toBe(String(BigInt(write.hi) + 1n));
    for (const { version, logIndex, logSizeAfter } of versions) {
      expect(BigInt(logSizeAfter)).toBeGreaterThan(BigInt(logIndex));
      expect((await read(BigInt(logSizeAfter))).version).toBe(version);
    }
    expect(await read(BigInt(versions[0].logIndex) + 1n)).toBeNull(); // the registration's other entries came after it
  });

  it('a transaction that appends twice is one write: one log_write row, and no size between its appends', async () => {
    const { platform: other } = await buildPlatform(app.orm.em, { associationId: association.id });
    const [{ lo }] = await app.orm.em.getConnection().execute('select next::text as lo from log_state');
    await runWrite(app.orm.em.fork(), { memberId: null, label: 'system' }, async (write) => {
      const found = await write.em.findOneOrFail(Platform, other.id);
      const change = (reason: string) => write.em.create(PlatformStatusChange, { platform: found, fromStatus: null, toStatus: RegistryStatus.PENDING, reason, changedBy: 'test', at: write.at });
      write.record(change('first append'), 'platform.status-changed');
      await write.commit();
      write.record(change('second append'), 'platform.status-changed');
    });
    const rows = await app.orm.em.getConnection().execute(
      `select w.first_index::text as i from log_write w where w.first_index >= ? and exists (select 1 from ledger_entry e where e.log_index = w.first_index and e.entity_type = 'platform-status-change'
         and convert_from(e.entry, 'UTF8')::jsonb -> 'record' ->> 'platform' = ?)`,
      [lo, other.id],
    );
    expect(rows).toHaveLength(1);
    const start = BigInt(rows[0].i);
    const reasons = async (size: bigint) => (await gql(PLATFORM_AS_OF, { id: other.id, atLogSize: String(size) })).platform.statusHistory.map((c: { reason: string }) => c.reason);
    expect(await reasons(start + 1n)).toHaveLength(1);
    expect((await reasons(start + 2n)).slice(1)).toEqual(['first append', 'second append']);
  });

  it('lists as of an instant are filtered and ordered on the records as they were', async () => {
    const list = async (asOf: string, status?: string[]) => (await gql(PLATFORMS_AS_OF, { authority, asOf, status })).platforms;
    expect(await list(marks.before)).toEqual({ totalCount: 0, nodes: [] });
    expect(await list(marks.approved, ['SUSPENDED'])).toEqual({ totalCount: 0, nodes: [] });
    expect(await list(marks.suspended, ['SUSPENDED'])).toEqual({ totalCount: 1, nodes: [{ id: platform.id, registryStatus: 'SUSPENDED' }] });
    expect(await list(marks.approved, ['APPROVED'])).toEqual({ totalCount: 1, nodes: [{ id: platform.id, registryStatus: 'APPROVED' }] });
    expect((await list(new Date().toISOString())).totalCount).toBe(3);

    const filings = async (asOf: string, all = false) => (await gql(FILINGS_AS_OF, { id: platform.id, asOf, all })).filings;
    expect(await filings(marks.approved)).toEqual({ totalCount: 0, nodes: [] });
    const live = await filings(marks.suspended);
    expect(live).toMatchObject({ totalCount: 1, nodes: [{ id: original.id, amendment: 1, custody: { lenderFundsOutsideCustodyMinor: expect.not.stringMatching(/^0$/) }, platform: { registryStatus: 'SUSPENDED' } }] });
    expect(live.nodes[0].flags.every((f: { status: string }) => f.status === 'OPEN')).toBe(true);
    expect(await filings(marks.amended)).toMatchObject({ totalCount: 1, nodes: [{ id: amendment.id, amendment: 2, supersedesId: original.id }] });
    expect((await filings(marks.amended, true)).nodes.map((f: { amendment: number }) => f.amendment)).toEqual([2, 1]);
    const filedThen = (await filings(marks.filed)).nodes[0];
    expect(filedThen.platform.registryStatus).toBe('APPROVED');
    const now = (await gql('query($id: ID!) { filing(id: $id) { facts { sha256 } } }', { id: original.id })).filing;
    expect(filedThen.facts).toEqual(now.facts);

    const open = async (asOf: string) => (await gql(FLAGS_AS_OF, { id: platform.id, asOf })).flags;
    const beforeAmendment = await open(marks.suspended);
    expect(beforeAmendment.totalCount).toBeGreaterThan(0);
    expect(beforeAmendment.totalCount).toBe(live.nodes[0].flags.length);
    expect(beforeAmendment.nodes.every((f: { filing: { amendment: number } }) => f.filing.amendment === 1)).toBe(true);
    const code = beforeAmendment.nodes[0].ruleCode;
    const narrow = `query($id: ID!, $asOf: DateTimeISO, $code: String!, $period: String!) {
      flags(first: 5, asOf: $asOf, filter: { platformId: $id, ruleCode: $code, periodFrom: $period, periodTo: $period }) { totalCount nodes { ruleCode status } }
    }`;
    const narrowed = async (asOf: string, period = '2019-06') => (await gql(narrow, { id: platform.id, asOf, code, period })).flags;
    expect(await narrowed(marks.suspended)).toEqual({ totalCount: 1, nodes: [{ ruleCode: code, status: 'OPEN' }] });
    expect((await narrowed(marks.amended)).nodes.map((f: { status: string }) => f.status)).toContain('SUPERSEDED');
    expect((await narrowed(marks.suspended, '2019-05')).totalCount).toBe(0);
    const afterAmendment = await open(marks.amended);
    expect(afterAmendment.nodes.every((f: { filing: { amendment: number } }) => f.filing.amendment === 2)).toBe(true);
    const counts = `query($id: ID!, $asOf: DateTimeISO) { platform(id: $id, asOf: $asOf) { openFlagCounts { critical high medium low } } }`;
    const total = (c: Record<string, number>) => c.critical + c.high + c.medium + c.low;
    expect(total((await gql(counts, { id: platform.id, asOf: marks.approved })).platform.openFlagCounts)).toBe(0);
    expect(total((await gql(counts, { id: platform.id, asOf: marks.suspended })).platform.openFlagCounts)).toBe(beforeAmendment.totalCount);
    expect(total((await gql(counts, { id: platform.id, asOf: marks.amended })).platform.openFlagCounts)).toBe(afterAmendment.totalCount);
  });

  it("a platform's risk as of a point is computed from the flags, qualifications and filings recorded then", async () => {
    const RISK = `query($id: ID!, $asOf: DateTimeISO, $atLogSize: Int64) {
      platform(id: $id, asOf: $asOf, atLogSize: $atLogSize) {
        openFlagCounts { critical high medium low }
        risk { score filingsLate filingsMissing qualificationsExpired qualificationsExpiring flags { status caseState severity category count } points(first: 50) { totalCount nodes { points itemType itemId } } }
      }
    }`;
    const risk = async (variables: Record<string, unknown>) => (await gql(RISK, { id: platform.id, ...variables })).platform;
    const now = await risk({});
    expect(now.risk.score).toBeGreaterThan(0);
    // read at the end of the log, the as-of path gives exactly the current summary
    const [{ next }] = await app.orm.em.getConnection().execute('select next::text as next from log_state');
    expect(await risk({ atLogSize: next })).toEqual(now);
    expect(await risk({ asOf: new Date().toISOString() })).toEqual(now);
    const approved = await risk({ asOf: marks.approved });
    expect(approved.risk).toMatchObject({ score: 0, flags: [], filingsLate: 0, filingsMissing: 0, points: { totalCount: 0, nodes: [] } });
    // before the amendment: the original filing's flags, open, beside the open flag counts of the same point
    const suspended = await risk({ asOf: marks.suspended });
    const open = suspended.risk.flags.filter((f: { status: string }) => f.status === 'OPEN');
    const total = (c: Record<string, number>) => c.critical + c.high + c.medium + c.low;
    expect(open.reduce((sum: number, f: { count: number }) => sum + f.count, 0)).toBe(total(suspended.openFlagCounts));
    expect(suspended.risk.flags.every((f: { status: string }) => f.status === 'OPEN')).toBe(true);
    expect(suspended.risk.score).toBeGreaterThan(0);
    const flagIds = (await gql(FLAGS_AS_OF, { id: platform.id, asOf: marks.suspended })).flags.nodes;
    expect(suspended.risk.points.nodes.filter((p: { itemType: string }) => p.itemType === 'flag').length).toBeLessThanOrEqual(flagIds.length);
    expect(now.risk.flags.some((f: { status: string }) => f.status === 'SUPERSEDED')).toBe(true);
  });

  it('a rulebook as of an instant holds the rules published by then, with their versions as recorded', async () => {
    const query = `query($id: ID!, $asOf: DateTimeISO) {
      rulebook(associationId: $id, first: 30, asOf: $asOf) { totalCount nodes { code inForce { number } versions { number status } history(first: 2) { totalCount nodes { action entityType } } } }
    }`;
    expect((await gql(query, { id: association.id, asOf: marks.start })).rulebook).toEqual({ totalCount: 0, nodes: [] });
    const { rulebook } = await gql(query, { id: association.id, asOf: marks.before });
    expect(rulebook.totalCount).toBe(25);
    expect(rulebook.nodes).toHaveLength(25);
    for (const rule of rulebook.nodes) {
      expect(rule.inForce).toEqual({ number: 1 });
      expect(rule.versions).toEqual([{ number: 1, status: 'PUBLISHED' }]);
      expect(rule.history).toEqual({ totalCount: 1, nodes: [{ action: 'rule.published', entityType: 'rule-version' }] });
    }
  });

  it('atLogSize takes instants from the log: a rulebook has its versions in force and qualifications their states, over HTTP', async () => {
    const qualifications = [
      qualificationInput({ validFrom: new Date('2018-01-01T00:00:00+08:00'), validTo: new Date('2020-01-01T00:00:00+08:00') }),
      qualificationInput({ validFrom: new Date('2018-01-01T00:00:00+08:00'), validTo: new Date('2099-01-01T00:00:00+08:00') }),
    ];
    const { platform: dated } = await buildPlatform(app.orm.em, { associationId: association.id, qualifications });
    const [{ next }] = await app.orm.em.getConnection().execute('select next::text as next from log_state');
    const states = `query($id: ID!, $size: Int64!) { platform(id: $id, atLogSize: $size) { qualifications { state } } }`;
    const { status, body } = await app.post(states, { id: dated.id, size: next });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.platform.qualifications.map((q: { state: string }) => q.state).sort()).toEqual(['EXPIRED', 'VALID']);

    const rulebook = `query($id: ID!, $size: Int64!) { rulebook(associationId: $id, first: 30, atLogSize: $size) { totalCount nodes { code inForce { number } } } }`;
    const atSize = async (size: string) => {
      const response = await app.post(rulebook, { id: association.id, size });
      expect(response.body.errors).toBeUndefined();
      return response.body.data.rulebook;
    };
    const whole = await atSize(next);
    expect(whole.totalCount).toBe(25);
    expect(whole.nodes.map((r: { inForce: unknown }) => r.inForce)).toEqual(Array(25).fill({ number: 1 }));
    expect((await atSize(sizeWhenFiled)).nodes.map((r: { inForce: unknown }) => r.inForce)).toEqual(Array(25).fill({ number: 1 }));
  });

  it("a parameter's history spans the values published for its period, with the value that changed", async () => {
    const publish = `mutation($input: PublishParameterInput!) { publishParameter(input: $input) { id number } }`;
    const input = { name: 'marketMedianLenderYieldBps', period: '2020-01' };
    const first = await app.execute(publish, { input: { ...input, value: '600' } }, association.tokens.editor);
    const second = await app.execute(publish, { input: { ...input, value: '620', reason: 'survey corrected' } }, association.tokens.editor);
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    const { parameters } = await gql(`query($id: ID!) { parameters(associationId: $id, first: 10) { nodes { id period history(first: 5) { totalCount nodes { reason changes { path before after } } } } } }`, {
      id: association.id,
    });
    const corrected = parameters.nodes.find((p: { id: string }) => p.id === first.data.publishParameter.id);
    expect(corrected.history.totalCount).toBe(2);
    expect(corrected.history.nodes[1].reason).toBe('survey corrected');
    expect(corrected.history.nodes[1].changes).toEqual(
      expect.arrayContaining([
        { path: 'value', before: '600', after: '620' },
        { path: 'number', before: 1, after: 2 },
      ]),
    );
  });

  it('refuses both bounds together, a future instant and a size beyond the log, and says which fields the record cannot serve', async () => {
    const both = await app.execute(PLATFORM_AS_OF, { id: platform.id, asOf: marks.approved, atLogSize: '1' });
    expect(both.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'atLogSize' }] } });
    const future = await app.execute(PLATFORM_AS_OF, { id: platform.id, asOf: new Date(Date.now() + 3600_000).toISOString() });
    expect(future.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'asOf' }] } });
    const beyond = await app.execute(PLATFORM_AS_OF, { id: platform.id, atLogSize: '999999999999' });
    expect(beyond.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'atLogSize' }] } });
    const privateField = await app.execute('query($id: ID!, $asOf: DateTimeISO) { platform(id: $id, asOf: $asOf) { legalName members { id } } }', {
      id: platform.id,
      asOf: marks.suspended,
    });
    expect(errorCodes(privateField)).toEqual(['AS_OF_UNAVAILABLE']);
    expect(privateField.errors?.[0].extensions?.field).toBe('Platform.members');
    const staffName = await app.execute('query($id: ID!, $asOf: DateTimeISO) { platform(id: $id, asOf: $asOf) { statusHistory { changedBy } } }', { id: platform.id, asOf: marks.suspended });
    expect(errorCodes(staffName)).toEqual(['AS_OF_UNAVAILABLE']);
  });

  it('a page of records with their history is a fixed number of statements, whatever the page size', async () => {
    const query = `query($authority: String!, $first: Int!) {
      platforms(first: $first, filter: { registrationAuthority: $authority }) { nodes { id history(first: 5) { totalCount nodes { version changes { path } } } } }
    }`;
    const statements = async (first: number) => {
      let nodes = 0;
      const count = await app.sql.count(async () => {
        nodes = (await gql(query, { authority, first })).platforms.nodes.length;
      });
      expect(nodes).toBe(first);
      return count;
    };
    const one = await statements(1);
    expect(one).toBe(2); // the page, then every history of it in one statement
    expect(await statements(3)).toBe(one);
    const filings = `query($id: ID!) { filings(platformId: $id, first: 10, includeSuperseded: true) { nodes { history(first: 5) { nodes { entityId } } } } }`;
    expect(await app.sql.count(() => gql(filings, { id: platform.id }))).toBe(3); // page, versions of their periods, histories
    const asOf = `query($authority: String!, $asOf: DateTimeISO) { platforms(first: 10, asOf: $asOf, filter: { registrationAuthority: $authority }) { nodes { history(first: 5) { totalCount } qualifications { state } } } }`;
    // the recorded page, histories, qualification ids, qualifications as recorded
    expect(await app.sql.count(() => gql(asOf, { authority, asOf: new Date().toISOString() }))).toBe(4);
  });
});
