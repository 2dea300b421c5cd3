import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { buildAssociation } from '../../seeds/factories';
import { connectOrm } from '../../src/database/orm';
import { UTF8_DATABASE_OPTIONS } from '../../src/database/utf8-database';
import { killAllApps, makeDataDir, RunningApp, startApp, stopApp } from '../e2e/app-process';
import { REGISTER, registerVariables } from '../helpers/operations';
import { freshClient, postAs } from './rate-limit-helpers';

const WRITES = 3;
// two API processes need a PostgreSQL server; the embedded database serves one process
const onServer = process.env.TEST_EMBEDDED_DB !== '1';

(onServer ? describe : describe.skip)('anonymous rate limits across API processes', () => {
  const serverUrl = new URL(process.env.DATABASE_URL as string);
  const database = `${serverUrl.pathname.slice(1)}_rl_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let first: RunningApp;
  let second: RunningApp;

  beforeAll(async () => {
    // a database of their own: the two processes run job workers, which must not take the suite's jobs
    await admin(`create database "${database}" ${UTF8_DATABASE_OPTIONS}`);
    const env = {
      DATABASE_URL: url,
      SEED_DEMO: 'false',
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_ANON_WRITES: String(WRITES),
      RATE_LIMIT_ANON_WRITES_WINDOW: '60',
    };
    first = await startApp(makeDataDir(), env); // migrates the new database
    second = await startApp(makeDataDir(), env);
  }, 200_000);
  afterAll(async () => {
    await Promise.all([first, second].filter(Boolean).map((app) => stopApp(app)));
    await killAllApps();
    await admin(`drop database if exists "${database}" with (force)`);
  }, 60_000);

  it('share one budget: the writes of a client through two processes add up, and the last is refused', async () => {
    const orm = await connectOrm(url, false);
    try {
      const { association } = await buildAssociation(orm.em.fork());
      const client = freshClient();
      const register = (app: RunningApp) => postAs(`${app.baseUrl}/graphql`, client, REGISTER, registerVariables(association.id));
      const statuses = [];
      for (const app of [first, second, first]) statuses.push((await register(app)).status);
      expect(statuses).toEqual([200, 200, 200]);

      const refused = await register(second);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await register(first)).status).toBe(429);

      const rows = await orm.em.fork().getConnection().execute(`select key, points from rate_limit.counter where key = ?`, [`anonymous-write:${client}`]);
      expect(rows).toEqual([{ key: `anonymous-write:${client}`, points: WRITES + 2 }]);
      const platforms = await orm.em.fork().getConnection().execute('select count(*) as n from platform');
      expect(Number(platforms[0].n)).toBe(WRITES);
    } finally {
      await orm.close();
    }
  }, 60_000);
});
