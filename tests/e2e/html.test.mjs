// End-to-end: a page copied from a browser (clipboard text/html) and a dropped .html file are
// read for their article, and the document shows the page's title, byline and date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, ROOT, serverAndBrowser, openPage, dropFiles, waitAnalysed } from './harness.mjs';

const env = serverAndBrowser();
const PAGE = readFileSync(join(ROOT, 'tests', 'fixtures', 'html', 'news-page.html'));

test('pasting a page with text/html on the clipboard analyses its article and shows its title', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  // A real paste event whose clipboardData holds the page's HTML beside its plain text, as
  // a browser's select-all + copy puts them.
  await page.evaluate((html) => {
    const dt = new DataTransfer();
    dt.setData('text/html', html);
    dt.setData('text/plain', 'Harbour Town Opens Its New Library\nNews Sport Weather');
    const box = document.getElementById('paste');
    box.focus();
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, PAGE.toString('utf8'));
  await waitAnalysed(page, 1);
  assert.equal(await page.locator('#paste').inputValue(), '', 'the HTML is not pasted into the box as text');
  const cleaned = await page.locator('#cleaned-text').innerText();
  assert.ok(cleaned.includes('Harbour Town opened its new public library on Tuesday'), 'first paragraph kept');
  assert.ok(cleaned.includes('the library is closed on Sundays'), 'last paragraph kept');
  for (const chrome of ['Share on Facebook', 'Storm floods Quay Street', 'Great news for the town', 'All rights reserved', 'Weather']) {
    assert.ok(!cleaned.includes(chrome), `page chrome removed: ${chrome}`);
  }
  const title = await page.locator('#doc-title').innerText();
  assert.ok(title.includes('Harbour Town Opens Its New Library'), `title shown: ${title}`);
  assert.ok(title.includes('Mara Lindqvist') && title.includes('2024-05-14'), `byline and date shown: ${title}`);
  // The structure's removals are shown with their reasons, like every other edit.
  await page.check('#show-removed');
  const nav = page.locator('.removed-block', { hasText: 'Share on Facebook' });
  await nav.waitFor();
  assert.match(await nav.locator('.reason').innerText(), /share/);
  await page.screenshot({ path: join(OUT, 'pasted-html-page.png'), fullPage: true });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a dropped .html file goes through the HTML path', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  await dropFiles(page, [{ name: 'library.html', type: 'text/html', bytes: PAGE }]);
  await waitAnalysed(page, 1);
  const cleaned = await page.locator('#cleaned-text').innerText();
  assert.ok(cleaned.includes('Ingrid Solberg'), 'article kept');
  assert.ok(!cleaned.includes('Privacy'), 'footer removed');
  assert.ok((await page.locator('#doc-title').innerText()).includes('Harbour Town Opens Its New Library'));
  assert.deepEqual(log.errors, []);
  await context.close();
});
