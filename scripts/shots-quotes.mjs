// Screenshots of the Quotes view on the five seeds (../shared/seeds, or a folder given as the
// first argument) into /work/notes/shots (or the second argument): the speaker list, and a
// seed's text with its quotes marked after a jump. For looking at, not a test.
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, launch, openPage, dropFiles, waitAnalysed, ROOT } from '../tests/e2e/harness.mjs';

const dir = resolve(process.argv[2] || join(ROOT, '..', 'shared', 'seeds'));
const out = resolve(process.argv[3] || '/work/notes/shots');
mkdirSync(out, { recursive: true });
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));

const server = await startServer();
const browser = await launch();
try {
  const { page, log } = await openPage(browser, server.url, { viewport: { width: 1400, height: 1000 } });
  await dropFiles(page, files);
  await waitAnalysed(page, files.length);
  await page.click('#tab-quotes');
  await page.screenshot({ path: join(out, 'quotes-list.png'), fullPage: true });
  await page.locator('#quote-speakers').screenshot({ path: join(out, 'quotes-speakers.png') });
  // The whole list, unscrolled, to read every speaker at once.
  await page.evaluate(() => { document.getElementById('quote-speakers').style.maxHeight = 'none'; });
  await page.locator('#quote-speakers').screenshot({ path: join(out, 'quotes-speakers-all.png') });
  await page.evaluate(() => { document.getElementById('quote-speakers').style.maxHeight = ''; });
  // Jump to the first quote of the list that lives in the third seed, then shoot the text.
  for (const [i, prefix] of ['002_', '003_', '000_', '004_'].entries()) {
    const jump = page.locator('.quote-jump', { hasText: prefix }).first();
    if (!(await jump.count())) continue;
    await jump.click();
    await page.waitForTimeout(300);
    await page.locator('#quotes-text').screenshot({ path: join(out, `quotes-text-${i}-${prefix.slice(0, 3)}.png`) });
  }
  if (log.errors.length) console.log('page errors:', log.errors);
} finally {
  await browser.close();
  server.stop();
}
