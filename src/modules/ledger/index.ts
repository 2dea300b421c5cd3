/** The ledger's face to the domain modules: the write paths and the record definitions. */
export { Write, runWrite } from './write';
export { BulkWrite } from './bulk-write';
export type { Actor, RecordOptions, Versioned } from './entries';
export { defineRecord, instant, integer, ref } from './records';
export type { RecordValue } from './records';
export { recordedVersions } from './recorded-versions';
export type { RecordedVersion } from './recorded-versions';
