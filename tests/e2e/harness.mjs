// Shared set-up of the browser tests: the real server on a free loopback port, Debian's
// Chromium driven by playwright-core, and a record of every request and console error.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const OUT = join(ROOT, 'test-output');
mkdirSync(OUT, { recursive: true });
export const SEEDS = join(ROOT, 'tests', 'fixtures');
/** The five seed files, { name, bytes }, in name order. */
export const seeds = readdirSync(SEEDS).filter((f) => /^00\d_.*\.txt$/.test(f)).sort()
  .map((name) => ({ name, bytes: readFileSync(join(SEEDS, name)) }));

/** One server and one browser for a test file: `env.server` and `env.browser` once started. */
export function serverAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

export async function startServer() {
  const proc = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let buf = '';
    proc.stdout.on('data', (d) => { buf += d; const m = buf.match(/http:\/\/127\.0\.0\.1:\d+\//); if (m) ok(m[0]); });
    proc.on('exit', (c) => fail(new Error('server exited ' + c)));
    setTimeout(() => fail(new Error('server did not start')), 10000);
  });
  return { url, stop: () => proc.kill() };
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A fresh page that records requests, console errors, page errors and dialogs. */
export async function openPage(browser, url, opts = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...opts });
  const page = await context.newPage();
  const log = { requests: [], errors: [], dialogs: [] };
  context.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss(); });
  if (url) await page.goto(url);
  return { context, page, log };
}

/** Drops files (name + bytes) on the page as a user's drag and drop would. */
export async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, type: f.type || 'text/plain', data: [...f.bytes] }));
  const dt = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([new Uint8Array(f.data)], f.name, { type: f.type }));
    return dt;
  }, payload);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
}

/** Waits until `n` documents are analysed (or failed) and the corpus step ran. */
export async function waitAnalysed(page, n, timeout = 60000) {
  await page.waitForFunction((n) => {
    const s = window.__articleAnalyzer && window.__articleAnalyzer.state;
    return s && !s.busy && s.docs.length >= n && s.docs.every((d) => d.status === 'done' || d.status === 'error');
  }, n, { timeout });
}
