// The Debian package as a user gets it: `apt-get install ./…deb` on this machine, then the
// installed /usr/bin/portfolj-desktop started under Xvfb (through tauri-driver) with an empty
// home, where it shows the first-run screen; and started with a .portfolj file, as the file
// manager does through the desktop entry, where it shows that bundle's import preview.
//
// Run by `cargo xtask test` (which builds the package with `cargo xtask package --debug`) as:
// xvfb-run -a node --test tests/e2e/package.test.mjs
// Env: PORTFOLJ_DEB (the package), PORTFOLJ_BIN (CLI, to make a bundle). Needs root.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp, heading } from './tauri.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.PORTFOLJ_BIN ?? path.join(repo, 'target/debug/portfolj');
const deb = process.env.PORTFOLJ_DEB;
const screenshots = path.join(repo, 'target/screenshots');
const INSTALLED = '/usr/bin/portfolj-desktop';

let dir;
let packageName;

/** A fresh home for one start, so the installed app finds no data of its own. */
function freshHome(name) {
  const home = path.join(dir, name);
  mkdirSync(home, { recursive: true });
  return { HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config') };
}

async function screenshotOfScreen(name) {
  // Screenshots lag a frame behind the DOM.
  await new Promise((done) => setTimeout(done, 1000));
  const file = path.join(screenshots, `deb-${name}.png`);
  execFileSync('import', ['-window', 'root', file]);
  // A blank screen has one colour; the drawn window has many.
  const colours = Number(execFileSync('identify', ['-format', '%k', file], { encoding: 'utf8' }));
  assert.ok(colours > 16, `the screenshot ${file} shows a drawn window (${colours} colours)`);
}

before(() => {
  assert.ok(deb && existsSync(deb), 'PORTFOLJ_DEB names the package built by `cargo xtask package`');
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'portfolj-package-'));
  packageName = execFileSync('dpkg-deb', ['-f', deb, 'Package'], { encoding: 'utf8' }).trim();
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=900', 'install', '-y', '-qq', '--no-install-recommends', path.resolve(deb)], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
});

after(() => {
  try {
    execFileSync('dpkg', ['--remove', packageName], { stdio: 'ignore' });
  } catch {
    // Not installed: the install itself failed, which its test has said.
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the package installs the app, its desktop entry with the .portfolj association, the type and the icon', () => {
  assert.equal(packageName, 'portfolj');
  const files = execFileSync('dpkg', ['-L', packageName], { encoding: 'utf8' }).split('\n');
  assert.ok(files.includes(INSTALLED), 'the binary is /usr/bin/portfolj-desktop');
  const entryPath = files.find((f) => f.startsWith('/usr/share/applications/') && f.endsWith('.desktop'));
  assert.ok(entryPath, 'a desktop entry is installed');
  const entry = readFileSync(entryPath, 'utf8');
  assert.match(entry, /^Name=Portfölj$/m);
  assert.match(entry, /^Exec=portfolj-desktop %f$/m, 'the file manager passes the opened file');
  assert.match(entry, /^MimeType=application\/x-portfolj;$/m);
  assert.match(entry, /^Icon=portfolj-desktop$/m);
  assert.ok(files.some((f) => /\/usr\/share\/icons\/hicolor\/.*\/apps\/portfolj-desktop\.png$/.test(f)), 'the icon is installed');
  const mime = readFileSync('/usr/share/mime/packages/portfolj.xml', 'utf8');
  assert.match(mime, /type="application\/x-portfolj"/);
  assert.match(mime, /<glob pattern="\*\.portfolj"\/>/);
});

test('the installed app starts on an empty home to the first-run screen', async () => {
  const home = freshHome('first-run');
  const app = await startApp(INSTALLED, { env: home });
  try {
    await app.browser.$('[data-testid="first-run"]').waitForDisplayed({ timeout: 30_000 });
    assert.equal(await heading(app.browser), 'Välkommen till Portfölj');
    await screenshotOfScreen('first-run');
  } finally {
    await app.stop();
  }
  assert.ok(existsSync(path.join(home.XDG_DATA_HOME, 'portfolj', 'portfolj.db')), 'the app made its database in the home it was given');
});

test('the installed app opened with a .portfolj file shows that invitation’s import preview', async () => {
  const home = freshHome('opened');
  const portfolj = (db, ...args) => execFileSync(cli, ['--db', db, ...args], { encoding: 'utf8' });
  // An office that invites this laptop, whose key is made as the first-run screen makes it.
  const office = path.join(dir, 'office.db');
  portfolj(office, 'demo', 'init', '--scale', 'small', '--seed', '1');
  portfolj(office, 'identity', 'init');
  portfolj(office, 'office', 'init');
  const coach = JSON.parse(portfolj(office, 'persona', 'list', '--json')).find((p) => p.roles.includes('coach'));
  const laptopDb = path.join(home.XDG_DATA_HOME, 'portfolj', 'portfolj.db');
  mkdirSync(path.dirname(laptopDb), { recursive: true });
  const key = JSON.parse(portfolj(laptopDb, 'identity', 'init', '--json')).public_key;
  const invitation = path.join(dir, 'inbjudan.portfolj');
  portfolj(office, 'office', 'invite', coach.email, '--key', key, '--out', invitation);

  const app = await startApp(INSTALLED, { env: home, args: [invitation] });
  try {
    const preview = app.browser.$('[data-testid="bundle-preview"]');
    await preview.waitForDisplayed({ timeout: 30_000 });
    assert.equal(await app.browser.$('[data-testid="preview-kind"]').getText(), 'Inbjudan');
    assert.equal(await app.browser.$('#first-run-join').isSelected(), true, 'the first-run screen chose "Gå med via inbjudan"');
    await screenshotOfScreen('opened-invitation');
  } finally {
    await app.stop();
  }
});
