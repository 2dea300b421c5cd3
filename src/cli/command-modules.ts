/**
 * What the operator commands run, in one module that src/cli/commands.ts loads only when a command runs:
 * the CLI's usage (and any command that needs no database) answers without loading the ORM and the app.
 */
export { seedDemoOnce } from '../../seeds/demo';
export { JOBS } from '../jobs/definitions';
export { JobQueue } from '../jobs/queue';
export { ApiToken } from '../modules/accounts/api-token.entity';
export { addMember, issueMemberToken, revokeToken } from '../modules/accounts/manage-members';
export { Member } from '../modules/accounts/member.entity';
export { Role } from '../modules/accounts/role';
export { memberViewer } from '../modules/accounts/viewer';
export { Association } from '../modules/associations/association.entity';
export { createAssociation } from '../modules/associations/create-association';
export { flagMissingFilings } from '../modules/flags/missing-filings';
export { parseImportFile } from '../modules/imports/import-file';
export { importRecords } from '../modules/imports/import-records';
