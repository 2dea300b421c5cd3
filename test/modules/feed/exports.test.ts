import { createHash } from 'node:crypto';
import { leafHash } from '../../../src/modules/ledger/merkle';
import { sql } from '../../../src/shared/sql';
import { buildFilingAssociation, buildFilingPlatform, FilingPlatform, POOLING, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { integrateAll } from '../ledger/log-helpers';

/** Records in a CSV body (RFC 4180: line breaks inside quotes belong to the field), header excluded. */
function csvRecords(body: string): number {
  let quoted = false;
  let records = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '"') quoted = !quoted;
    else if (!quoted && body[i] === '\n') records++;
  }
  return records - 1;
}

describe('bulk exports', () => {
  let app: TestApp;
  let platform: FilingPlatform;
  let base: string;
  let size: number;
  beforeAll(async () => {
    app = await startTestApp();
    platform = await buildFilingPlatform(app, await buildFilingAssociation(app));
    const { errors } = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.filer);
    expect(errors).toBeUndefined();
    await app.post('{ __typename }');
    base = `http://127.0.0.1:${(app.server.httpServer.address() as { port: number }).port}`;
    size = await integrateAll(app.orm);
  });
  afterAll(() => app.close());

  const get = (path: string) => fetch(`${base}${path}`);

  it('serves a manifest whose rows, bytes and SHA-256 match every file it lists, as of a signed checkpoint', async () => {
    const response = await get(`/export/manifest.json?size=${size}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/immutable/);
    const manifest: any = await response.json();
    expect(manifest).toMatchObject({ logSize: String(size), since: '0' });
    expect(manifest.checkpoint.split('\n')[1]).toBe(String(size));
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(
      ['platforms', 'qualifications', 'filings', 'flags', 'rules'].flatMap((name) => [`${name}.ndjson`, `${name}.csv`]),
    );
    for (const file of manifest.files) {
      const fetched = await get(file.url);
      expect([fetched.status, fetched.headers.get('content-length')]).toEqual([200, String(file.bytes)]);
      const body = Buffer.from(await fetched.arrayBuffer());
      const text = body.toString('utf8');
      const rows = file.name.endsWith('.ndjson') ? text.split('\n').length - 1 : csvRecords(text);
      expect({ name: file.name, rows, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') }).toEqual({
        name: file.name,
        rows: file.rows,
        bytes: file.bytes,
        sha256: file.sha256,
      });
      expect(file.rows).toBeGreaterThan(0);
    }
    const sums = await (await get(`/export/SHA256SUMS?size=${size}`)).text();
    expect(sums).toBe(manifest.files.map((f: { sha256: string; name: string }) => `${f.sha256}  ${f.name}\n`).join(''));
  });

  it('holds the latest public version of every record below the log size, each line an exact leaf of the log', async () => {
    const body = await (await get(`/export/flags.ndjson?size=${size}`)).text();
    const lines = body.trimEnd().split('\n').map((line) => JSON.parse(line));
    const expected = await sql<{ log_index: string; entry: Buffer }>(
      app.orm.em.fork(),
      `select distinct on (e.entity_id) e.log_index::text as log_index, e.entry from ledger_entry e
        where e.entity_type = 'flag' and e.log_index < ? order by e.entity_id, e.log_index desc`, // by the bigint, not its text
      [size],
    );
    expected.sort((a, b) => Number(a.log_index) - Number(b.log_index));
    expect(lines.map((l) => l.logIndex)).toEqual(expected.map((e) => e.log_index));
    const raw = body.trimEnd().split('\n');
    raw.forEach((line, i) => {
      const entry = Buffer.from(line.slice(`{"logIndex":"${lines[i].logIndex}","entry":`.length, -1), 'utf8');
      expect(leafHash(entry)).toEqual(leafHash(expected[i].entry));
    });
    expect(lines.some((l) => l.entry.record.platform === platform.id && l.entry.type === 'flag')).toBe(true);
  });

  it('exports since a log index: exactly the tail of the full export from there, in NDJSON and CSV', async () => {
    for (const file of ['filings.ndjson', 'filings.csv']) {
      const full = await (await get(`/export/${file}?size=${size}`)).text();
      const lines = full.split(file.endsWith('csv') ? '\r\n' : '\n').filter(Boolean);
      const rows = file.endsWith('csv') ? lines.slice(1) : lines;
      const middle = rows[Math.floor(rows.length / 2)];
      const since = file.endsWith('csv') ? middle.split(',')[0] : JSON.parse(middle).logIndex;
      const tail = await (await get(`/export/${file}?size=${size}&since=${since}`)).text();
      const tailRows = tail.split(file.endsWith('csv') ? '\r\n' : '\n').filter(Boolean);
      expect(file.endsWith('csv') ? tailRows.slice(1) : tailRows).toEqual(rows.slice(rows.indexOf(middle)));
    }
  });

  it('refuses bad parameters with a stable code, unknown sets and sizes no checkpoint has', async () => {
    const bad = await get('/export/filings.ndjson?since=abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'since' }] });
    const beyond = await get(`/export/filings.ndjson?size=${size}&since=${size + 1}`);
    expect([beyond.status, ((await beyond.json()) as any).errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const noCheckpoint = await get(`/export/manifest.json?size=${size + 1000000}`);
    expect([noCheckpoint.status, ((await noCheckpoint.json()) as any).errors[0].extensions.fields[0].path]).toEqual([404, 'size']);
    expect((await get('/export/members.ndjson')).status).toBe(404);
    expect((await get('/export/filings.xml')).status).toBe(404);
    const latest = await get('/export/rules.csv');
    expect([latest.status, latest.headers.get('cache-control')]).toEqual([200, 'public, max-age=1']);
    expect(Number(latest.headers.get('x-log-size'))).toBeGreaterThanOrEqual(size);
    expect((await latest.text()).split('\r\n')[0]).toMatch(/^log_index,id,version,action,at,actor_organisation,actor_role,reason,rule,number,status,title/);
  });
});
