import { ledgerEntries } from '../../helpers/ledger';
import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { CHANGE_STATUS, REGISTER, registerVariables } from '../../helpers/operations';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

const FILE = `mutation($input: FileChallengeInput!) { fileChallenge(input: $input) { id status targetType targetId statement platform { id } } }`;
const DECIDE = `mutation($input: DecideChallengeInput!) { decideChallenge(input: $input) { id status decisionReason correctedRecordId decidedAt } }`;
const LIST = `query($filter: ChallengeFilter) { challenges(first: 10, filter: $filter) { totalCount nodes { id status statement contact decisionReason } } }`;

describe('anyone can challenge a public record; the association decides; the outcome is public', () => {
  let app: TestApp;
  let association: FilingAssociation;
  let platform: FilingPlatform;
  let flagId: string;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
    platform = await buildFilingPlatform(app, association);
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.filer);
    flagId = filed.data.submitFiling.flags[0].id;
  });
  afterAll(() => app.close());

  it('takes an anonymous challenge over HTTP, keeps its contact private, and lets a reviewer uphold it', async () => {
    const filed = await app.post(FILE, { input: { targetType: 'FLAG', targetId: flagId, statement: 'The custody figures were misread.', contact: 'reader@example.org' } });
    expect(filed.body.errors).toBeUndefined();
    const challenge = filed.body.data!.fileChallenge;
    expect(challenge).toMatchObject({ status: 'OPEN', targetType: 'FLAG', targetId: flagId, platform: { id: platform.id } });
    // public: no contact; the association's reviewers: the contact
    const open = await app.execute(LIST, { filter: { status: ['OPEN'], platformId: platform.id } });
    expect(open.data.challenges).toEqual({ totalCount: 1, nodes: [{ id: challenge.id, status: 'OPEN', statement: 'The custody figures were misread.', contact: null, decisionReason: null }] });
    const forReviewer = await app.execute(LIST, { filter: { platformId: platform.id } }, association.tokens.reviewer);
    expect(forReviewer.data.challenges.nodes[0].contact).toBe('reader@example.org');
    // a Node: node(id:) gives the same challenge, its contact private as in the list
    const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Challenge { status contact } } }`;
    expect((await app.execute(NODE, { id: challenge.id })).data.node).toEqual({ __typename: 'Challenge', id: challenge.id, status: 'OPEN', contact: null });
    expect((await app.execute(NODE, { id: challenge.id }, platform.tokens.owner)).data.node.contact).toBeNull();
    expect((await app.execute(NODE, { id: challenge.id }, association.tokens.reviewer)).data.node.contact).toBe('reader@example.org');
    const [entry] = await ledgerEntries(app.orm.em, { entityType: 'challenge', entityId: challenge.id });
    expect(entry).toMatchObject({ public: true, action: 'challenge.filed', actor: { organisation: 'public' } });
    expect(JSON.stringify(entry.record)).not.toContain('reader@example.org');

    const decided = await app.execute(DECIDE, { input: { challengeId: challenge.id, outcome: 'UPHELD', reason: 'Right: the flag is dismissed.', correctedRecordId: flagId } }, association.tokens.reviewer);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideChallenge).toMatchObject({ status: 'UPHELD', decisionReason: 'Right: the flag is dismissed.', correctedRecordId: flagId });
    const again = await app.execute(DECIDE, { input: { challengeId: challenge.id, outcome: 'REJECTED', reason: 'Changed my mind.' } }, association.tokens.reviewer);
    expect(errorCodes(again)).toEqual(['CHALLENGE_ALREADY_DECIDED']);
    const outcome = await app.execute(LIST, { filter: { platformId: platform.id, status: ['UPHELD'] } });
    expect(outcome.data.challenges.nodes.map((c: { decisionReason: string }) => c.decisionReason)).toEqual(['Right: the flag is dismissed.']);
  });

  it('refuses an unknown record, bad input, and decisions by anyone but the association\'s reviewers', async () => {
    expect(errorCodes(await app.execute(FILE, { input: { targetType: 'FILING', targetId: 'fil_nope', statement: 'Wrong.' } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.execute(FILE, { input: { targetType: 'PLATFORM', targetId: platform.id, statement: 'x'.repeat(4001) } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.execute(FILE, { input: { targetType: 'PLATFORM', targetId: platform.id, statement: 'Wrong USCC.', contact: 'not an address' } }))).toEqual(['BAD_USER_INPUT']);
    const filed = await app.execute(FILE, { input: { targetType: 'PLATFORM', targetId: platform.id, statement: 'This USCC is ours.' } });
    const id = filed.data.fileChallenge.id;
    const decide = (token?: string) => app.execute(DECIDE, { input: { challengeId: id, outcome: 'REJECTED', reason: 'No.' } }, token);
    expect(errorCodes(await decide())).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await decide(platform.tokens.owner))).toEqual(['FORBIDDEN']);
    const other = await buildFilingAssociation(app, { rulebook: false });
    expect(errorCodes(await decide(other.tokens.reviewer))).toEqual(['FORBIDDEN']);
    const bogus = await app.execute(DECIDE, { input: { challengeId: id, outcome: 'UPHELD', reason: 'Yes.', correctedRecordId: 'plt_nope' } }, association.tokens.reviewer);
    expect(errorCodes(bogus)).toEqual(['BAD_USER_INPUT']);
    const rejected = await decide(association.tokens.reviewer);
    expect(rejected.data.decideChallenge).toMatchObject({ status: 'REJECTED', decisionReason: 'No.', correctedRecordId: null });
  });

  it('settles a squatted USCC: the real company challenges the pending registration, the reviewer upholds it and rejects the squatter, and the company registers', async () => {
    const squatter = await app.execute(REGISTER, registerVariables(association.id, { legalName: 'Squatter Ltd' }));
    const { id: squatterId, uscc } = squatter.data.registerPlatform.platform;
    const blocked = await app.execute(REGISTER, registerVariables(association.id, { uscc, legalName: 'Real Company Ltd' }));
    expect(errorCodes(blocked)).toEqual(['CONFLICT']);
    const filed = await app.execute(FILE, { input: { targetType: 'PLATFORM', targetId: squatterId, statement: `USCC ${uscc} is ours; we never filed this registration.`, contact: 'legal@real.example' } });
    const challengeId = filed.data.fileChallenge.id;
    const rejected = await app.execute(CHANGE_STATUS, { input: { platformId: squatterId, to: 'REJECTED', reason: `Challenge ${challengeId}: the USCC belongs to another company.` } }, association.tokens.reviewer);
    expect(rejected.data.changeRegistryStatus.registryStatus).toBe('REJECTED');
    const upheld = await app.execute(DECIDE, { input: { challengeId, outcome: 'UPHELD', reason: 'The registration was not the company’s; it is rejected.', correctedRecordId: squatterId } }, association.tokens.reviewer);
    expect(upheld.data.decideChallenge).toMatchObject({ status: 'UPHELD', correctedRecordId: squatterId });
    const real = await app.execute(REGISTER, registerVariables(association.id, { uscc, legalName: 'Real Company Ltd' }));
    expect(real.errors).toBeUndefined();
    expect(real.data.registerPlatform.platform).toMatchObject({ uscc, registryStatus: 'PENDING' });
    const record = await app.execute(LIST, { filter: { targetId: squatterId } });
    expect(record.data.challenges.nodes).toEqual([expect.objectContaining({ id: challengeId, status: 'UPHELD', contact: null })]);
  });
});
