import type { MikroORM } from '@mikro-orm/postgresql';
import express, { Request, Response } from 'express';
import { ErrorCode } from '../../errors';
import { sendJsonError } from '../../http/json-errors';
import { LogCheckpoint } from '../ledger/log-checkpoint.entity';
import { latestCheckpoint } from '../ledger/log-store';
import { formatRow, preamble } from './export-formats';
import { knownFile, manifestOf } from './export-manifest';
import { EXPORT_FORMATS, EXPORT_SETS, ExportFormat } from './export-sets';
import { withSnapshot } from './export-snapshot';

/** Exports (file streams and manifest computations) one process runs at once; each holds a pooled connection. */
export const MAX_CONCURRENT_EXPORTS = 2;
/** Bytes gathered before a write to the response. */
const CHUNK = 64 * 1024;
const CONTENT_TYPES: Record<ExportFormat, string> = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8; header=present' };
const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;

/** A refusal of the export paths: status, code and message (and the query parameter at fault). */
class ExportRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/**
 * Bulk exports, mounted at `/export`: `manifest.json`, `SHA256SUMS`, and `<set>.ndjson` / `<set>.csv` for
 * platforms, qualifications, filings, flags and rules, each the latest public version of every record as
 * of a signed checkpoint's log size (`?size=`, the latest by default), optionally only records changed
 * from log index `?since=`. Streamed from one snapshot with no row cap; Content-Length when this process
 * already computed the manifest, else chunked. A size that is given makes the answer immutable.
 */
export function exportRouter(orm: MikroORM): express.Router {
  const router = express.Router();
  let running = 0;
  const serve = (handler: (req: Request, res: Response) => Promise<void>): express.RequestHandler => async (req, res, next) => {
    if (running >= MAX_CONCURRENT_EXPORTS) {
      res.setHeader('Retry-After', '5');
      return void sendJsonError(res, 503, 'EXPORT_BUSY', `This server runs ${MAX_CONCURRENT_EXPORTS} exports at a time; retry in a few seconds.`);
    }
    running++;
    try {
      await handler(req, res);
    } catch (error) {
      if (res.destroyed) return; // the client went away mid-stream: nothing to answer
      if (!(error instanceof ExportRefusal)) return next(error);
      sendJsonError(res, error.status, error.code, error.message, error.path ? { fields: [{ path: error.path, message: error.message }] } : {});
    } finally {
      running--;
    }
  };

  router.get(
    ['/manifest.json', '/SHA256SUMS'],
    serve(async (req, res) => {
      const { size, since, checkpoint, pinned } = await exportPoint(orm, req);
      const manifest = await manifestOf(orm, size, since, checkpoint);
      res.set('Cache-Control', pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=1');
      if (req.path === '/manifest.json') return void res.json(manifest);
      res.type('text/plain; charset=utf-8').send(manifest.files.map((file) => `${file.sha256}  ${file.name}\n`).join(''));
    }),
  );

  router.get(
    /^\/([a-z]+)\.(ndjson|csv)$/,
    serve(async (req, res) => {
      const [name, format] = [req.params[0], req.params[1] as ExportFormat];
      const set = EXPORT_SETS.find((s) => s.name === name);
      if (!set || !EXPORT_FORMATS.includes(format)) throw new ExportRefusal(404, ErrorCode.NOT_FOUND, `No export ${name}.${format}: the sets are ${EXPORT_SETS.map((s) => s.name).join(', ')}.`);
      const { size, since, pinned } = await exportPoint(orm, req);
      const known = knownFile(size, since, `${name}.${format}`);
      res.set({ 'Content-Type': CONTENT_TYPES[format], 'Cache-Control': pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=1', 'X-Log-Size': String(size), 'X-Since': String(since) });
      if (known) res.set('Content-Length', String(known.bytes));
      await withSnapshot(orm, async (read) => {
        let chunk = preamble(set, format);
        for await (const row of read(set, size, since)) {
          chunk += formatRow(set, format, row);
          if (chunk.length >= CHUNK) {
            await write(res, chunk);
            chunk = '';
          }
        }
        res.end(chunk);
      });
    }),
  );
  return router;
}

/** The log size (a signed checkpoint's) and since of a request, and whether the caller pinned the size. */
async function exportPoint(orm: MikroORM, req: Request): Promise<{ size: bigint; since: bigint; checkpoint: string; pinned: boolean }> {
  const em = orm.em.fork();
  const sizeParam = parameter(req, 'size');
  const checkpoint = sizeParam === null ? await latestCheckpoint(em) : await em.findOne(LogCheckpoint, { size: sizeParam });
  if (!checkpoint) {
    if (sizeParam === null) throw new ExportRefusal(404, ErrorCode.NOT_FOUND, 'The log has signed no checkpoint yet; retry in a second.');
    throw new ExportRefusal(404, ErrorCode.NOT_FOUND, `No checkpoint of size ${sizeParam} was signed: use the size of a signed checkpoint (logCheckpoint), or omit it.`, 'size');
  }
  const since = parameter(req, 'since') ?? 0n;
  if (since > checkpoint.size) throw new ExportRefusal(400, ErrorCode.BAD_USER_INPUT, `since must be at most the log size (${checkpoint.size}).`, 'since');
  return { size: checkpoint.size, since, checkpoint: checkpoint.note, pinned: sizeParam !== null };
}

/** A decimal query parameter, or null when absent; anything else is a 400 BAD_USER_INPUT. */
function parameter(req: Request, name: string): bigint | null {
  const value = req.query[name];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !DECIMAL.test(value)) throw new ExportRefusal(400, ErrorCode.BAD_USER_INPUT, `${name} must be a log index in decimal, e.g. 120.`, name);
  return BigInt(value);
}

/** Writes a chunk, waiting while the client's buffer is full; fails when the client went away. */
async function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      res.off('drain', onDrain).off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('export client went away'));
    res.on('drain', onDrain).on('close', onClose);
  });
}
