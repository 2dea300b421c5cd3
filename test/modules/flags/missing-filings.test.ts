import { buildPlatform } from '../../../seeds/factories';
import { Flag } from '../../../src/modules/flags/flag.entity';
import { flagMissingFilings } from '../../../src/modules/flags/missing-filings';
import { behindTheLedger } from '../../helpers/ledger';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';

const MISSING_FLAGS = `query($id: ID!) {
  flags(first: 20, filter: { platformId: $id, ruleCode: "FILE-001" }) {
    totalCount
    nodes { id period status statusReason statusChangedAt severity category evidence filing { id } ruleVersion { number ruleCode } }
  }
}`;

interface MissingFlag {
  id: string;
  period: string;
  status: string;
  statusReason: string | null;
  statusChangedAt: string | null;
  severity: string;
  category: string;
  evidence: { expression: string; values: Record<string, unknown>; evaluatedAt: string };
  filing: { id: string } | null;
  ruleVersion: { number: number; ruleCode: string };
}

/** Sets when a platform joined the registry. */
async function backdate(app: TestApp, platformId: string, createdAt: string) {
  await behindTheLedger(app.orm.em, 'update platform set created_at = ? where id = ?', [new Date(createdAt), platformId]);
}

/**
 * The job raises one FILE-001 flag per period due since the platform joined the registry (its createdAt)
 * that has neither a filing nor such a flag. A platform can only be registered now, so the test moves
 * createdAt back with SQL, into 2019, and runs the job as of 2019 dates: platforms of other test files
 * (created now) have nothing due then, so this file's counts are its own.
 */
describe('missing filings job (FILE-001)', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let pendingId: string;
  const job = (asOf: string) => flagMissingFilings(app.orm, { asOf });
  const missingFlags = async (id = platform.id): Promise<MissingFlag[]> =>
    ((await app.execute(MISSING_FLAGS, { id })).data.flags.nodes as MissingFlag[])
      .filter((f) => f.filing === null)
      .sort((a, b) => a.period.localeCompare(b.period));
  const countMissing = () => app.orm.em.fork().count(Flag, { platform: platform.id, ruleCode: 'FILE-001', filing: null });

  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    // 1 March 2019, 03:00 in China (still 28 February in UTC): the first period it owes is 2019-03
    await backdate(app, platform.id, '2019-03-01T03:00:00+08:00');
    const pending = await buildPlatform(app.orm.em, { associationId: association.id });
    pendingId = pending.platform.id;
    await backdate(app, pendingId, '2019-03-01T03:00:00+08:00');
    const april = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-04'), platform.tokens.filer);
    if (april.errors) throw new Error(JSON.stringify(april.errors));
    // filed on time in 2019, so that the job's 2019 instants see it as submitted
    await behindTheLedger(app.orm.em, 'update filing set submitted_at = ? where id = ?', [new Date('2019-05-06T10:00:00+08:00'), april.data.submitFiling.id]);
  });
  afterAll(() => app.close());

  it('raises one flag per due period without a filing, with no filing and its evidence', async () => {
    // as of 15 July 2019 the filings for March to June are due (June's on 5 July); April is on record
    expect(await job('2019-07-15T00:00:00+08:00')).toBeGreaterThanOrEqual(3);
    const flags = await missingFlags();
    expect(flags.map((f) => f.period)).toEqual(['2019-03', '2019-05', '2019-06']);
    const dueAt = { '2019-03': '2019-04-08T23:59:59+08:00', '2019-05': '2019-06-10T23:59:59+08:00', '2019-06': '2019-07-05T23:59:59+08:00' };
    for (const flag of flags) {
      expect(flag).toMatchObject({
        status: 'OPEN',
        statusReason: null,
        severity: 'HIGH',
        category: 'DISCLOSURE',
        filing: null,
        ruleVersion: { number: 1, ruleCode: 'FILE-001' },
        evidence: {
          expression: 'ctx.duePeriods.exists(p, !(p in platform.submittedPeriods))',
          values: {
            missingPeriod: flag.period,
            dueAt: new Date(dueAt[flag.period as keyof typeof dueAt]).toISOString(),
            'ctx.duePeriods': ['2019-03', '2019-04', '2019-05', '2019-06'],
            'platform.submittedPeriods': ['2019-04'],
          },
        },
      });
    }
    // a platform still PENDING owes nothing yet
    expect(await missingFlags(pendingId)).toEqual([]);
  });

  it('raises nothing new when run again', async () => {
    const before = await countMissing();
    await job('2019-07-15T00:00:00+08:00');
    await job('2019-07-20T00:00:00+08:00');
    expect(await countMissing()).toBe(before);
    expect(before).toBe(3);
  });

  it('flags the next period once it falls due', async () => {
    await job('2019-08-09T00:00:00+08:00'); // July's filing was due on 7 August
    const flags = await missingFlags();
    expect(flags.map((f) => f.period)).toEqual(['2019-03', '2019-05', '2019-06', '2019-07']);
    // the evidence names the periods actually filed, not those already flagged as missing
    expect(flags[3].evidence.values).toEqual({
      missingPeriod: '2019-07',
      dueAt: new Date('2019-08-07T23:59:59+08:00').toISOString(),
      'ctx.duePeriods': ['2019-03', '2019-04', '2019-05', '2019-06', '2019-07'],
      'platform.submittedPeriods': ['2019-04'],
    });
  });

  it('resolves the flag, keeping it, when the missing filing arrives', async () => {
    const may = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05'), platform.tokens.filer);
    expect(may.errors).toBeUndefined();
    // the filing itself is checked against FILE-001 too: periods are due from March (China time), not February
    const file001 = may.data.submitFiling.flags.find((f: { ruleCode: string }) => f.ruleCode === 'FILE-001');
    expect((file001.evidence.values['ctx.duePeriods'] as string[]).slice(0, 3)).toEqual(['2019-03', '2019-04', '2019-05']);
    const flags = await missingFlags();
    expect(flags).toHaveLength(4);
    const resolved = flags.find((f) => f.period === '2019-05');
    expect(resolved).toMatchObject({ status: 'RESOLVED', statusReason: `Filing ${may.data.submitFiling.id} received.`, filing: null });
    expect(Date.parse(resolved!.statusChangedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(flags.filter((f) => f.status === 'OPEN').map((f) => f.period)).toEqual(['2019-03', '2019-06', '2019-07']);

    // a resolved period is not flagged again
    await job('2019-08-09T00:00:00+08:00');
    expect(await countMissing()).toBe(4);
    const open = await app.execute(`query($id: ID!) { flags(first: 10, filter: { platformId: $id, ruleCode: "FILE-001", status: [RESOLVED] }) { totalCount } }`, { id: platform.id });
    expect(open.data.flags.totalCount).toBe(1);
  });
});
