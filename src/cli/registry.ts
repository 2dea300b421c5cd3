import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { Database, openDatabase } from '../database/connect';
import { RegistryError } from '../errors';
import { seedDemoOnce } from '../../seeds/demo';
import { ApiToken } from '../modules/accounts/api-token.entity';
import { addMember, issueMemberToken, revokeToken } from '../modules/accounts/manage-members';
import { Member } from '../modules/accounts/member.entity';
import { Role } from '../modules/accounts/role';
import { memberViewer } from '../modules/accounts/viewer';
import { Association } from '../modules/associations/association.entity';
import { createAssociation } from '../modules/associations/create-association';
import { flagMissingFilings } from '../modules/flags/missing-filings';
import { importRecords } from '../modules/imports/import-records';
import { JOBS } from '../jobs/definitions';
import { JobQueue } from '../jobs/queue';
import pino from 'pino';

const OPERATOR = { memberId: null, label: 'operator' };

const USAGE = `Usage: npm run registry -- <command> [options]

Commands:
  migrate                                             apply pending migrations
  seed-demo                                           seed the demo data if the database is empty
  create-association --name N --admin A               create an association, its first admin and a token
  add-member --as MEMBER_ID --name N --role ROLE      add a member to MEMBER_ID's organisation
  issue-token --member MEMBER_ID [--role R] [--label L]   issue an API token (printed once)
  revoke-token --token TOKEN_ID                       revoke an API token
  list-members --organisation ORG_ID                  list an organisation's members
  import FILE... [--association ASN_ID]               import record files (platform, qualifications, filings)
                                                      into the association (default: the only one)
  flag-missing-filings                                run the missing-filings job now

Uses DATABASE_URL, or the embedded database in DATA_DIR (default .data; stop the server first).`;

type Options = Record<string, string | undefined>;

/** Operator commands; each prints JSON on success. */
const COMMANDS: Record<string, (db: Database, o: Options, files: string[]) => Promise<unknown>> = {
  // also creates the job queue's schema and queues, so processes starting together later never race to
  migrate: async (db) => {
    await (await JobQueue.start(db.orm, pino({ level: 'warn' }), JOBS, false)).stop();
    return { migrated: true };
  },
  'seed-demo': async (db) => (await seedDemoOnce(db.orm.em.fork())) ?? { seeded: false, reason: 'the database already holds data' },
  'create-association': async (db, o) => {
    const { association, admin, adminToken } = await createAssociation(db.orm.em.fork(), need(o, 'name'), need(o, 'admin'), OPERATOR);
    return { associationId: association.id, adminMemberId: admin.id, adminToken };
  },
  'add-member': async (db, o) => {
    const actor = await findMember(db, need(o, 'as'));
    const member = await addMember(db.orm.em.fork(), memberViewer(actor), { name: need(o, 'name'), role: need(o, 'role') as Role });
    return { memberId: member.id, role: member.role };
  },
  'issue-token': async (db, o) => {
    const member = await findMember(db, need(o, 'member'));
    const asManager = memberViewer(member, member.association ? Role.ASSOCIATION_ADMIN : Role.PLATFORM_OWNER);
    const { token, secret } = await issueMemberToken(db.orm.em.fork(), asManager, {
      memberId: member.id,
      role: (o.role as Role | undefined) ?? member.role,
      label: o.label ?? 'issued by operator',
    });
    return { tokenId: token.id, role: token.role, token: secret };
  },
  'revoke-token': async (db, o) => {
    const em = db.orm.em.fork();
    const token = await em.findOne(ApiToken, need(o, 'token'), { populate: ['member'] });
    if (!token) throw new UsageError(`no token has id ${o.token}`);
    const member = token.member;
    const asManager = memberViewer(member, member.association ? Role.ASSOCIATION_ADMIN : Role.PLATFORM_OWNER);
    const revoked = await revokeToken(em, asManager, need(o, 'token'));
    return { tokenId: revoked.id, revokedAt: revoked.revokedAt };
  },
  import: async (db, o, files) => {
    if (!files.length) throw new UsageError('name at least one FILE to import');
    const associationId = o.association ?? (await soleAssociation(db));
    const results = [];
    for (const file of files) {
      const result = await importRecords(db.orm.em.fork(), associationId, OPERATOR, JSON.parse(fs.readFileSync(file, 'utf8')));
      const { platformCreated, qualificationsCreated, filingsCreated, filingsUnchanged, flagsRaised } = result;
      results.push({ file, platformId: result.platform.id, platformCreated, qualificationsCreated, filingsCreated, filingsUnchanged, flagsRaised });
    }
    return results;
  },
  'flag-missing-filings': async (db) => ({ flagsRaised: await flagMissingFilings(db.orm) }),
  'list-members': async (db, o) => {
    const id = need(o, 'organisation');
    const members = await db.orm.em.fork().find(Member, { $or: [{ association: id }, { platform: id }] }, { orderBy: { createdAt: 'asc' } });
    return members.map((m) => ({ memberId: m.id, name: m.name, role: m.role }));
  },
};

function need(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

async function findMember(db: Database, id: string): Promise<Member> {
  const member = await db.orm.em.fork().findOne(Member, id, { populate: ['association', 'platform'] });
  if (!member) throw new UsageError(`no member has id ${id}`);
  return member;
}

async function soleAssociation(db: Database): Promise<string> {
  const associations = await db.orm.em.fork().find(Association, {}, { limit: 2 });
  if (associations.length !== 1) throw new UsageError('there is not exactly one association: pass --association');
  return associations[0].id;
}

class UsageError extends Error {}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const handler = command ? COMMANDS[command] : undefined;
  if (!handler) {
    console.error(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: Object.fromEntries(['name', 'admin', 'as', 'role', 'member', 'label', 'token', 'organisation', 'association'].map((k) => [k, { type: 'string' }])),
  });
  const db = await openDatabase(loadConfig());
  try {
    console.log(JSON.stringify(await handler(db, values as Options, positionals), null, 2));
    return 0;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof RegistryError) console.error(`Error: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
