import { defineRecord, instant } from '../ledger';
import { Association } from './association.entity';

/** An industry association: its name. */
defineRecord(Association, {
  type: 'association',
  isPublic: () => true,
  project: (a) => ({ name: a.name, createdAt: instant(a.createdAt) }),
});
