// End-to-end: the pool of analysis workers (www/page/analysis/bridge.js). Whatever its size
// (URL parameter ?workers=N), the page gives the same results in the same order; a worker
// of the pool that traps is replaced and nothing else is lost; the offline file runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, serverAndBrowser, seeds, openPage, dropFiles, waitAnalysed } from './harness.mjs';

const env = serverAndBrowser();
const base = seeds.map((s) => s.bytes.toString('utf8').split('\n').filter((l) => l.length > 80)).flat();

/** Drops `n` files made in the page: a few seed paragraphs each, one site's chrome line
 *  in every file (the corpus finds it shared), every 7th a copy of the one before, and
 *  every 11th a binary file (refused). `from` numbers them. */
async function dropMany(page, n, from) {
  const dt = await page.evaluateHandle(({ base, n, from }) => {
    const dt = new DataTransfer();
    for (let i = from; i < from + n; i++) {
      const k = i % 7 === 6 ? i - 1 : i;
      const text = 'Riverside Gazette morning edition for the whole valley\n\n' +
        [0, 1, 2].map((j) => base[(k * 5 + j * 11) % base.length]).join('\n\n') + `\n\nStory ${k} by Angela Merkel.`;
      const bytes = i % 11 === 10 ? new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]) : new TextEncoder().encode(text);
      dt.items.add(new File([bytes], `f-${String(i).padStart(4, '0')}.txt`, { type: 'text/plain' }));
    }
    return dt;
  }, { base, n, from });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
}

/** Everything the page knows after analysis, in its order. */
const snapshot = (page) => page.evaluate(() => {
  const s = window.__articleAnalyzer.state;
  return JSON.stringify({
    docs: s.docs.map((d) => [d.name, d.status, d.widx, d.error || null, d.view || null]),
    corpus: s.corpus,
    clusters: s.clusters,
  });
});

async function run(workers) {
  const { context, page, log } = await openPage(env.browser, `${env.server.url}?workers=${workers}`);
  await page.waitForFunction(() => window.AA && window.AA.bridge);
  assert.equal(await page.evaluate(() => window.AA.bridge.size()), workers);
  // Two drops: the second is cleaned with the lines the first found shared.
  await dropMany(page, 150, 0);
  await waitAnalysed(page, 150, 300000);
  await dropMany(page, 70, 150);
  await waitAnalysed(page, 220, 300000);
  const snap = await snapshot(page);
  // A rule switched off re-cleans every document on the pool (the queue's action, awaited).
  await page.evaluate(() => window.AA.queue.setRule('furniture', false));
  const switched = await snapshot(page);
  assert.deepEqual(log.errors, []);
  await context.close();
  return [snap, switched];
}

test('the same results in the same order with 1, 2 and 3 workers in the pool, and after a rule switch', async () => {
  const [one, switched] = await run(1);
  const parsed = JSON.parse(one);
  assert.equal(parsed.docs.filter((d) => d[1] === 'done').length, 200);
  assert.equal(parsed.docs.filter((d) => d[1] === 'error').length, 20);
  assert.ok(!parsed.docs.some((d) => d[4] && d[4].cleaned.includes('Riverside Gazette')), 'the shared line is removed');
  const after = JSON.parse(switched).docs.filter((d) => d[1] === 'done');
  assert.equal(after.length, 200);
  const furniture = (docs) => docs.filter((d) => d[4] && d[4].edits.some((e) => e.rule === 'furniture' && e.applied)).length;
  assert.ok(furniture(parsed.docs) > 100, 'furniture is removed');
  assert.equal(furniture(after), 0, 'no furniture removed with its rule off');
  for (const workers of [2, 3]) {
    const [snap, sw] = await run(workers);
    assert.equal(snap, one, `pool of ${workers}`);
    assert.equal(sw, switched, `pool of ${workers}, rule switched`);
  }
});

for (const where of ['pool', 'corpus']) {
  test(`a panic in the ${where} worker while 60 files are analysed by a pool of 3: one document reports it, nothing else is lost`, async () => {
    const { context, page } = await openPage(env.browser, `${env.server.url}?workers=3`);
    await dropFiles(page, seeds.slice(0, 2));
    await waitAnalysed(page, 2);
    await page.evaluate((w) => window.__articleAnalyzer.fault('panic', w), where);
    await dropMany(page, 60, 0);
    await waitAnalysed(page, 62, 120000);
    const docs = await page.evaluate(() => window.__articleAnalyzer.state.docs.map((d) => [d.name, d.status, d.error || '', d.source.text || '', d.widx]));
    const failed = docs.filter((d) => d[1] === 'error' && !/is not text/.test(d[2]));
    assert.equal(failed.length, 1, JSON.stringify(failed));
    assert.match(failed[0][2], /internal error: debugPanic.*restarted/);
    const binary = docs.filter((d) => d[1] === 'error').length - 1;
    assert.equal(binary, 5);
    assert.equal(docs.filter((d) => d[1] === 'done').length, 62 - 1 - binary);
    // Each analysed document has its own place in the corpus, with no gap (after a corpus
    // worker's crash the documents sent again come after those sent since).
    const widx = docs.filter((d) => d[1] === 'done').map((d) => d[4]).sort((a, b) => a - b);
    assert.deepEqual(widx, widx.map((_, i) => i));
    assert.equal(await page.evaluate(() => window.AA.bridge.size()), 3);
    // The restarted workers analyse new text; the earlier results are still there.
    await dropFiles(page, seeds.slice(2, 3));
    await waitAnalysed(page, 63);
    await page.locator('.doc-button', { hasText: seeds[0].name }).click();
    assert.match(await page.locator('#cleaned-text').innerText(), /Putin/);
    await context.close();
  });
}

test('the offline single file runs a pool of 3 from file:// with no request', async () => {
  const url = pathToFileURL(join(ROOT, 'dist', 'article-analyzer.html')).href + '?workers=3';
  const { context, page, log } = await openPage(env.browser, url);
  await dropFiles(page, seeds);
  await dropMany(page, 40, 0);
  await waitAnalysed(page, 45, 120000);
  assert.equal(await page.evaluate(() => window.AA.bridge.size()), 3);
  assert.equal(await page.locator('#docs .doc.done').count(), 5 + 40 - 3);
  const external = log.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(external, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
