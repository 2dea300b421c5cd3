import { EntityManager } from '@mikro-orm/postgresql';
import { buildAssociation, buildPlatform } from '../../seeds/factories';
import { addMember, issueMemberToken } from '../../src/modules/accounts/manage-members';
import { Member } from '../../src/modules/accounts/member.entity';
import { Role } from '../../src/modules/accounts/role';
import { memberViewer } from '../../src/modules/accounts/viewer';

/** Two associations and two platforms of the first, with a token for every role. */
export interface World {
  associationA: string;
  associationB: string;
  platform1: string;
  platform2: string;
  members: Record<string, string>;
  tokens: Record<string, string>;
}

/** Token holders the world provides, named `<role>@<organisation>`. */
export const HOLDERS = [
  'admin@A',
  'editor@A',
  'reviewer@A',
  'admin@B',
  'reviewer@B',
  'owner@P1',
  'filer@P1',
  'owner@P2',
] as const;

/** Builds the world through the real commands. */
export async function buildWorld(em: EntityManager): Promise<World> {
  const a = await buildAssociation(em);
  const b = await buildAssociation(em);
  const p1 = await buildPlatform(em, { association: a.association });
  const p2 = await buildPlatform(em, { association: a.association });
  const tokens: Record<string, string> = { 'admin@A': a.adminToken, 'admin@B': b.adminToken, 'owner@P1': p1.ownerToken, 'owner@P2': p2.ownerToken };
  const members: Record<string, string> = { 'admin@A': a.admin.id, 'admin@B': b.admin.id, 'owner@P1': p1.owner.id, 'owner@P2': p2.owner.id };
  const add = async (holder: string, manager: Member, role: Role) => {
    const viewer = memberViewer(manager);
    const member = await addMember(em.fork(), viewer, { name: holder, role });
    members[holder] = member.id;
    tokens[holder] = (await issueMemberToken(em.fork(), viewer, { memberId: member.id, label: holder })).secret;
  };
  await add('editor@A', a.admin, Role.RULE_EDITOR);
  await add('reviewer@A', a.admin, Role.REVIEWER);
  await add('reviewer@B', b.admin, Role.REVIEWER);
  await add('filer@P1', p1.owner, Role.FILER);
  return { associationA: a.association.id, associationB: b.association.id, platform1: p1.platform.id, platform2: p2.platform.id, members, tokens };
}
