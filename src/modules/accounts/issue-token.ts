import { ForbiddenError } from '../../errors';
import { Write } from '../ledger';
import { ApiToken } from './api-token.entity';
import { Member } from './member.entity';
import { Role, roleIncludes } from './role';
import { hashTokenSecret, newTokenSecret } from './secrets';

/** A freshly issued token and its secret, which is never retrievable again. */
export interface IssuedToken {
  token: ApiToken;
  secret: string;
}

/**
 * Issues a token for `member` in `role` (the member's own role or one it includes). Only the hash is
 * stored; the caller shows the secret once.
 */
export function issueToken(write: Write, member: Member, role: Role, label: string): IssuedToken {
  if (!roleIncludes(member.role, role)) {
    throw new ForbiddenError(`A ${member.role} member cannot hold a ${role} token.`);
  }
  const secret = newTokenSecret();
  const token = write.em.create(ApiToken, {
    member,
    role,
    label,
    prefix: secret.slice(0, 10),
    secretHash: hashTokenSecret(secret),
  });
  write.record(token, 'token.issued');
  return { token, secret };
}
