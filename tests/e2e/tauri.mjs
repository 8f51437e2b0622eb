// Shared by the desktop tests: start tauri-driver (with WebKitWebDriver) and a WebDriver
// session on a Portfölj binary, and stop both with a deadline.

import { spawn, execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { remote } from 'webdriverio';

const PORT = 4444;

function tauriDriverPath() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  return path.join(process.env.CARGO_HOME ?? path.join(homedir(), '.cargo'), 'bin', 'tauri-driver');
}

async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tauri-driver did not open port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts `application` (with `args`, and `env` added to this process's) under tauri-driver
 * and returns `{ browser, stop }`.
 */
export async function startApp(application, { env = {}, args = [] } = {}) {
  const driver = spawn(tauriDriverPath(), ['--port', String(PORT), '--native-driver', '/usr/bin/WebKitWebDriver'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForPort(PORT, 30_000);
  const browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    path: '/',
    logLevel: 'error',
    capabilities: { 'tauri:options': { application, args } },
  });
  async function stop() {
    // A dropped session must not hold the run: end it with a deadline, then stop the driver
    // and the window it started (which would otherwise keep this process's output open).
    await Promise.race([browser.deleteSession().catch(() => {}), new Promise((done) => setTimeout(done, 10_000))]);
    const driverGone = driver.exitCode !== null ? Promise.resolve() : new Promise((done) => driver.once('exit', done));
    driver.kill();
    await driverGone;
    // Anchored, so only the app itself matches (not a shell that names its path). Waited for,
    // so a next start finds neither the port nor the database taken.
    const running = () => {
      try {
        execFileSync('pgrep', ['-f', `^${application}`]);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 10_000;
    while (running() && Date.now() < deadline) {
      try {
        execFileSync('pkill', ['-f', `^${application}`]);
      } catch {
        // Gone between the two calls.
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  return { browser, stop };
}

/** The page's main heading, once shown. */
export async function heading(browser) {
  const h1 = await browser.$('main h1');
  await h1.waitForDisplayed({ timeout: 20_000 });
  return h1.getText();
}
