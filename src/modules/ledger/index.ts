/** The ledger's face to the domain modules: the write paths, the record definitions, and reading records back (history, as of a point). */
export { Write, runWrite } from './write';
export { BulkWrite } from './bulk-write';
export type { Actor, RecordOptions, Versioned } from './entries';
export { defineRecord, instant, integer, readInstant, readRef, ref } from './records';
export { notInRecord, markBound, boundOf, boundKey, listAsRead, recordAsRead, latestRecords, resolveBound, reviveEntry, AsOfUnavailableError } from './as-of';
export type { LogBound } from './as-of';
export { AsOfArgs } from './as-of.args';
export { historyResolver } from './history.resolver';
export type { RecordValue } from './records';
export { recordedVersions } from './recorded-versions';
export type { RecordedVersion } from './recorded-versions';
