import { CURRENT_ATTESTATION_VERSION } from '../../src/modules/platforms/attestation';
import { randomUscc, sha256 } from '../../seeds/factories';

/** GraphQL documents shared by the tests. */
export const REGISTER = `mutation Register($input: RegisterPlatformInput!) {
  registerPlatform(input: $input) { ownerToken owner { id name role } platform { id legalName uscc registryStatus registeredCapitalMinor } }
}`;

export const CHANGE_STATUS = `mutation Change($input: ChangeRegistryStatusInput!) {
  changeRegistryStatus(input: $input) { id registryStatus statusHistory { fromStatus toStatus reason changedBy } }
}`;

export const ADD_QUALIFICATION = `mutation Add($input: AddQualificationInput!) {
  addQualification(input: $input) { id type state validFrom validTo supersedesId }
}`;

/** Variables for `REGISTER` with a fresh valid USCC; `overrides` are merged into the input. */
export function registerVariables(associationId: string, overrides: Record<string, unknown> = {}) {
  return {
    input: {
      associationId,
      legalName: '沪己网络借贷信息中介服务有限公司',
      uscc: randomUscc(),
      registeredCapitalMinor: '5000000000',
      businessLicenseIssuedAt: '2015-03-02T00:00:00+08:00',
      onlineSince: '2015-06-18T00:00:00+08:00',
      websites: ['https://www.example.cn'],
      custodyBankName: '江南商业银行股份有限公司',
      relatedParties: [{ relation: 'ACTUAL_CONTROLLER', nameHash: sha256('controller') }],
      regulatorRegistration: { status: 'REGISTERED', number: '沪网贷备-2018-006', authority: '上海市地方金融监督管理局', registeredAt: '2018-11-20T00:00:00+08:00' },
      qualifications: [qualificationVariables()],
      ownerName: 'Wang Fang',
      attestation: { textVersion: CURRENT_ATTESTATION_VERSION, accept: true },
      ...overrides,
    },
  };
}

/** A valid `QualificationInput` as GraphQL variables; `overrides` win. */
export function qualificationVariables(overrides: Record<string, unknown> = {}) {
  return {
    type: 'ICP_LICENSE',
    issuer: '上海市通信管理局',
    number: '沪B2-2018006',
    validFrom: '2018-12-01T00:00:00+08:00',
    validTo: null,
    documentSha256: sha256('icp licence'),
    ...overrides,
  };
}
