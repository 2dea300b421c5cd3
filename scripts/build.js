#!/usr/bin/env node
/**
 * Compiles the registry (src/, seeds/, mikro-orm.config.ts) to plain JavaScript in dist/, with the same
 * swc settings (.swcrc) that the tests and ts-node use, so decorator metadata is emitted. JSON files
 * (seed rulebook, calendar, example records, schema/*.json) are copied to the same relative places, and
 * every relative require() of the output is checked to resolve.
 *
 *   node scripts/build.js                          build (npm run build; npm install runs it as `prepare`)
 *   node -r ./scripts/build.js dist/src/main.js    build first only if an input changed (npm start, npm run registry)
 *
 * A build goes to a fresh directory that then replaces dist/, so removed sources (a migration!) never
 * linger and a process starting meanwhile never sees half a build.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp.json');
const SOURCES = ['src', 'seeds', 'schema', 'mikro-orm.config.ts'];
const SETTINGS = ['.swcrc', 'scripts/build.js'];

/** Every input file, relative to the repository root, sorted. */
function inputs() {
  const found = [];
  const walk = (rel) => {
    const stat = fs.statSync(path.join(ROOT, rel));
    if (stat.isDirectory()) for (const name of fs.readdirSync(path.join(ROOT, rel))) walk(path.join(rel, name));
    else if (/\.(ts|json)$/.test(rel) && !rel.endsWith('.d.ts')) found.push(rel);
  };
  SOURCES.forEach(walk);
  return found.sort();
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
function staleness(files) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return 'no build yet';
  }
  if (JSON.stringify(stamp.files) !== JSON.stringify(files)) return 'source files were added or removed';
  const changed = [...files, ...SETTINGS].find((rel) => fs.statSync(path.join(ROOT, rel)).mtimeMs > stamp.builtAt);
  return changed ? `${changed} changed` : null;
}

/** Compiles `files` into a new directory and swaps it in for dist/. */
function build(files) {
  const swc = require('@swc/core');
  const started = Date.now();
  const out = `${DIST}.tmp-${process.pid}`;
  fs.rmSync(out, { recursive: true, force: true });
  for (const rel of files) {
    const target = path.join(out, rel.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (rel.endsWith('.json')) fs.copyFileSync(path.join(ROOT, rel), target);
    else fs.writeFileSync(target, swc.transformFileSync(path.join(ROOT, rel), { cwd: ROOT }).code);
  }
  checkRequires(out, files);
  fs.writeFileSync(path.join(out, path.basename(STAMP)), JSON.stringify({ builtAt: started, files }));
  const old = `${DIST}.old-${process.pid}`;
  try {
    fs.renameSync(DIST, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  try {
    fs.renameSync(out, DIST);
  } catch (error) {
    // another process built the same sources at the same moment and swapped its dist/ in first
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    fs.rmSync(out, { recursive: true, force: true });
  }
  fs.rmSync(old, { recursive: true, force: true });
  return Date.now() - started;
}

// Run as a script it always builds; preloaded with `node -r` it rebuilds only what is stale, in the same process.
/** Fails the build when compiled code requires a relative path that the build did not produce. */
function checkRequires(out, files) {
  for (const rel of files.filter((f) => f.endsWith('.ts'))) {
    const target = path.join(out, rel.replace(/\.ts$/, '.js'));
    for (const [, spec] of fs.readFileSync(target, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const base = path.resolve(path.dirname(target), spec);
      if (![base, `${base}.js`, path.join(base, 'index.js')].some((p) => fs.existsSync(p))) {
        fs.rmSync(out, { recursive: true, force: true });
        throw new Error(`${rel} requires "${spec}", which the build does not produce: add its folder to SOURCES in scripts/build.js`);
      }
    }
  }
}

const files = inputs();
const reason = require.main === module ? 'requested' : staleness(files);
if (reason) {
  const ms = build(files);
  console.error(`Built dist/ (${files.length} files, ${ms} ms): ${reason}.`);
}
