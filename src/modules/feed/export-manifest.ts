import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { formatRow, preamble } from './export-formats';
import { EXPORT_FORMATS, EXPORT_SETS } from './export-sets';
import { withSnapshot } from './export-snapshot';

/** One exported file as its manifest lists it. */
export interface ManifestFile {
  name: string;
  /** Where to fetch exactly these bytes (pinned to the manifest's log size and since). */
  url: string;
  rows: number;
  bytes: number;
  /** SHA-256 of the file, hex (as `sha256sum` prints it). */
  sha256: string;
}

/** What a set of export files is as of: a signed checkpoint's log size, and from which log index. */
export interface Manifest {
  logSize: string;
  since: string;
  /** The signed checkpoint of that size (C2SP signed note, as served at /log/checkpoint then). */
  checkpoint: string;
  files: ManifestFile[];
}

/** Manifests kept per process (an export at a log size never changes, so they stay true). */
const KEPT = 16;
const manifests = new Map<string, Promise<Manifest>>();
const finished = new Map<string, Manifest>();

/** The URL of an export file pinned to a log size and since. */
export function exportUrl(name: string, size: bigint, since: bigint): string {
  return `/export/${name}?size=${size}&since=${since}`;
}

/** The manifest of the exports as of `size` from `since`, computed once per process (concurrent asks share it). */
export function manifestOf(orm: MikroORM, size: bigint, since: bigint, checkpoint: string): Promise<Manifest> {
  const key = `${size}/${since}`;
  let manifest = manifests.get(key);
  if (!manifest) {
    manifest = computeManifest(orm, size, since, checkpoint);
    manifests.set(key, manifest);
    manifest.then(
      (done) => finished.set(key, done),
      () => manifests.delete(key),
    );
    for (const old of [...manifests.keys()].slice(0, -KEPT)) {
      manifests.delete(old);
      finished.delete(old);
    }
  }
  return manifest;
}

/** A file's listing from a manifest this process has already computed (for Content-Length), if any. */
export function knownFile(size: bigint, since: bigint, name: string): ManifestFile | undefined {
  return finished.get(`${size}/${since}`)?.files.find((file) => file.name === name);
}

/** Reads every set once from one snapshot, hashing and counting both formats of each. */
async function computeManifest(orm: MikroORM, size: bigint, since: bigint, checkpoint: string): Promise<Manifest> {
  const files: ManifestFile[] = [];
  await withSnapshot(orm, async (read) => {
    for (const set of EXPORT_SETS) {
      const outputs = EXPORT_FORMATS.map((format) => ({ format, hash: createHash('sha256'), bytes: 0 }));
      const write = (output: (typeof outputs)[number], text: string) => {
        output.hash.update(text);
        output.bytes += Buffer.byteLength(text);
      };
      for (const output of outputs) write(output, preamble(set, output.format));
      let rows = 0;
      for await (const row of read(set, size, since)) {
        rows++;
        for (const output of outputs) write(output, formatRow(set, output.format, row));
      }
      for (const { format, hash, bytes } of outputs) {
        const name = `${set.name}.${format}`;
        files.push({ name, url: exportUrl(name, size, since), rows, bytes, sha256: hash.digest('hex') });
      }
    }
  });
  return { logSize: String(size), since: String(since), checkpoint, files };
}
