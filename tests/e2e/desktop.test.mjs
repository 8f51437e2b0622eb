// Desktop smoke test: the real Portfölj window (Tauri + WebKitGTK) under Xvfb, driven
// through tauri-driver and WebKitWebDriver, on a temporary demo database. The CLI then
// finds what the window created in that same SQLite file.
//
// Run by `cargo xtask test` as: xvfb-run -a node --test tests/e2e/desktop.test.mjs
// Env: PORTFOLJ_BIN (CLI), PORTFOLJ_DESKTOP_BIN (desktop app), TAURI_DRIVER (optional).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp, heading as headingOf } from './tauri.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.PORTFOLJ_BIN ?? path.join(repo, 'target/debug/portfolj');
const desktop = process.env.PORTFOLJ_DESKTOP_BIN ?? path.join(repo, 'target/debug/portfolj-desktop');
const screenshots = path.join(repo, 'target/screenshots');

let dir;
let db;
let app;
let browser;

/** The app's database, and a config directory of its own (the window's remembered state). */
const appEnv = () => ({ PORTFOLJ_DB: db, XDG_CONFIG_HOME: path.join(dir, 'config') });

function portfolj(...args) {
  return execFileSync(cli, ['--db', db, ...args], { encoding: 'utf8' });
}

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'portfolj-desktop-'));
  db = path.join(dir, 'demo.db');
  portfolj('demo', 'init', '--scale', 'small', '--seed', '1');
  // A key, so the window can preview a bundle handed to it.
  portfolj('identity', 'init');
  app = await startApp(desktop, { env: appEnv() });
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const heading = () => headingOf(browser);

async function screenshot(name) {
  // Screenshots lag a frame behind the DOM.
  await browser.pause(1000);
  try {
    await browser.saveScreenshot(path.join(screenshots, `desktop-${name}.png`));
  } catch (e) {
    // A picture documents a state the test has already checked; losing one (WebKitWebDriver
    // under Xvfb has dropped the session at this point) is said, not failed on.
    console.error(`screenshot ${name} not taken: ${e.message}`);
  }
  try {
    execFileSync('import', ['-window', 'root', path.join(screenshots, `desktop-${name}-screen.png`)]);
  } catch {
    // The whole-screen picture is a convenience; the window's own screenshot is the check.
  }
}

test('the window opens on the Swedish Översikt with the demo frames', async () => {
  assert.equal(await heading(), 'Översikt');
  await browser.waitUntil(async () => (await browser.$('main').getText()).includes('45 000 000 kr'), {
    timeout: 20_000,
    timeoutMsg: 'the 2013 frame of portfolio 1 (45 000 000 kr) is shown',
  });
  await screenshot('oversikt');
});

test('the window lists the demo applications', async () => {
  await browser.$('nav a[href="#/ansokningar"]').click();
  await browser.waitUntil(async () => (await browser.$$('table.applications tbody tr')).length >= 40, {
    timeout: 20_000,
    timeoutMsg: 'at least 40 demo applications are listed',
  });
  assert.match(await browser.$('main').getText(), /E-tjänst för förskoleplats/);
  await screenshot('ansokningar');
});

test('an application created in the window is in the SQLite file for the CLI', async () => {
  const title = `Skrivbordstest ${Date.now()}`;
  await browser.$('a[href="#/ansokningar/ny"]').click();
  await browser.$('#field-title').waitForDisplayed({ timeout: 20_000 });
  await browser.$('#field-title').setValue(title);
  await browser.$('#field-unit_id').selectByVisibleText('Trafikkontoret');
  await browser.$('#field-portfolio').selectByAttribute('value', '1');
  await browser.$('#field-it_category').selectByAttribute('value', 'differentiating');
  await browser.$('#field-fiscal_year').selectByAttribute('value', '2018');
  await browser.$('#field-requested_amount').setValue('1 250 000');
  await browser.$('#field-purpose').setValue('Skapad i skrivbordsfönstret.');
  // Enter in a text field submits the form, as for a keyboard user. (WebKitWebDriver
  // under Xvfb does not reliably click elements below the fold.)
  await browser.$('#field-title').click();
  await browser.keys('Enter');
  try {
    await browser.waitUntil(async () => (await heading()) === title, { timeout: 20_000 });
  } catch {
    await screenshot('ny-ansokan-fel');
    assert.fail(`the new application is not shown after saving; the page says: ${await browser.$('main').getText()}`);
  }
  await screenshot('ny-ansokan-sparad');
  const found = JSON.parse(portfolj('app', 'list', '--json', '--text', title));
  assert.equal(found.length, 1);
  assert.equal(found[0].requested_amount, '1250000.00');
  assert.equal(found[0].state, 'draft');
});

test('Inställningar shows the data directory and keeps another one for the next start', async () => {
  await browser.execute(() => {
    window.location.hash = '#/installningar';
  });
  const current = browser.$('[data-testid="datadir-current"]');
  await current.waitForDisplayed({ timeout: 20_000 });
  assert.equal(await current.getText(), dir);
  // The test names the database with PORTFOLJ_DB, which wins while it is set: the page says so.
  assert.match(await browser.$('[data-testid="datadir-variable"]').getText(), /PORTFOLJ_DB/);
  const next = path.join(dir, 'ny-katalog');
  await browser.$('#datadir-new').setValue(next);
  await browser.keys('Enter');
  const shown = browser.$('[data-testid="datadir-next"]');
  await shown.waitForDisplayed({ timeout: 20_000 });
  assert.equal(await shown.getText(), next);
  assert.ok(existsSync(next), 'the new data directory is made');
  const settings = JSON.parse(readFileSync(path.join(dir, 'config', 'portfolj', 'settings.json'), 'utf8'));
  assert.equal(settings.data_dir, next);
  await screenshot('datakatalog');
});

test('a second start on the same database hands its file to the open window, which previews it', async () => {
  const file = path.join(dir, 'trasig.portfolj');
  writeFileSync(file, 'inte ett paket');
  const second = spawn(desktop, [file], { env: { ...process.env, ...appEnv() }, stdio: 'ignore' });
  const code = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the second start did not exit within 20 s')), 20_000);
    second.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  assert.equal(code, 0, 'the second start hands over and exits');
  await browser.waitUntil(async () => (await heading()) === 'Identitet och paket', {
    timeout: 20_000,
    timeoutMsg: 'the open window shows Identitet och paket for the handed-over file',
  });
  const refusal = browser.$('[data-testid="import-refusal"]');
  await refusal.waitForDisplayed({ timeout: 20_000 });
  assert.match(await refusal.getText(), /Filen är inte ett Portfölj-paket eller är skadad/);
  await screenshot('overlamnad-fil');
});

test('the window opens again at the size it was closed at', async () => {
  await browser.setWindowRect(null, null, 1100, 700);
  // Saved once the window has settled, so even a session that ends without a clean exit
  // (as this one: the driver stops the app) keeps it.
  await browser.pause(2000);
  await app.stop();
  const saved = path.join(dir, 'config', 'se.stockholm.portfolj', '.window-state.json');
  assert.ok(existsSync(saved), `the window state is saved in ${saved}`);
  assert.equal(JSON.parse(readFileSync(saved, 'utf8')).main?.width, 1100);
  app = await startApp(desktop, { env: appEnv() });
  browser = app.browser;
  await heading();
  const rect = await browser.getWindowRect();
  assert.equal(rect.width, 1100);
});
