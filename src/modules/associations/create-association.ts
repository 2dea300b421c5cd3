import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from '../../errors';
import { Actor, runWrite } from '../ledger';
import { issueToken } from '../accounts/issue-token';
import { Member } from '../accounts/member.entity';
import { Role } from '../accounts/role';
import { Association } from './association.entity';

/** The new association, its first admin and the admin's token secret. */
export interface CreatedAssociation {
  association: Association;
  admin: Member;
  adminToken: string;
}

/** Operator command: creates an association with its first admin and an admin token. */
export async function createAssociation(em: EntityManager, name: string, adminName: string, actor: Actor): Promise<CreatedAssociation> {
  return runWrite(em, actor, async (write) => {
    if (await write.em.count(Association, { name })) throw new ConflictError(`An association named "${name}" already exists.`);
    const association = write.record(write.em.create(Association, { name, createdAt: write.at }), 'association.created');
    const admin = write.em.create(Member, { name: adminName, role: Role.ASSOCIATION_ADMIN, association, platform: null, createdAt: write.at });
    write.record(admin, 'member.added');
    const { secret } = issueToken(write, admin, Role.ASSOCIATION_ADMIN, 'first admin token');
    return { association, admin, adminToken: secret };
  });
}
