/**
 * Foreign-key rules between published records: never cascade an update, never delete or null a reference
 * (deleting a filing must not turn its flags into missing-filing flags). Spread into every relation.
 */
export const RESTRICT = { updateRule: 'restrict', deleteRule: 'restrict' } as const;
