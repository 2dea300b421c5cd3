import type { EntryEnvelope } from '../ledger/records';
import type { ExportFormat, ExportSet } from './export-sets';

/** One exported row as the snapshot reads it: the log index and the entry's canonical JSON text. */
export interface ExportRow {
  log_index: string;
  entry: string;
}

const ENVELOPE_COLUMNS = ['log_index', 'id', 'version', 'action', 'at', 'actor_organisation', 'actor_role', 'reason'];

/**
 * An NDJSON line: `{"logIndex":"41","entry":<the entry>}` where the entry is its exact canonical bytes,
 * so SHA-256(0x00 || entry) is its leaf hash in the transparency log.
 */
export function ndjsonLine(row: ExportRow): string {
  return `{"logIndex":"${row.log_index}","entry":${row.entry}}\n`;
}

/** The CSV header of a set: the envelope's columns, then one per record field. */
export function csvHeader(set: ExportSet): string {
  return `${[...ENVELOPE_COLUMNS, ...set.columns].join(',')}\r\n`;
}

/** A CSV record (RFC 4180): the envelope, then the record's fields; nested values as JSON text, null as empty. */
export function csvLine(set: ExportSet, row: ExportRow): string {
  const entry = JSON.parse(row.entry) as EntryEnvelope;
  const values: unknown[] = [row.log_index, entry.id, entry.version, entry.action, entry.at, entry.actor.organisation, entry.actor.role, entry.reason];
  for (const column of set.columns) values.push(entry.record[column]);
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The first lines of a file of `format` (the CSV header; nothing for NDJSON). */
export function preamble(set: ExportSet, format: ExportFormat): string {
  return format === 'csv' ? csvHeader(set) : '';
}

/** One line of a file of `format`. */
export function formatRow(set: ExportSet, format: ExportFormat, row: ExportRow): string {
  return format === 'csv' ? csvLine(set, row) : ndjsonLine(row);
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
