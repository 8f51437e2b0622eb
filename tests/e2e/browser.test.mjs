// Browser end-to-end test: the real `portfolj` binary serves the built UI over its HTTP
// bridge, and Debian's Chromium (driven by playwright-core) uses it as a person would.
//
//   cd ui && npm run build            # ui/dist
//   cargo build -p portfolj-cli       # target/debug/portfolj
//   (cd tests/e2e && npm ci)
//   node --test tests/e2e/browser.test.mjs
//
// Environment: PORTFOLJ_BIN (the CLI binary; default <repo>/target/debug/portfolj),
// PORTFOLJ_UI_DIST (default <repo>/ui/dist), PORTFOLJ_CHROMIUM (default /usr/bin/chromium).
// Screenshots: <repo>/target/screenshots/browser-<page>.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const run = promisify(execFile);

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.resolve(REPO, process.env.PORTFOLJ_BIN ?? 'target/debug/portfolj');
const DIST = path.resolve(REPO, process.env.PORTFOLJ_UI_DIST ?? 'ui/dist');
const CHROMIUM = process.env.PORTFOLJ_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO, 'target', 'screenshots');

const NBSP = '\u00a0';
// "1 234 567 kr" with no-break spaces, as ui/src/lib/format.ts writes money.
const MONEY = /^−?\d{1,3}(\u00a0\d{3})*\u00a0kr$/;
const TIMEOUT = 15_000;

let workDir;
let db;
let server;
let serverLog = '';
let appUrl; // http://127.0.0.1:PORT/#token=TOKEN
let origin;
let token;
let browser;

/** Runs the CLI against the test database and returns its stdout. */
async function cli(...args) {
  const { stdout } = await run(BIN, ['--db', db, ...args], { timeout: 60_000 });
  return stdout;
}

/** The number of stored applications, as the CLI sees them. */
async function storedApplicationCount() {
  const list = JSON.parse(await cli('app', 'list', '--json'));
  assert.ok(Array.isArray(list), 'app list --json prints a JSON array');
  return list.length;
}

/** Calls the bridge directly, for test setup and for checks behind the UI's back. */
async function api(command, args = {}) {
  const response = await fetch(`${origin}/api/call/${command}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(args),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${command}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Starts `portfolj serve` and resolves with the URL line it prints. */
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['--db', db, 'serve', '--port', '0', '--ui', DIST], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    const timer = setTimeout(() => {
      reject(new Error(`portfolj serve printed no URL within 30 s. Output:\n${serverLog}`));
    }, 30_000);
    const pattern = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_~%-]+)/;
    // The URL line is expected on stdout; stderr is searched as well and kept for failures.
    const onOutput = (chunk) => {
      serverLog += chunk;
      const match = pattern.exec(serverLog);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], origin: match[1], token: match[2] });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`portfolj serve exited (${code ?? signal}) before printing its URL:\n${serverLog}`));
    });
  });
}

/** A fresh browser context (own sessionStorage), with the app open and the session loaded. */
async function openApp(route) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx answer from the API is expected (e.g. a validation error) and is logged by the
    // browser itself as "Failed to load resource"; anything else logged as an error is not.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  await page.goto(appUrl);
  // The token is taken from the address and hidden at once.
  await page.waitForFunction(() => !window.location.hash.includes('token='));
  await page.getByTestId('acting-name').waitFor();
  if (route) await goTo(page, route);
  return { context, page, problems };
}

/** Navigates inside the app by its hash route and waits for the page heading. */
async function goTo(page, route) {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, route);
  await page.waitForFunction((hash) => window.location.hash === hash, route);
  await page.locator('main h1').first().waitFor();
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `browser-${name}.png`), fullPage: true });
}

async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

async function fillNewApplication(page, { title, amount, purpose }) {
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Portfölj', { exact: true }).selectOption('1');
  await page.getByLabel('It-kategori').selectOption('differentiating');
  await page.getByLabel('Begärt belopp i kronor').fill(amount);
  await page.getByLabel('Syfte').fill(purpose);
}

describe('Portfölj in the browser (HTTP bridge)', () => {
  before(async () => {
    assert.ok(existsSync(BIN), `The CLI binary is missing: ${BIN}. Build it (cargo build) or set PORTFOLJ_BIN.`);
    assert.ok(
      existsSync(path.join(DIST, 'index.html')),
      `The built UI is missing: ${DIST}. Run "npm run build" in ui/ or set PORTFOLJ_UI_DIST.`,
    );
    await mkdir(SCREENSHOTS, { recursive: true });
    workDir = await mkdtemp(path.join(tmpdir(), 'portfolj-browser-'));
    db = path.join(workDir, 'demo.db');
    await cli('demo', 'init', '--scale', 'small', '--seed', '1');
    ({ url: appUrl, origin, token } = await startServer());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.removeAllListeners('exit');
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  test('Översikt shows the Swedish heading and frames in kronor', async () => {
    const { context, page, problems } = await openApp();
    try {
      assert.equal(await page.evaluate(() => window.location.hash), '#/oversikt');
      await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
      await page.getByRole('table', { name: /Ram per portfölj och budgetår/ }).waitFor();
      const amounts = await page.locator('table.frames tbody .amount').allTextContents();
      assert.ok(amounts.length > 0, 'the frames table shows at least one frame');
      for (const amount of amounts) assert.match(amount.trim(), MONEY);
      assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a new application is saved, listed, and still there after a reload', async () => {
    // Act as an applicant so the form's default unit (the person's own) may apply.
    const people = await api('persona.list');
    const applicant = people.find((p) => p.roles.includes('applicant'));
    assert.ok(applicant, 'the demo database has an applicant');
    const original = await api('session.get');
    await api('persona.switch', { person_id: applicant.id });

    const { context, page, problems } = await openApp('#/ansokningar');
    try {
      const title = `E-tjänst för felanmälan av gatubelysning ${Date.now()}`;
      await page.getByRole('link', { name: 'Ny ansökan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ny ansökan' }).waitFor();
      await fillNewApplication(page, {
        title,
        amount: '1 234 567,50',
        purpose: 'Medborgare ska kunna anmäla trasig gatubelysning dygnet runt.',
      });
      await page.getByRole('button', { name: 'Spara ansökan' }).click();

      // The detail view of the new application.
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.match(await page.evaluate(() => window.location.hash), /^#\/ansokningar\/[^/]+$/);
      assert.equal(
        (await page.getByTestId('requested-amount').textContent()).trim(),
        `1${NBSP}234${NBSP}567,50${NBSP}kr`,
      );
      const id = decodeURIComponent((await page.evaluate(() => window.location.hash)).split('/').pop());
      const stored = await api('application.get', { id });
      assert.equal(stored.requested_amount.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''), '1234567.5');

      // Listed.
      await page.getByRole('navigation').getByRole('link', { name: 'Ansökningar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ansökningar' }).waitFor();
      await page.getByLabel('Sök i titel och syfte').fill(title);
      await page.getByRole('link', { name: title }).waitFor();

      // Still there after a reload (the bridge token survives in sessionStorage).
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Ansökningar' }).waitFor();
      await page.getByRole('link', { name: title }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await api('persona.switch', { person_id: original.person.id });
    }
  });

  test('a bad form shows Swedish field errors and stores nothing', async () => {
    const countBefore = await storedApplicationCount();
    const { context, page, problems } = await openApp('#/ansokningar/ny');
    try {
      await fillNewApplication(page, { title: '', amount: '-5', purpose: 'Ett syfte.' });
      await page.getByRole('button', { name: 'Spara ansökan' }).click();

      const summary = page.getByTestId('error-summary');
      await summary.waitFor();
      await summary.getByRole('heading', { name: 'Ansökan kunde inte sparas' }).waitFor();

      const title = page.getByLabel('Titel');
      const titleError = page.locator('#field-title-error');
      await titleError.waitFor();
      assert.match(await titleError.textContent(), /titel/i);
      assert.equal(await title.getAttribute('aria-invalid'), 'true');
      assert.match(await title.getAttribute('aria-describedby'), /\bfield-title-error\b/);

      const amount = page.getByLabel('Begärt belopp i kronor');
      const amountError = page.locator('#field-requested_amount-error');
      await amountError.waitFor();
      assert.notEqual((await amountError.textContent()).trim(), '');
      assert.equal(await amount.getAttribute('aria-invalid'), 'true');
      assert.match(await amount.getAttribute('aria-describedby'), /\bfield-requested_amount-error\b/);

      // The person's input is kept.
      assert.equal(await amount.inputValue(), '-5');
      assert.equal(await page.getByLabel('Syfte').inputValue(), 'Ett syfte.');
      assert.equal(await storedApplicationCount(), countBefore);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('every page passes axe with no serious or critical violations', async () => {
    const [someApplication] = await api('application.list', {});
    assert.ok(someApplication, 'the demo database has applications');
    const pages = [
      ['oversikt', '#/oversikt'],
      ['ansokningar', '#/ansokningar'],
      ['ny-ansokan', '#/ansokningar/ny'],
      ['ansokan', `#/ansokningar/${encodeURIComponent(someApplication.id)}`],
      ['nyttovardering', '#/nyttovardering'],
      ['beredning', '#/beredning'],
      ['prioritering', '#/prioritering'],
      ['uppfoljning', '#/uppfoljning'],
      ['installningar', '#/installningar'],
    ];
    const { context, page, problems } = await openApp();
    try {
      const failures = [];
      for (const [name, route] of pages) {
        await goTo(page, route);
        // Wait until the page's data has arrived (no loading text left).
        await page.waitForFunction(() => !document.querySelector('main .loading'));
        if (name === 'ansokan') {
          await page.getByRole('heading', { level: 1, name: someApplication.title }).waitFor();
        }
        await screenshot(page, name);
        for (const violation of await seriousViolations(page)) failures.push(`${name}: ${violation}`);
      }
      assert.deepEqual(failures, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the persona switcher changes who is acting', async () => {
    const { context, page, problems } = await openApp();
    const original = await api('session.get');
    try {
      const acting = page.getByTestId('acting-name');
      assert.equal((await acting.textContent()).trim(), original.person.name);

      const select = page.getByLabel('Agera som');
      await page.waitForFunction(
        () => document.querySelectorAll('#persona-select option').length > 1,
      );
      const options = await select.locator('option').evaluateAll((nodes) =>
        nodes.map((n) => ({ value: n.value, text: n.textContent.trim() })),
      );
      const other = options.find((o) => o.value !== original.person.id);
      assert.ok(other, 'the demo database has more than one person');
      await select.selectOption(other.value);
      await page.getByRole('button', { name: 'Byt person' }).click();

      const people = await api('persona.list');
      const person = people.find((p) => p.id === other.value);
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="acting-name"]')?.textContent?.trim() === name,
        person.name,
      );
      await page
        .getByRole('status')
        .filter({ hasText: `Du agerar nu som ${person.name}.` })
        .waitFor({ state: 'attached' });
      assert.equal((await api('session.get')).person.id, person.id);

      // Survives a reload: the acting person is kept by the core, not by the page.
      await page.reload();
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="acting-name"]')?.textContent?.trim() === name,
        person.name,
      );
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await api('persona.switch', { person_id: original.person.id });
    }
  });
});
