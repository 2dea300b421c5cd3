import { randomBytes } from 'node:crypto';
import { buildAssociation, buildPlatform, qualificationInput } from '../../../seeds/factories';
import { Association } from '../../../src/modules/associations/association.entity';
import { changeRegistryStatus } from '../../../src/modules/platforms/change-registry-status';
import { QualificationFiledStatus, QualificationState, QualificationType, RegistryStatus } from '../../../src/modules/platforms/platform.enums';
import { memberViewer } from '../../../src/modules/accounts/viewer';
import { behindTheLedger } from '../../helpers/ledger';
import { startTestApp, TestApp } from '../../helpers/test-app';

const DAY = 24 * 60 * 60 * 1000;
const PAGE = `query($first: Int!, $after: String, $filter: PlatformFilter, $orderBy: PlatformOrder! = NAME_ASC) {
  platforms(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id legalName registryStatus association { name } qualifications { type state } statusHistory { toStatus } }
  }
}`;

describe('platforms list', () => {
  let app: TestApp;
  let association: Association;
  let authority: string;
  let adminToken: string;
  const names = ['Gamma', 'Alpha', 'Epsilon', 'Beta', 'Delta', 'Zeta', 'Eta'];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const created = await buildAssociation(app.orm.em);
    association = created.association;
    adminToken = created.adminToken;
    authority = `Regulator ${randomBytes(4).toString('hex')}`;
    const now = Date.now();
    const icp = (overrides: Parameters<typeof qualificationInput>[0]) => [qualificationInput({ type: QualificationType.ICP_LICENSE, ...overrides })];
    const qualificationsByName: Record<string, ReturnType<typeof icp>> = {
      Alpha: icp({ validTo: null }),
      Beta: icp({ validTo: new Date(now + 30 * DAY) }),
      Gamma: icp({ validTo: new Date(now - DAY) }),
      Delta: icp({ validFrom: new Date(now + 10 * DAY) }),
      Epsilon: icp({ status: QualificationFiledStatus.REVOKED }),
      Zeta: [qualificationInput({ type: QualificationType.CUSTODY_AGREEMENT, issuer: 'Bank Z', validTo: new Date(now + 61 * DAY) })],
      Eta: [],
    };
    for (const name of names) {
      const { platform } = await buildPlatform(app.orm.em, {
        association,
        legalName: `${name} ${authority}`,
        qualifications: qualificationsByName[name],
        custodyBankName: name === 'Zeta' ? 'Bank Z' : '江南商业银行股份有限公司',
      });
      ids[name] = platform.id;
    }
    // registered with the regulator of this test only, so other tests' platforms stay out of the filter
    await behindTheLedger(app.orm.em, `update platform set regulator_authority = ? where legal_name like ?`, [authority, `% ${authority}`]);
    const reviewer = memberViewer(created.admin);
    await changeRegistryStatus(app.orm.em.fork(), { viewer: reviewer, platformId: ids.Alpha, to: RegistryStatus.APPROVED, reason: 'ok' });
    await changeRegistryStatus(app.orm.em.fork(), { viewer: reviewer, platformId: ids.Beta, to: RegistryStatus.REJECTED, reason: 'no' });
  });
  afterAll(() => app.close());

  const page = (variables: Record<string, unknown>, token?: string) =>
    app.execute(PAGE, { ...variables, filter: { registrationAuthority: authority, ...(variables.filter as object) } }, token);

  it('walks every page by name with keyset cursors and a total count', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: any = await page({ first: 3, after });
      expect(result.errors).toBeUndefined();
      expect(result.data.platforms.totalCount).toBe(7);
      seen.push(...result.data.platforms.nodes.map((n: { legalName: string }) => n.legalName.split(' ')[0]));
      after = result.data.platforms.pageInfo.hasNextPage ? result.data.platforms.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Alpha', 'Beta', 'Delta', 'Epsilon', 'Eta', 'Gamma', 'Zeta']);
  });

  it('orders by registration date, newest first', async () => {
    const idsOf = (result: any) => result.data.platforms.nodes.map((n: { id: string }) => n.id);
    const ascending = idsOf(await page({ first: 10, orderBy: 'REGISTERED_ASC' }));
    expect([...ascending].sort()).toEqual(Object.values(ids).sort());
    expect(idsOf(await page({ first: 10, orderBy: 'REGISTERED_DESC' }))).toEqual([...ascending].reverse());
    const first = await page({ first: 2, orderBy: 'REGISTERED_DESC' });
    const second = await page({ first: 2, orderBy: 'REGISTERED_DESC', after: first.data.platforms.pageInfo.endCursor });
    expect(idsOf(second)).toEqual([...ascending].reverse().slice(2, 4));
  });

  it('filters by registry status and custody bank', async () => {
    const approved = await page({ first: 10, filter: { registryStatus: ['APPROVED', 'REJECTED'] } });
    expect(approved.data.platforms.nodes.map((n: { id: string }) => n.id)).toEqual([ids.Alpha, ids.Beta]);
    const bank = await page({ first: 10, filter: { custodyBankName: 'Bank Z' } });
    expect(bank.data.platforms.totalCount).toBe(1);
  });

  it.each([
    [QualificationState.VALID, 'ICP_LICENSE', ['Alpha']],
    [QualificationState.EXPIRING, 'ICP_LICENSE', ['Beta']],
    [QualificationState.EXPIRED, 'ICP_LICENSE', ['Gamma']],
    [QualificationState.NOT_YET_VALID, 'ICP_LICENSE', ['Delta']],
    [QualificationState.REVOKED, 'ICP_LICENSE', ['Epsilon']],
    [QualificationState.VALID, null, ['Alpha', 'Zeta']],
  ])('filters by qualification state %s of type %s in SQL exactly as the derived state field says', async (state, type, expected) => {
    const result = await page({ first: 10, filter: { qualification: { state, ...(type ? { type } : {}) } } });
    const nodes = result.data.platforms.nodes as { legalName: string; qualifications: { type: string; state: string }[] }[];
    expect(nodes.map((n) => n.legalName.split(' ')[0])).toEqual(expected);
    for (const node of nodes) expect(node.qualifications.some((q) => q.state === state && (!type || q.type === type))).toBe(true);
  });

  it('costs the same number of SQL statements for a page of 50 as for a page of 5', async () => {
    for (let i = 0; i < 45; i++) await buildPlatform(app.orm.em, { association, legalName: `Bulk ${i} ${authority}` });
    await behindTheLedger(app.orm.em, `update platform set regulator_authority = ? where legal_name like ?`, [authority, `% ${authority}`]);
    const statements = async (first: number) => {
      let nodes = 0;
      const count = await app.sql.count(async () => {
        const result = await page({ first }, adminToken); // a member's cost limit admits 50 nested rows
        expect(result.errors).toBeUndefined();
        nodes = result.data.platforms.nodes.length;
      });
      return { nodes, count };
    };
    const small = await statements(5);
    const large = await statements(50);
    expect(small.nodes).toBe(5);
    expect(large.nodes).toBe(50);
    // token lookup, page, count, then one batch each: association, qualifications, status history
    expect(small.count).toBe(6);
    expect(large.count).toBe(small.count);
  });
});
