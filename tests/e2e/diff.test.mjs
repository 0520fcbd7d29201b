// End-to-end: the "What changed" view. The five seeds plus a re-published copy of one of
// them (its own site's header, cut after a few paragraphs, one sentence edited, one
// paragraph added): the copy is shown against its source with every change marked in text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, serverAndBrowser, seeds, openPage, dropFiles, waitAnalysed } from './harness.mjs';

const env = serverAndBrowser();

/** A copy of seed 003 as another site would re-publish it. */
function editedCopy() {
  const seed = seeds.find((s) => s.name.startsWith('003_'));
  const text = seed.bytes.toString('utf8');
  const paras = text.split('\n\n');
  const start = paras.findIndex((p) => p.startsWith('Putin-Trump Meeting'));
  const end = paras.findIndex((p) => p.startsWith('However, a key component'));
  assert.ok(start >= 0 && end > start, 'the seed has the paragraphs the copy is made of');
  const story = paras.slice(start, end + 1).map((p) => p.replace('has been agreed to and could take place', 'has been agreed and could now take place'));
  const at = story.findIndex((p) => p.startsWith('Ushakov did not say'));
  story.splice(at + 1, 0, 'Officials in Kyiv said on Thursday evening that they had not been told about the plan in advance.');
  const copy = ['World News Daily', 'Home', 'Politics', ...story, 'Share this article'].join('\n\n') + '\n';
  return { name: 'republished-003.txt', bytes: Buffer.from(copy, 'utf8') };
}

test('what changed: the copy against its source, marks with text, keyboard, 360 px, export', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  await dropFiles(page, [...seeds, editedCopy()]);
  await waitAnalysed(page, 6);

  await page.click('#tab-diff');
  const copy = page.locator('.diff-copy', { hasText: 'republished-003.txt' });
  await copy.waitFor();
  const cluster = page.locator('.diff-cluster', { has: copy });
  assert.match(await cluster.locator('h4').innerText(), /Source: 003_/);
  const summary = await copy.locator('.diff-summary').innerText();
  assert.match(summary, /cut after paragraph \d+/);
  assert.match(summary, /1 sentence edited/);
  assert.match(summary, /1 paragraph added/);

  // Keyboard: the copy's summary takes focus and Enter opens it.
  await copy.locator('summary').focus();
  await page.keyboard.press('Enter');
  const edited = copy.locator('mark.diff-replace').first();
  await edited.waitFor();
  assert.match((await edited.locator('.diff-label').textContent()).trim(), /^edited$/);
  assert.match(await edited.locator('del').first().innerText(), /to/);
  assert.match(await edited.locator('ins').first().innerText(), /now/);
  const added = copy.locator('mark.diff-insert');
  assert.equal(await added.count(), 1);
  assert.match((await added.locator('.diff-label').textContent()).trim(), /^added$/);
  assert.match(await added.innerText(), /Officials in Kyiv/);
  // The copy's own header and share line are chrome, not changes.
  const marked = await copy.locator('mark.diff').allInnerTexts();
  assert.ok(!marked.some((t) => /World News Daily|Share this article/.test(t)), `chrome marked as a change: ${marked}`);
  await page.screenshot({ path: join(OUT, 'diff.png'), fullPage: true });

  // The export: one JSON line per copy, code points, the text on both sides.
  await page.click('summary:has-text("Export")').catch(() => {});
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="diffs"]')]);
  const rows = readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const row = rows.find((r) => r.copy === 'republished-003.txt');
  assert.ok(row, 'the copy has a row');
  assert.match(row.source, /^003_/);
  assert.ok(row.ops.some((o) => o.op === 'replace' && o.a_text.includes('agreed to and') && o.b_text.includes('now take place')));

  assert.deepEqual(log.errors, [], 'no console error');
  await context.close();
});

test('what changed at 360 px wide: no sideways scrolling with a copy open', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  await dropFiles(page, [...seeds, editedCopy()]);
  await waitAnalysed(page, 6);
  await page.locator('.doc-button', { hasText: '001_' }).click();
  await page.click('#tab-diff');
  const copy = page.locator('.diff-copy', { hasText: 'republished-003.txt' });
  await copy.locator('summary').click();
  await copy.locator('mark.diff-replace').first().waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  await page.screenshot({ path: join(OUT, 'mobile-diff.png'), fullPage: true });
  assert.deepEqual(log.errors, []);
  await context.close();
});
