import http from 'node:http';
import { AddressInfo } from 'node:net';
import canonicalize from 'canonicalize';
import { appendLeaves } from '../../src/modules/ledger/compact-range';
import { Checkpoint, signCheckpoint } from '../../src/modules/ledger/checkpoint';
import { leafHash } from '../../src/modules/ledger/merkle';
import { formatVerifierKey, generateNoteKey, NoteSigningKey } from '../../src/modules/ledger/note-keys';
import { newTiles, packEntryBundle, packTile, TILE_HEIGHT, TILE_WIDTH, tilePath } from '../../src/modules/ledger/tiles';

/**
 * A transparency log served over node:http as the registry serves its own: `/log/checkpoint`, the
 * tlog-tiles paths under `/log/tile/` and GraphQL `logEntry` at `/graphql`. Tests tamper with what it serves.
 */
export interface FakeLog {
  url: string;
  origin: string;
  key: NoteSigningKey;
  /** The verifier key string of `key`. */
  vkey: string;
  /** Every entry's bytes, in log order (GraphQL answers from here). */
  entries: Buffer[];
  /** Bodies served under `/log/` by path (`checkpoint`, `tile/...`); change them to tamper. */
  files: Map<string, Buffer>;
  /** The tree as last signed. */
  checkpoint: Checkpoint;
  /** Appends entries: new tiles and bundles, and a newly signed checkpoint. */
  append(entries: readonly Buffer[]): void;
  close(): Promise<void>;
}

let entriesMade = 0;

/** A random public entry's canonical bytes, like the registry's (`type`, `id`, `version`, who, when, record). */
export function randomEntry(type = 'filing', id = `fil_${++entriesMade}_${Math.random().toString(36).slice(2, 10)}`, version = 1): Buffer {
  const record = { period: '2019-05', newLoanAmountMinor: String(Math.floor(Math.random() * 1e12)), note: Math.random().toString(36) };
  const envelope = { type, id, version, action: 'submitted', at: new Date().toISOString(), actor: { organisation: 'plt_test', role: 'FILER' }, reason: null, record };
  return Buffer.from(canonicalize(envelope) as string, 'utf8');
}

/** Starts a log holding `entries`, signed by a new key named `origin`. */
export async function startFakeLog(entries: readonly Buffer[], origin = 'registry.test/log'): Promise<FakeLog> {
  const key = generateNoteKey(origin);
  const subtrees = new Map<string, Buffer>();
  let frontier: Buffer[] = [];
  const log: FakeLog = {
    url: '',
    origin,
    key,
    vkey: formatVerifierKey(key),
    entries: [],
    files: new Map(),
    checkpoint: { origin, size: 0, root: appendLeaves(0, [], []).root },
    append(more) {
      const oldSize = log.entries.length;
      const appended = appendLeaves(oldSize, frontier, more.map((entry) => leafHash(entry)));
      appended.completed.forEach((s) => subtrees.set(`${s.level}/${s.index}`, s.hash));
      frontier = appended.frontier;
      log.entries = log.entries.concat(more);
      for (const tile of newTiles(oldSize, appended.size)) {
        const level = tile.level as number;
        const first = tile.index * TILE_WIDTH;
        const hashes = Array.from({ length: tile.width }, (_, i) => subtrees.get(`${level * TILE_HEIGHT}/${first + i}`) as Buffer);
        log.files.set(tilePath(tile), packTile(hashes));
        if (level === 0) log.files.set(tilePath({ ...tile, level: 'entries' }), packEntryBundle(log.entries.slice(first, first + tile.width)));
      }
      log.checkpoint = { origin, size: appended.size, root: appended.root };
      log.files.set('checkpoint', Buffer.from(signCheckpoint(log.checkpoint, key)));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/graphql' && request.method === 'POST') {
        const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ data: { logEntry: findEntry(log.entries, variables) } }));
        return;
      }
      const body = request.url?.startsWith('/log/') ? log.files.get(request.url.slice('/log/'.length)) : undefined;
      response.statusCode = body ? 200 : 404;
      response.end(body ?? 'not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  log.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log.append(entries);
  return log;
}

/** The latest (or the given) version of an entity among `entries`, as GraphQL `logEntry` answers. */
function findEntry(entries: readonly Buffer[], ref: { type: string; id: string; version?: number | null }) {
  let found: { logIndex: string; entry: string } | null = null;
  entries.forEach((bytes, i) => {
    try {
      const entry = JSON.parse(bytes.toString('utf8'));
      if (entry.type === ref.type && entry.id === ref.id && (ref.version == null || entry.version === ref.version)) {
        found = { logIndex: String(i), entry: bytes.toString('base64') };
      }
    } catch {
      // a tampered entry that is not JSON any more
    }
  });
  return found;
}
