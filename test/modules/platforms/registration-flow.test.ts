import { buildAssociation } from '../../../seeds/factories';
import { addMember, issueMemberToken } from '../../../src/modules/accounts/manage-members';
import { Role } from '../../../src/modules/accounts/role';
import { memberViewer } from '../../../src/modules/accounts/viewer';
import { ledgerEntries, platformEntriesWithUscc } from '../../helpers/ledger';
import { ADD_QUALIFICATION, CHANGE_STATUS, REGISTER, qualificationVariables, registerVariables } from '../../helpers/operations';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

describe('platform registration flow', () => {
  let app: TestApp;
  let associationId: string;
  let reviewerToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    const { association, admin } = await buildAssociation(app.orm.em);
    associationId = association.id;
    const reviewer = await addMember(app.orm.em.fork(), memberViewer(admin), { name: 'Rui', role: Role.REVIEWER });
    reviewerToken = (await issueMemberToken(app.orm.em.fork(), memberViewer(admin), { memberId: reviewer.id, label: 't' })).secret;
  });
  afterAll(() => app.close());

  it('registers, files a qualification, is approved and is found anonymously', async () => {
    const registered = await app.execute(REGISTER, registerVariables(associationId));
    expect(registered.errors).toBeUndefined();
    const { platform, ownerToken, owner } = registered.data.registerPlatform;
    expect(platform.registryStatus).toBe('PENDING');
    expect(platform.registeredCapitalMinor).toBe('5000000000');
    expect(owner.role).toBe('PLATFORM_OWNER');
    expect(ownerToken).toMatch(/^frt_[A-Za-z0-9_-]{43}$/);

    const custody = qualificationVariables({ type: 'CUSTODY_AGREEMENT', issuer: '江南商业银行股份有限公司', validTo: '2099-05-31T23:59:59+08:00' });
    const added = await app.execute(ADD_QUALIFICATION, { input: { platformId: platform.id, qualification: custody } }, ownerToken);
    expect(added.errors).toBeUndefined();
    expect(added.data.addQualification).toMatchObject({ type: 'CUSTODY_AGREEMENT', state: 'VALID', supersedesId: null });

    const approved = await app.execute(CHANGE_STATUS, { input: { platformId: platform.id, to: 'APPROVED', reason: 'Complete.' } }, reviewerToken);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.changeRegistryStatus.registryStatus).toBe('APPROVED');
    expect(approved.data.changeRegistryStatus.statusHistory).toEqual([
      { fromStatus: null, toStatus: 'PENDING', reason: expect.any(String), changedBy: 'Wang Fang (self-registration)' },
      { fromStatus: 'PENDING', toStatus: 'APPROVED', reason: 'Complete.', changedBy: 'Rui' },
    ]);

    const found = await app.execute(
      `query($id: ID!) { platform(id: $id) { legalName registryStatus attestation { textVersion attestedBy } qualifications { type state } } }`,
      { id: platform.id },
    );
    expect(found.data.platform).toEqual({
      legalName: '沪己网络借贷信息中介服务有限公司',
      registryStatus: 'APPROVED',
      attestation: { textVersion: 'intermediary-v1', attestedBy: 'Wang Fang' },
      qualifications: [
        { type: 'ICP_LICENSE', state: 'VALID' },
        { type: 'CUSTODY_AGREEMENT', state: 'VALID' },
      ],
    });
  });

  it('records every write in the ledger in the same transaction', async () => {
    const registered = await app.execute(REGISTER, registerVariables(associationId));
    const id = registered.data.registerPlatform.platform.id;
    const entries = await ledgerEntries(app.orm.em, { entityId: id });
    expect(entries.map((e) => [e.type, e.action, e.version, e.actor.organisation, e.public])).toEqual([['platform', 'platform.registered', 1, 'public', true]]);
    expect(entries[0].record).toMatchObject({ registeredCapitalMinor: '5000000000', registryStatus: 'PENDING', attestation: { textVersion: 'intermediary-v1' } });
    // who attested is a person's name: it stays out of the public record
    expect(JSON.stringify(entries[0].record)).not.toContain('Wang Fang');
  });

  it('refuses a second registration with the same USCC as CONFLICT naming the holder and how to challenge it, and writes nothing', async () => {
    const variables = registerVariables(associationId);
    const holder = (await app.execute(REGISTER, variables)).data.registerPlatform.platform;
    await app.execute(CHANGE_STATUS, { input: { platformId: holder.id, to: 'APPROVED', reason: 'Complete.' } }, reviewerToken);
    const again = await app.execute(REGISTER, { input: { ...variables.input, legalName: 'Other' } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors?.[0].message).toBe(
      `USCC ${variables.input.uscc} is already held by platform ${holder.id}, whose registration is APPROVED. ` +
        `If the USCC is your company's, challenge that registration with fileChallenge(input: { targetType: PLATFORM, targetId: "${holder.id}", statement: "..." }): ` +
        'once a reviewer rejects (or deregisters) it, the USCC is free to register.',
    );
    expect(again.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'input.uscc', holderPlatformId: holder.id, holderRegistryStatus: 'APPROVED' });
    expect(await platformEntriesWithUscc(app.orm.em, variables.input.uscc)).toBe(2); // registered, approved
  });

  it('lets exactly one of many concurrent registrations of one free USCC win, writing one platform', async () => {
    const variables = registerVariables(associationId);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => app.execute(REGISTER, { input: { ...variables.input, legalName: `Racer ${i}` } })),
    );
    expect(results.map((r) => errorCodes(r)).sort()).toEqual([[], ['CONFLICT'], ['CONFLICT'], ['CONFLICT'], ['CONFLICT'], ['CONFLICT']]);
    // the losers, whether refused by the check or by the unique index, are told who won
    const winner = results.find((r) => !r.errors)!.data.registerPlatform.platform.id;
    const holders = results.filter((r) => r.errors).map((r) => r.errors![0].extensions);
    expect(holders).toEqual(Array(5).fill(expect.objectContaining({ holderPlatformId: winner, holderRegistryStatus: 'PENDING' })));
    expect(await platformEntriesWithUscc(app.orm.em, variables.input.uscc)).toBe(1);
  });

  it('keeps a rejected registration on record without letting it hold the USCC (the database refuses a second holder)', async () => {
    const variables = registerVariables(associationId);
    const squatter = (await app.execute(REGISTER, variables)).data.registerPlatform.platform;
    await app.execute(CHANGE_STATUS, { input: { platformId: squatter.id, to: 'REJECTED', reason: 'Squatter.' } }, reviewerToken);
    const real = await app.execute(REGISTER, { input: { ...variables.input, legalName: 'Real' } });
    expect(real.errors).toBeUndefined();
    expect(await platformEntriesWithUscc(app.orm.em, variables.input.uscc)).toBe(3); // registered, rejected; registered
    const holders: { registry_status: string }[] = await app.orm.em.getConnection().execute(`select registry_status from platform where uscc = ? order by created_at`, [variables.input.uscc]);
    expect(holders.map((h: { registry_status: string }) => h.registry_status)).toEqual(['REJECTED', 'PENDING']);
    await expect(
      app.orm.em.getConnection().execute(`update platform set registry_status = 'PENDING' where id = ?`, [squatter.id]),
    ).rejects.toThrow(/platform_uscc_held/);
  });
});
