import { buildPlatform } from '../../../seeds/factories';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { OPEN_WHEN_CLOSED, PlatformMemberMutation } from '../../../src/modules/platforms/platform.policy';
import { ADD_QUALIFICATION, CHANGE_STATUS, qualificationVariables } from '../../helpers/operations';
import {
  AMEND_FILING,
  amendVariables,
  buildFilingAssociation,
  buildFilingPlatform,
  CUSTODY_BANK,
  FilingAssociation,
  FilingPlatform,
  POOLING,
  SUBMIT_FILING,
  submitVariables,
} from '../../helpers/filing-world';
import { errorCodes, startTestApp, TestApp } from '../../helpers/test-app';

/** Mutations no platform member can call: the public's registration, and the association's own work. */
const NOT_PLATFORM_MUTATIONS = [
  'registerPlatform',
  'changeRegistryStatus',
  'importRecords',
  'saveRuleDraft',
  'previewRuleDraft',
  'publishRuleDraft',
  'retireRule',
  'publishParameter',
  'setCalendarDays',
  'decideFlag',
  'reopenFlag',
  'decideChallenge',
];

const ADD_MEMBER = `mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`;
const ISSUE_TOKEN = `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token { id } } }`;
const REVOKE_TOKEN = `mutation($id: ID!) { revokeToken(id: $id) { id revokedAt } }`;
const UPDATE_PROFILE = `mutation($input: UpdatePlatformProfileInput!) { updatePlatformProfile(input: $input) { id } }`;
const REMOVE_MEMBER = `mutation($id: ID!) { removeMember(id: $id) { id removedAt } }`;
const SUPERSEDE = `mutation($input: SupersedeQualificationInput!) { supersedeQualification(input: $input) { id } }`;
const VALIDATE = `mutation($input: SubmitFilingInput!) { validateFiling(input: $input) { dueAt } }`;
const REPLY = `mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id caseState } }`;
const CHALLENGE = `mutation($input: FileChallengeInput!) { fileChallenge(input: $input) { id status } }`;
const FLAGS_OF = `query($id: ID!) { flags(first: 1, filter: { platformId: $id }) { nodes { id } } }`;

/** A platform's record as it stands before it is closed: a filing, a member with a token. */
interface OpenRecord {
  platform: FilingPlatform;
  filingId: string;
  flagId: string;
  memberId: string;
  tokenId: string;
}

/** A platform still PENDING review (only these can be REJECTED), with a custody agreement like an approved one. */
async function pendingPlatform(app: TestApp, association: FilingAssociation): Promise<FilingPlatform> {
  const { platform, ownerToken } = await buildPlatform(app.orm.em, { associationId: association.id });
  const custody = qualificationVariables({ type: 'CUSTODY_AGREEMENT', issuer: CUSTODY_BANK, number: 'CG-1', validFrom: '2018-06-01T00:00:00+08:00' });
  const added = await app.execute(ADD_QUALIFICATION, { input: { platformId: platform.id, qualification: custody } }, ownerToken);
  return { id: platform.id, associationId: association.id, custodyQualificationId: added.data.addQualification.id, tokens: { owner: ownerToken, filer: ownerToken } };
}

async function openRecord(app: TestApp, association: FilingAssociation, pending: boolean): Promise<OpenRecord> {
  const platform = pending ? await pendingPlatform(app, association) : await buildFilingPlatform(app, association);
  const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-05', {}, POOLING), platform.tokens.filer);
  const flags = await app.execute(FLAGS_OF, { id: platform.id });
  const member = await app.execute(ADD_MEMBER, { input: { name: 'Filer two', role: 'FILER' } }, platform.tokens.owner);
  const token = await app.execute(ISSUE_TOKEN, { input: { memberId: member.data.addMember.id, label: 'robot' } }, platform.tokens.owner);
  return { platform, filingId: filed.data.submitFiling.id, flagId: flags.data.flags.nodes[0].id, memberId: member.data.addMember.id, tokenId: token.data.issueToken.token.id };
}

/** Each platform-member mutation as the closed platform's owner would send it. */
function attempts(record: OpenRecord): Record<PlatformMemberMutation, [string, Record<string, unknown>]> {
  const { platform } = record;
  return {
    submitFiling: [SUBMIT_FILING, submitVariables(platform, '2019-06')],
    amendFiling: [AMEND_FILING, amendVariables(platform, record.filingId, 'Corrected figures.')],
    addQualification: [ADD_QUALIFICATION, { input: { platformId: platform.id, qualification: qualificationVariables({ number: 'NEW-1' }) } }],
    supersedeQualification: [
      SUPERSEDE,
      { input: { qualificationId: platform.custodyQualificationId, qualification: qualificationVariables({ type: 'CUSTODY_AGREEMENT', number: 'CG-2' }), reason: 'Renewed.' } },
    ],
    updatePlatformProfile: [UPDATE_PROFILE, { input: { platformId: platform.id, custodyBankName: null, reason: 'Custody ended.' } }],
    addMember: [ADD_MEMBER, { input: { name: 'Late hire', role: 'FILER' } }],
    issueToken: [ISSUE_TOKEN, { input: { memberId: record.memberId, label: 'another robot' } }],
    revokeToken: [REVOKE_TOKEN, { id: record.tokenId }],
    removeMember: [REMOVE_MEMBER, { id: record.memberId }],
    validateFiling: [VALIDATE, submitVariables(platform, '2019-06')],
    replyToFlag: [REPLY, { input: { flagId: record.flagId, text: 'The funds were in custody; see the bank statement.' } }],
    fileChallenge: [CHALLENGE, { input: { targetType: 'FLAG', targetId: record.flagId, statement: 'This flag misreads our custody figures.' } }],
  };
}

/** The platform's rows in every table it has rows in, to show a refusal wrote nothing (other files write in parallel). */
async function platformRows(app: TestApp, platformId: string): Promise<Record<string, number>> {
  const [counts] = await app.orm.em.getConnection().execute(
    `select (select count(*) from filing where platform_id = ?)::int as filings,
            (select count(*) from flag where platform_id = ?)::int as flags,
            (select count(*) from qualification where platform_id = ?)::int as qualifications,
            (select count(*) from member where platform_id = ?)::int as members,
            (select count(*) from api_token t join member m on m.id = t.member_id where m.platform_id = ?)::int as tokens,
            (select count(*) from ledger_entry where actor_organisation = ?)::int as entries`,
    Array(6).fill(platformId),
  );
  return counts;
}

describe('what a closed platform may still do', () => {
  let app: TestApp;
  let association: FilingAssociation;
  beforeAll(async () => {
    app = await startTestApp();
    association = await buildFilingAssociation(app);
  });
  afterAll(() => app.close());

  it('decides every mutation: each is either a platform-member mutation in the policy or none of theirs', () => {
    // the printed SDL, which the schema drift test keeps equal to the code's schema
    const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../../schema/schema.graphql'), 'utf8'));
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    expect([...Object.keys(OPEN_WHEN_CLOSED), ...NOT_PLATFORM_MUTATIONS].sort()).toEqual(mutations);
  });

  describe.each(['DEREGISTERED', 'REJECTED'])('a %s platform', (status) => {
    let record: OpenRecord;
    beforeAll(async () => {
      record = await openRecord(app, association, status === 'REJECTED');
      const closed = await app.execute(CHANGE_STATUS, { input: { platformId: record.platform.id, to: status, reason: 'Closed.' } }, association.tokens.reviewer);
      expect(closed.data?.changeRegistryStatus.registryStatus).toBe(status);
    });

    it.each(Object.keys(OPEN_WHEN_CLOSED) as PlatformMemberMutation[])('%s follows the policy', async (mutation) => {
      const [query, variables] = attempts(record)[mutation];
      const before = await platformRows(app, record.platform.id);
      const result = await app.execute(query, variables, record.platform.tokens.owner);
      if (OPEN_WHEN_CLOSED[mutation]) {
        expect(result.errors).toBeUndefined();
        expect(result.data[mutation]).not.toBeNull();
      } else {
        expect(errorCodes(result)).toEqual(['PLATFORM_NOT_REGISTERED']);
        expect(result.errors?.[0].extensions?.registryStatus).toBe(status);
        expect(await platformRows(app, record.platform.id)).toEqual(before);
      }
    });
  });
});
