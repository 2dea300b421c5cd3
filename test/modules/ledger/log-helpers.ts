import { MikroORM } from '@mikro-orm/postgresql';
import { integrateLog, INTEGRATION_BATCH } from '../../../src/modules/ledger/integrator';
import { sql } from '../../../src/shared/sql';
import { TEST_LOG_KEY } from '../../helpers/test-app';

/** Integrates until the log holds every entry committed so far; returns the latest checkpoint's size. */
export async function integrateAll(orm: MikroORM): Promise<number> {
  for (;;) {
    const done = await integrateLog(orm, TEST_LOG_KEY);
    if (done && done.added < INTEGRATION_BATCH) return done.size;
  }
}

/** The log index of the latest public entry of `entityId`. */
export async function lastLogIndex(orm: MikroORM, entityId: string): Promise<number> {
  const [{ log_index }] = await sql<{ log_index: string }>(
    orm.em.fork(),
    'select log_index from ledger_entry where entity_id = ? and log_index is not null order by version desc limit 1',
    [entityId],
  );
  return Number(log_index);
}
