import { defineRecord, instant, ref } from '../ledger';
import { ApiToken } from './api-token.entity';
import { Member } from './member.entity';

/** A member of an association or platform: staff, so private. */
defineRecord(Member, {
  type: 'member',
  isPublic: () => false,
  project: (m) => ({ name: m.name, role: m.role, association: ref(m.association), platform: ref(m.platform), createdAt: instant(m.createdAt), removedAt: instant(m.removedAt) }),
});

/** An API token: a credential, so private, and never its secret or the secret's hash. */
defineRecord(ApiToken, {
  type: 'api-token',
  isPublic: () => false,
  project: (t) => ({ member: ref(t.member), role: t.role, label: t.label, prefix: t.prefix, createdAt: instant(t.createdAt), revokedAt: instant(t.revokedAt) }),
});
