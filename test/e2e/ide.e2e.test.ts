import fs from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { BOOT_TIMEOUT_MS, killAllApps, makeDataDir, RunningApp, startApp, stopApp } from './app-process';

/**
 * The Altair IDE at /ide/ in a real (system) Chromium against the real registry process: it renders
 * from files the registry serves itself (no CDN, no other host), shows no upsell banner and runs its
 * pre-filled query.
 * Chromium is not a project dependency: Debian's package (`apt-get install chromium`) or CHROMIUM_PATH.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const SCREENSHOT = '/tmp/ide.png';
/** A demo platform's English name as it appears in a legal name (see seeds/demo.ts). */
const DEMO_NAME = /\((Hujia Lending|Jingyi Inclusive Finance|Yuebing P2P|Zheding Finance Info|Suwu Network)\)/;
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(`Skipping the IDE browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
}

const describeIde = HAVE_CHROMIUM || IN_CI ? describe : describe.skip;

describeIde('Altair IDE in a browser', () => {
  let dataDir: string;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return; // fails in the first test (CI must have a browser)
    dataDir = makeDataDir('registry-ide-e2e-');
    app = await startApp(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => requests.push(socket.url()));
  }, BOOT_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    if (app) await stopApp(app).catch(() => undefined);
    await killAllApps();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('has a browser to run in', () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  });

  it('renders the IDE from the registry alone and runs the pre-filled query', async () => {
    if (!HAVE_CHROMIUM) throw new Error(`no Chromium at ${CHROMIUM}`);
    await page.goto(`${app.baseUrl}/ide/`);
    const send = page.getByRole('button', { name: 'Send Request' });
    await send.waitFor({ state: 'visible', timeout: 30_000 });
    // The pre-filled example query, pointed at this registry's /graphql.
    await expect(page.locator('app-query-editor').innerText()).resolves.toContain('platforms(first: 10)');

    const response = page.waitForResponse((r) => r.url() === `${app.baseUrl}/graphql` && (r.request().postData() ?? '').includes('query Platforms'));
    await send.click();
    expect((await response).status()).toBe(200);

    // The result pane (a virtualised CodeMirror) shows the response: the count and demo platform names.
    const result = page.locator('app-query-result');
    await result.filter({ hasText: /"totalCount":\s*10/ }).waitFor({ timeout: 15_000 });
    await result.filter({ hasText: DEMO_NAME }).waitFor({ timeout: 15_000 });
    expect(await result.innerText()).toContain('200 OK');
    await page.screenshot({ path: SCREENSHOT });

    // No upsell: Altair's banners (its AI plugin advert) are configured away.
    const text = await page.locator('body').innerText();
    expect(text).toContain('Send Request');
    expect(text).not.toContain('Altair AI');
    expect(await page.locator('app-banner').count()).toBe(0);

    // Everything the page fetched over the network came from the registry itself.
    const network = requests.filter((url) => /^(https?|wss?):/.test(url));
    expect(network.length).toBeGreaterThan(5);
    expect(network.filter((url) => new URL(url).host !== `127.0.0.1:${app.port}`)).toEqual([]);
  }, 90_000);
});
