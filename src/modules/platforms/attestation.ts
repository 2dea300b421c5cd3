/** Versioned texts of the information-intermediary attestation; old versions stay so past attestations stay readable. */
export const ATTESTATION_TEXTS: Record<string, string> = {
  'intermediary-v1':
    'The platform acts only as an information intermediary between lenders and borrowers. It does not receive, hold or ' +
    "pool lenders' funds, runs no fund pool, and gives no guarantee or promise of principal or interest, directly or " +
    'through affiliates (Interim Measures Arts. 2, 3 and 10).',
};

/** The version new registrations must accept. */
export const CURRENT_ATTESTATION_VERSION = 'intermediary-v1';
