import { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { ErrorCode } from '../../errors';
import { sendJsonError } from '../../http/json-errors';
import { latestCheckpoint, entryRun, subtreeRun } from './log-store';
import { packEntryBundle, packTile, parseTilePath, TILE_HEIGHT, TILE_WIDTH, tileWidth } from './tiles';

/** Full tiles never change; partial tiles and the checkpoint are replaced as the log grows. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=1';

/**
 * The C2SP tlog-tiles read paths, mounted at `/log`: `GET /log/checkpoint` (the latest signed
 * checkpoint), `GET /log/tile/<L>/<N>[.p/<W>]` (hash tiles) and `GET /log/tile/entries/<N>[.p/<W>]`
 * (entry bundles of the canonical entry bytes). A tile is served when the latest checkpoint's tree holds
 * it at that width or wider; anything else falls through to the server's JSON 404.
 */
export function logRouter(orm: MikroORM): express.Router {
  const router = express.Router();
  router.get('/checkpoint', async (_req, res) => {
    const latest = await latestCheckpoint(orm.em.fork());
    if (!latest) return void sendJsonError(res, 404, ErrorCode.NOT_FOUND, 'The log has signed no checkpoint yet.');
    res.set('Cache-Control', SHORT).type('text/plain; charset=utf-8').send(latest.note);
  });
  router.get(/^\/tile\/.+/, async (req, res, next) => {
    const tile = parseTilePath(req.path.slice(1));
    if (!tile) return next();
    const em = orm.em.fork();
    const size = Number((await latestCheckpoint(em))?.size ?? 0);
    const available = tileWidth(tile.level === 'entries' ? 0 : tile.level, tile.index, size);
    if (tile.width > available) return next();
    const first = tile.index * TILE_WIDTH;
    const body =
      tile.level === 'entries'
        ? packEntryBundle(await entryRun(em, first, tile.width))
        : packTile(await subtreeRun(em, tile.level * TILE_HEIGHT, first, tile.width));
    res.set('Cache-Control', tile.width === TILE_WIDTH ? IMMUTABLE : SHORT).type('application/octet-stream').send(body);
  });
  return router;
}

