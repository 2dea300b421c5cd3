import { registerEnumType } from 'type-graphql';

/** Roles a member holds within one organisation. Association roles and platform roles never mix. */
export enum Role {
  ASSOCIATION_ADMIN = 'ASSOCIATION_ADMIN',
  RULE_EDITOR = 'RULE_EDITOR',
  REVIEWER = 'REVIEWER',
  PLATFORM_OWNER = 'PLATFORM_OWNER',
  FILER = 'FILER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'Association roles: ASSOCIATION_ADMIN (includes RULE_EDITOR and REVIEWER), RULE_EDITOR, REVIEWER. Platform roles: PLATFORM_OWNER (includes FILER), FILER.',
  valuesConfig: {
    ASSOCIATION_ADMIN: { description: "Manages an association's members and tokens; includes RULE_EDITOR and REVIEWER." },
    RULE_EDITOR: { description: "Drafts, previews, publishes and retires the association's rules and parameters." },
    REVIEWER: { description: "Approves, rejects, suspends and deregisters the association's platforms." },
    PLATFORM_OWNER: { description: "Manages a platform's members and tokens; includes FILER." },
    FILER: { description: "Files the platform's monthly filings and qualifications." },
  },
});

/** The roles each role includes, itself first: the hierarchy within an organisation. */
const INCLUDES: Record<Role, Role[]> = {
  [Role.ASSOCIATION_ADMIN]: [Role.ASSOCIATION_ADMIN, Role.RULE_EDITOR, Role.REVIEWER],
  [Role.RULE_EDITOR]: [Role.RULE_EDITOR],
  [Role.REVIEWER]: [Role.REVIEWER],
  [Role.PLATFORM_OWNER]: [Role.PLATFORM_OWNER, Role.FILER],
  [Role.FILER]: [Role.FILER],
};

/** Whether a holder of `held` may act as `needed`. */
export function roleIncludes(held: Role, needed: Role): boolean {
  return INCLUDES[held].includes(needed);
}

/** Whether a role belongs to associations (as opposed to platforms). */
export function isAssociationRole(role: Role): boolean {
  return role === Role.ASSOCIATION_ADMIN || role === Role.RULE_EDITOR || role === Role.REVIEWER;
}
