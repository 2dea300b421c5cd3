/**
 * Profiles the re-evaluation job in this process on a database the bench seeded (DATABASE_URL): publishes a
 * stricter POOL-001 as the bench does, runs the job under the V8 profiler, and prints where the wall time
 * went: each SQL statement kind's time (from sending it to its answer; the job waits on one statement at a
 * time) and the profile by owner (bench/profile-summary.ts). Writes the profile to PROFILE_OUT.
 * Usage: DATABASE_URL=... node -r ts-node/register bench/profile-reevaluation.ts [out.cpuprofile]
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { connectOrm } from '../src/database/orm';
import { measureReevaluation, printReevaluation } from './reevaluation';
import { seedRulebookWorld } from './seed-filings';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL: a database the bench seeded');
  const out = process.argv[2] ?? '/tmp/reevaluation.cpuprofile';
  const orm = await connectOrm(url, false);
  const world = await seedRulebookWorld(orm, Number(process.env.BENCH_REEVAL_FILINGS ?? 100_000));
  const statements = new Map<string, { count: number; ms: number }>();
  const started = new Map<string, { kind: string; at: number }>();
  const knex = orm.em.getConnection().getKnex();
  knex.on('query', (q: { __knexQueryUid: string; sql: string }) => started.set(q.__knexQueryUid, { kind: kindOf(q.sql), at: performance.now() }));
  knex.on('query-response', (_r: unknown, q: { __knexQueryUid: string }) => {
    const s = started.get(q.__knexQueryUid);
    if (!s) return;
    const total = statements.get(s.kind) ?? { count: 0, ms: 0 };
    total.count++;
    total.ms += performance.now() - s.at;
    statements.set(s.kind, total);
  });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const result = await measureReevaluation(orm, world);
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(out, JSON.stringify(profile));
  printReevaluation(result, 'DATABASE_URL');
  console.log('\nSQL by statement (from sending to answer), including the bench\'s publish and counts:');
  let sum = 0;
  for (const [kind, { count, ms }] of [...statements].sort((a, b) => b[1].ms - a[1].ms)) {
    sum += ms;
    console.log(`${ms.toFixed(0).padStart(8)} ms ${String(count).padStart(6)}x  ${kind}`);
  }
  console.log(`${sum.toFixed(0).padStart(8)} ms in all; profile in ${out}`);
  await orm.close();
}

/** A statement's kind: its text with literals and long lists shortened. */
function kindOf(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/'[^']*'/g, "'…'").replace(/\(\?(, ?\?)+\)/g, '(?…)').slice(0, 150);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
