import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { BOOT_TIMEOUT_MS, killAllApps, makeDataDir, RunningApp, startApp, stopApp } from './app-process';

/**
 * A newsroom page on another origin calls the registry from a real (system) Chromium: the browser's own
 * CORS checks let it read public data with POST + JSON, and refuse to send an Authorization header.
 * Chromium is not a project dependency: Debian's package (`apt-get install chromium`) or CHROMIUM_PATH.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!HAVE_CHROMIUM && !IN_CI) console.warn(`Skipping the CORS browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);

const describeBrowser = HAVE_CHROMIUM || IN_CI ? describe : describe.skip;

describeBrowser('a page on another origin reads the registry in a browser', () => {
  let dataDir: string;
  let app: RunningApp;
  let newsroom: http.Server;
  let newsroomUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return; // fails in the first test (CI must have a browser)
    dataDir = makeDataDir('registry-cors-e2e-');
    app = await startApp(dataDir, { RATE_LIMIT_ANON_READS: '0' });
    // the newsroom's own site: another port of the loopback address is another origin
    newsroom = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Newsroom</title><p>story</p>'));
    await new Promise<void>((resolve) => newsroom.listen(0, '127.0.0.1', resolve));
    newsroomUrl = `http://127.0.0.1:${(newsroom.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
    page = await browser.newPage();
    await page.goto(newsroomUrl);
  }, BOOT_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    newsroom?.close();
    if (app) await stopApp(app).catch(() => undefined);
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs fetch in the page: the browser does the preflight and CORS checks itself. */
  const fetchFromPage = (headers: Record<string, string>) =>
    page.evaluate(
      async ({ url, headers }) => {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ query: '{ platforms(last: 2) { totalCount nodes { id legalName } pageInfo { hasPreviousPage } } }' }),
          });
          return { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() };
        } catch (error) {
          return { failed: String(error) };
        }
      },
      { url: `${app.baseUrl}/graphql`, headers },
    );

  it('has a browser to run in', () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  });

  it('reads public data with POST and JSON, and sees the exposed request id', async () => {
    expect(new URL(newsroomUrl).origin).not.toBe(new URL(app.baseUrl).origin);
    const result: any = await fetchFromPage({});
    expect(result.failed).toBeUndefined();
    expect(result.status).toBe(200);
    expect(result.body.data.platforms.totalCount).toBe(10);
    expect(result.body.data.platforms.nodes).toHaveLength(2);
    expect(result.body.data.platforms.pageInfo.hasPreviousPage).toBe(true);
    expect(result.requestId).toMatch(/\S/);
  }, 30_000);

  it('cannot send an Authorization header cross-origin: the browser refuses after the preflight', async () => {
    const result: any = await fetchFromPage({ authorization: 'Bearer frt_not_a_real_token' });
    expect(result.failed).toMatch(/Failed to fetch/);
  }, 30_000);
});
