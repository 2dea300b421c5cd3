import { defineRecord, instant, readInstant } from '../ledger';
import { Association } from './association.entity';

/** An industry association: its name. */
defineRecord(Association, {
  type: 'association',
  isPublic: () => true,
  project: (a) => ({ name: a.name, createdAt: instant(a.createdAt) }),
  revive: (r, e) => ({ id: e.id, version: e.version, name: r.name, createdAt: readInstant(r.createdAt) }) as unknown as Association,
});
