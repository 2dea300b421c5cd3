import { MikroORM } from '@mikro-orm/postgresql';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { Write } from '../modules/ledger';
import { ormDb } from './pg-boss-db';

/** A job handler: gets a fresh entity manager and the job's data. */
export type JobHandler = (orm: MikroORM, data: any) => Promise<unknown>;

/** A named job kind with its handler and, optionally, a cron schedule (China time). */
export interface JobDefinition {
  name: string;
  handler: JobHandler;
  cron?: string;
}

/**
 * Background jobs on PostgreSQL (pg-boss), sharing the ORM's connections. Jobs are sent inside the
 * transaction of the write that causes them, so they exist exactly when the write committed.
 */
export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly orm: MikroORM,
    private readonly definitions: Map<string, JobDefinition>,
  ) {}

  /** Starts pg-boss (creating its schema on first use), the queues, their schedules and, if `work`, polling workers. */
  static async start(orm: MikroORM, log: Logger, definitions: JobDefinition[], work: boolean): Promise<JobQueue> {
    const boss = new PgBoss({ db: ormDb(orm.em.fork()), schedule: work, supervise: work });
    boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
    await boss.start();
    const queue = new JobQueue(boss, orm, new Map(definitions.map((d) => [d.name, d])));
    for (const definition of definitions) {
      await boss.createQueue(definition.name);
      if (definition.cron && work) await boss.schedule(definition.name, definition.cron, {}, { tz: 'Asia/Shanghai' });
      if (work) {
        await boss.work(definition.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
          for (const job of jobs) await definition.handler(orm, job.data);
        });
      }
    }
    return queue;
  }

  /** Enqueues a job within the write's transaction. */
  async send(write: Write, name: string, data: object): Promise<void> {
    await this.boss.send(name, data, { db: ormDb(write.em) });
  }

  /** Runs every queued job of `name` now, in this process (used by the operator CLI and tests). */
  async runPending(name: string): Promise<number> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`Unknown job ${name}`);
    let ran = 0;
    for (let jobs = await this.boss.fetch(name, { batchSize: 10 }); jobs.length; jobs = await this.boss.fetch(name, { batchSize: 10 })) {
      for (const job of jobs) {
        try {
          await definition.handler(this.orm, job.data);
        } catch (error) {
          await this.boss.fail(name, job.id, { message: String(error) });
          throw error;
        }
        await this.boss.complete(name, job.id);
        ran++;
      }
    }
    return ran;
  }

  /** Stops workers and schedules, waiting for running jobs. */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true });
  }
}
