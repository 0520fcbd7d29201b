// End-to-end: hostile and huge input in the real page. Nothing crashes, freezes, injects or
// is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUT, serverAndBrowser, seeds, openPage, dropFiles, waitAnalysed } from './harness.mjs';

const env = serverAndBrowser();

/** Records the main thread's long tasks (> 50 ms) from now on; returns a reader of the longest. */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => window.__longest);
}

test('a 100 MB text file is refused with a size message; the other files are analysed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aa-big-'));
  try {
    const big = join(dir, 'huge.txt');
    const line = 'Reuters reported that the talks in Geneva continued on Tuesday. ';
    writeFileSync(big, line.repeat(Math.ceil((100 * 1048576) / line.length)));
    const small = join(dir, seeds[0].name);
    writeFileSync(small, seeds[0].bytes);
    const { context, page, log } = await openPage(env.browser, env.server.url);
    const longest = await watchLongTasks(page);
    await page.setInputFiles('#files', [big, small]);
    await waitAnalysed(page, 2);
    const row = page.locator('.doc.error', { hasText: 'huge.txt' });
    assert.match(await row.innerText(), /huge\.txt is 100 MB; the page analyses files up to 32 MB/);
    assert.equal(await page.locator('#docs .doc.done').count(), 1);
    assert.ok(await longest() < 1000, `the page froze for ${await longest()} ms`);
    assert.deepEqual(log.errors, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('5,000 small files at once: progress shown, all analysed, the page stays responsive', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  const longest = await watchLongTasks(page);
  const base = seeds.map((s) => s.bytes.toString('utf8').split('\n').filter((l) => l.length > 80)).flat();
  const N = 5000;
  const started = Date.now();
  // The files are made inside the page (passing 5,000 buffers over the protocol is slow).
  const dt = await page.evaluateHandle(({ base, N }) => {
    const dt = new DataTransfer();
    for (let i = 0; i < N; i++) {
      // A few paragraphs each, picked by a fixed rule; every 10th file is a copy of the one before.
      const k = i % 10 === 9 ? i - 1 : i;
      const text = [0, 1, 2].map((j) => base[(k * 7 + j * 13) % base.length]).join('\n\n') + `\n\nStory number ${k}.`;
      dt.items.add(new File([text], `story-${String(i).padStart(4, '0')}.txt`, { type: 'text/plain' }));
    }
    return dt;
  }, { base, N });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await page.waitForFunction(() => /\d+ of 5000/.test(document.getElementById('progress-text').textContent));
  await waitAnalysed(page, N, 600000);
  const secs = (Date.now() - started) / 1000;
  assert.equal(await page.evaluate(() => window.__articleAnalyzer.state.docs.filter((d) => d.status === 'done').length), N);
  assert.equal(await page.locator('#doc-count').innerText(), `(${N})`);
  // The list draws only the rows near view: 5,000 rows would cost seconds of layout.
  const drawn = await page.locator('#docs .doc').count();
  assert.ok(drawn > 0 && drawn <= 200, `${drawn} rows in the DOM`);
  assert.equal(await page.locator('#docs .doc.done').count(), drawn);
  // Every 10th file is an exact copy of the one before: each such pair shares a cluster.
  const shared = await page.evaluate(() => {
    const s = window.__articleAnalyzer.state;
    const c = s.clusters;
    return s.docs.filter((d, i) => i % 10 === 9 && c[d.widx] === c[s.docs[i - 1].widx]).length;
  });
  assert.equal(shared, N / 10);
  const heap = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
  const worst = await longest();
  console.log(`5,000 files: ${secs.toFixed(1)} s; page JS heap ${(heap / 1048576).toFixed(0)} MB; longest main-thread task ${worst.toFixed(0)} ms`);
  assert.ok(heap < 512 * 1048576, `page heap ${heap} bytes`);
  assert.ok(worst < 2000, `the page froze for ${worst} ms`);
  // Scrolled to its middle, the list draws the rows there.
  await page.locator('#docs').evaluate((list) => { list.scrollTop = list.scrollHeight / 2; });
  await page.locator('.doc-button', { hasText: 'story-2500.txt' }).waitFor();
  // Scrolled to its end, the list shows the last document, and a click selects it.
  await page.locator('#docs').evaluate((list) => { list.scrollTop = list.scrollHeight; });
  await page.locator('.doc-button', { hasText: `story-${N - 1}.txt` }).click();
  await page.check('#show-removed');
  assert.match(await page.locator('#cleaned-text').innerText(), /Story number 4998/);
  // The keyboard selects a document whose row is not drawn: the list scrolls to it.
  await page.locator('#docs').evaluate((list) => { list.scrollTop = 0; });
  await page.locator('.doc-button', { hasText: 'story-0000.txt' }).waitFor();
  await page.keyboard.press('Alt+ArrowUp');
  assert.match(await page.locator('#docs .doc.selected').innerText(), /story-4998\.txt/);
  assert.equal(await page.locator('#docs .doc.selected .doc-button').getAttribute('aria-current'), 'true');
  assert.deepEqual(log.errors, []);
  await context.close();
});

for (const kind of ['panic', 'oom']) {
  test(`a ${kind} while analysing a document: that document reports it, the worker restarts, nothing is lost`, async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await dropFiles(page, seeds.slice(0, 2));
    await waitAnalysed(page, 2);
    await page.evaluate((k) => window.__articleAnalyzer.fault(k), kind);
    await page.fill('#paste', 'Angela Merkel met Emmanuel Macron in Berlin on Monday.');
    await page.click('#add-paste');
    await waitAnalysed(page, 3);
    const row = page.locator('.doc.error', { hasText: 'Pasted: Angela Merkel' });
    assert.match(await row.innerText(), kind === 'oom' ? /out of memory/ : /internal error: debugPanic/);
    assert.match(await row.innerText(), /restarted/);
    // The earlier results are still there and the restarted worker analyses new text.
    await dropFiles(page, seeds.slice(2, 3));
    await waitAnalysed(page, 4);
    assert.equal(await page.locator('#docs .doc.done').count(), 3);
    await page.locator('.doc-button', { hasText: seeds[0].name }).click();
    assert.match(await page.locator('#cleaned-text').innerText(), /Putin/);
    // The pasted text is kept (in the workspace) so the user loses nothing.
    const saved = await page.evaluate(() => window.__articleAnalyzer.state.docs.find((d) => d.name.startsWith('Pasted')).source.text);
    assert.match(saved, /Angela Merkel met Emmanuel Macron/);
    await context.close();
  });
}

test('XSS payloads in pasted text, dropped files and file names never run nor add markup', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  // Each payload would set window.__xss if it ran.
  const payloads = [
    '<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=2">', '<a href="javascript:window.__xss=3">Click</a>',
    '</textarea><svg onload="window.__xss=4">', '<svg><script>window.__xss=5</script></svg>', '&lt;script&gt;window.__xss=6&lt;/script&gt;',
    '\u202Egnp.exe\u202C', '"><iframe srcdoc="<script>parent.__xss=7</script>">', '<style>body{display:none}</style>',
    '<math><mi xlink:href="javascript:window.__xss=8">x</mi></math>', '{{constructor.constructor("window.__xss=9")()}}',
  ];
  const structure = () => page.evaluate(() => [...document.querySelectorAll('body *')].filter((n) => !n.closest('#docs, .text, .panel, #status')).map((n) => n.tagName).join(','));
  const before = await structure();
  await page.fill('#paste', 'Donald Trump said ' + payloads.join(' and ') + '.');
  await page.click('#add-paste');
  await dropFiles(page, [
    { name: '<img src=x onerror="window.__xss=10">.txt', bytes: Buffer.from(payloads.join('\n')) },
    { name: 'page.html', bytes: Buffer.from('<html><body><p>Boris Johnson</p>' + payloads.join('') + '</body></html>') },
  ]);
  await waitAnalysed(page, 3);
  for (let i = 0; i < 3; i++) {
    await page.locator('.doc-button').nth(i).click();
    for (const tab of ['#tab-cleaned', '#tab-entities', '#tab-duplicates']) {
      await page.click(tab);
      await page.check('#show-removed').catch(() => {});
    }
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'a payload ran');
  assert.equal(await page.evaluate(() => document.querySelectorAll('main script, main img, main iframe, main svg, main style, main math, #docs a').length), 0);
  assert.equal(await structure(), before, 'the page structure changed');
  assert.deepEqual(log.dialogs, []);
  assert.match(await page.locator('.doc-name').nth(1).innerText(), /<img src=x onerror="window.__xss=10">\.txt/);
  await page.screenshot({ path: join(OUT, 'xss.png'), fullPage: true });
  await context.close();
});
