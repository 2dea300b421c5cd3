import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import type { Member } from '../modules/accounts/member.entity';
import type { Role } from '../modules/accounts/role';
import type * as CommandModules from './command-modules';

/** The application modules the commands use, loaded when a command runs rather than when the CLI starts. */
const app = () => require('./command-modules') as typeof CommandModules;

const OPERATOR = { memberId: null, label: 'operator' };

/** What `npm run registry` prints when asked for something it does not know. */
export const USAGE = `Usage: npm run registry -- <command> [options]

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
  log-key                                             print the verifier key of the server's log key file (reads
                                                      DATA_DIR or LOG_KEY_FILE, creates none; no database)
  verify <check> --url URL --key VKEY                 verify the public log over HTTP, no database (run it for help)
  recompute --url URL [--json]                        re-derive every published flag from the published rules and
                                                      facts over HTTP, no database

Uses DATABASE_URL, or the embedded database in DATA_DIR (default .data; stop the server first).`;

type Options = Record<string, string | undefined>;

/** Operator commands; each prints JSON on success. */
const COMMANDS: Record<string, (orm: MikroORM, o: Options, files: string[]) => Promise<unknown>> = {
  // also creates the job queue's schema and queues, so processes starting together later never race to
  migrate: async (orm) => {
    await (await app().JobQueue.start(orm, pino({ level: 'warn' }), app().JOBS, false)).stop();
    return { migrated: true };
  },
  'seed-demo': async (orm) => (await app().seedDemoOnce(orm.em.fork())) ?? { seeded: false, reason: 'the database already holds data' },
  'create-association': async (orm, o) => {
    const { association, admin, adminToken } = await app().createAssociation(orm.em.fork(), need(o, 'name'), need(o, 'admin'), OPERATOR);
    return { associationId: association.id, adminMemberId: admin.id, adminToken };
  },
  'add-member': async (orm, o) => {
    const actor = await findMember(orm, need(o, 'as'));
    const member = await app().addMember(orm.em.fork(), app().memberViewer(actor), { name: need(o, 'name'), role: need(o, 'role') as Role });
    return { memberId: member.id, role: member.role };
  },
  'issue-token': async (orm, o) => {
    const member = await findMember(orm, need(o, 'member'));
    const asManager = app().memberViewer(member, member.association ? app().Role.ASSOCIATION_ADMIN : app().Role.PLATFORM_OWNER);
    const { token, secret } = await app().issueMemberToken(orm.em.fork(), asManager, {
      memberId: member.id,
      role: (o.role as Role | undefined) ?? member.role,
      label: o.label ?? 'issued by operator',
    });
    return { tokenId: token.id, role: token.role, token: secret };
  },
  'revoke-token': async (orm, o) => {
    const em = orm.em.fork();
    const token = await em.findOne(app().ApiToken, need(o, 'token'), { populate: ['member'] });
    if (!token) throw new UsageError(`no token has id ${o.token}`);
    const member = token.member;
    const asManager = app().memberViewer(member, member.association ? app().Role.ASSOCIATION_ADMIN : app().Role.PLATFORM_OWNER);
    const revoked = await app().revokeToken(em, asManager, need(o, 'token'));
    return { tokenId: revoked.id, revokedAt: revoked.revokedAt };
  },
  import: async (orm, o, files) => {
    if (!files.length) throw new UsageError('name at least one FILE to import');
    const associationId = o.association ?? (await soleAssociation(orm));
    const results = [];
    for (const file of files) {
      const result = await app().importRecords(orm.em.fork(), associationId, OPERATOR, app().parseImportFile(fs.readFileSync(file, 'utf8')));
      const { platformCreated, qualificationsCreated, filingsCreated, filingsUnchanged, flagsRaised } = result;
      results.push({ file, platformId: result.platform.id, platformCreated, qualificationsCreated, filingsCreated, filingsUnchanged, flagsRaised });
    }
    return results;
  },
  'flag-missing-filings': async (orm) => ({ flagsRaised: await app().flagMissingFilings(orm) }),
  'list-members': async (orm, o) => {
    const id = need(o, 'organisation');
    const members = await orm.em.fork().find(app().Member, { $or: [{ association: id }, { platform: id }] }, { orderBy: { createdAt: 'asc' } });
    return members.map((m) => ({ memberId: m.id, name: m.name, role: m.role }));
  },
};

function need(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

async function findMember(orm: MikroORM, id: string): Promise<Member> {
  const member = await orm.em.fork().findOne(app().Member, id, { populate: ['association', 'platform'] });
  if (!member) throw new UsageError(`no member has id ${id}`);
  return member;
}

async function soleAssociation(orm: MikroORM): Promise<string> {
  const associations = await orm.em.fork().find(app().Association, {}, { limit: 2 });
  if (associations.length !== 1) throw new UsageError('there is not exactly one association: pass --association');
  return associations[0].id;
}

/** A command line that names no known command, or misses an option. */
export class UsageError extends Error {}

/** Runs one operator command line (`<command> [options] [files]`) against `orm`; returns what to print. */
export async function runCommand(orm: MikroORM, argv: string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  const handler = command ? COMMANDS[command] : undefined;
  if (!handler) throw new UsageError(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: Object.fromEntries(['name', 'admin', 'as', 'role', 'member', 'label', 'token', 'organisation', 'association'].map((k) => [k, { type: 'string' }])),
  });
  return handler(orm, values as Options, positionals);
}
