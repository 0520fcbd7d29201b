// End-to-end: the real page in Debian's Chromium, driven as a person would use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUT, ROOT, serverAndBrowser, seeds, openPage, dropFiles, waitAnalysed } from './harness.mjs';

const env = serverAndBrowser();

const offOrigin = (log) => log.requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('blob:') && !u.startsWith('data:'));

async function selectDoc(page, prefix) {
  await page.locator('.doc-button', { hasText: prefix }).click();
}

test('five dropped seeds: cleaned, entities, repeated passages; no network, no errors', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  const t0 = Date.now();
  await dropFiles(page, seeds);
  await waitAnalysed(page, 5);
  const ms = Date.now() - t0;
  console.log(`# five seeds analysed in the page in ${ms} ms (drop to corpus done)`);
  assert.equal(await page.locator('#docs .doc').count(), 5);
  assert.equal(await page.locator('#docs .doc.done').count(), 5);

  // Cleaned view of the seed with "Connect with us".
  await selectDoc(page, '003_');
  const cleaned = await page.locator('#cleaned-text').innerText();
  assert.ok(cleaned.includes('Kremlin aide Yury Ushakov'), 'article text kept');
  assert.ok(!cleaned.includes('Connect with us'), 'chrome line removed');
  assert.ok(!cleaned.includes('Advertisement'), 'ad marker removed');
  // Removed text is shown on demand, with its reason, and can be restored.
  await page.check('#show-removed');
  const removed = page.locator('.removed-block', { hasText: 'Connect with us' });
  await removed.waitFor();
  assert.ok((await removed.locator('.reason').innerText()).length > 0, 'a reason is shown');
  await page.screenshot({ path: join(OUT, 'cleaned-removed.png'), fullPage: true });
  await removed.getByRole('button', { name: /Restore/ }).click();
  await page.uncheck('#show-removed');
  await page.waitForFunction(() => document.getElementById('cleaned-text').innerText.includes('Connect with us'));
  await page.screenshot({ path: join(OUT, 'cleaned.png'), fullPage: true });

  // Entities: Vladimir Putin highlighted as a person, with the label as visible text.
  await page.click('#tab-entities');
  const putin = page.locator('mark.ent[data-label=PER]', { hasText: 'Vladimir Putin' }).first();
  await putin.waitFor();
  assert.match(await putin.innerText(), /Vladimir Putin\s*PER/);
  // Aliases merged across the corpus: the list shows each spelling with its count.
  const ushakov = page.locator('#entity-list li', { hasText: 'Yuri Ushakov' });
  assert.match(await ushakov.innerText(), /Yury Ushakov ×1/);
  // The spellings are the corpus's, and the line says so beside this document's count.
  const trumpItem = page.locator('#entity-list li', { hasText: 'Donald Trump' }).first();
  assert.match(await trumpItem.innerText(), /Donald Trump ×\d+\s+in 5 documents, written .*Trump ×\d+/);
  // Which entity is in which document: one count column per document.
  await page.click('.corpus-entities summary');
  const trump = page.locator('#corpus-entities tr', { hasText: 'Donald Trump' }).first();
  assert.equal(await trump.locator('td.hit, td.miss').count(), 5);
  await page.screenshot({ path: join(OUT, 'entities.png'), fullPage: true });

  // Duplicates: the repeated headline of the "Home » News" seed is a repeated passage.
  await selectDoc(page, '001_');
  await page.click('#tab-duplicates');
  const passage = page.locator('.passage', { hasText: 'Trump-Putin Meeting Possible Next Week, Russia Official Says' }).first();
  await passage.waitFor();
  assert.match(await passage.locator('h4').innerText(), /repeated/);
  // The five seeds report one event: related stories, not duplicates.
  assert.ok(await page.locator('#related li').count() >= 1, 'related stories listed');
  assert.equal(await page.locator('#clusters .cluster').count(), 0, 'no duplicate cluster among the seeds');
  await page.screenshot({ path: join(OUT, 'duplicates.png'), fullPage: true });

  assert.deepEqual(offOrigin(log), [], 'no request leaves 127.0.0.1');
  assert.deepEqual(log.errors, [], 'no console error');
  await context.close();
});

test('pasted text is analysed and survives a reload', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  await page.fill('#paste', 'Angela Merkel met Emmanuel Macron in Berlin on Monday.\nShare this article\n');
  await page.click('#add-paste');
  await waitAnalysed(page, 1);
  assert.ok(!(await page.locator('#cleaned-text').innerText()).includes('Share this article'));
  await page.evaluate(() => window.__articleAnalyzer.saved());
  await page.reload();
  await waitAnalysed(page, 1);
  assert.deepEqual(await page.locator('#docs .doc-name').allInnerTexts(), ['Pasted: Angela Merkel met Emmanuel Macron in Berlin on Monday.']);
  assert.match(await page.locator('#cleaned-text').innerText(), /Angela Merkel met Emmanuel Macron/);
  await page.click('#clear-all');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Cleared.');
  await page.reload();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#docs .doc').count(), 0, 'clear all empties the saved workspace');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a text in another language: no names tagged, and the entities view says why', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  await page.fill('#paste', 'Die Bundesregierung hat am Montag in Berlin beschlossen, dass die neuen Regeln für den Verkehr ab dem kommenden Jahr gelten sollen. Der Minister sagte, er sei mit dem Ergebnis zufrieden und werde die Länder bald informieren.\n');
  await page.click('#add-paste');
  await waitAnalysed(page, 1);
  await page.click('#tab-entities');
  assert.match(await page.locator('#legend').innerText(), /No names found .*English text only/);
  assert.equal(await page.locator('#entities-text mark.ent-PER, #entities-text mark.ent-ORG, #entities-text mark.ent-LOC, #entities-text mark.ent-MISC').count(), 0);
  await page.screenshot({ path: join(OUT, 'entities-other-language.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('bad files: binary refused with a message, odd encodings decoded, others analysed', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Vladimir Putin spoke in Moscow. 😀', 'utf16le')]);
  const latin1 = Buffer.from('Caf\xe9 owners in S\xe3o Paulo met on Tuesday.', 'latin1');
  await dropFiles(page, [
    { name: 'photo.txt', bytes: png },
    { name: 'empty.txt', bytes: Buffer.alloc(0) },
    { name: 'utf16.txt', bytes: utf16 },
    { name: 'latin1.txt', bytes: latin1 },
    seeds[0],
  ]);
  await waitAnalysed(page, 5);
  const err = page.locator('.doc.error', { hasText: 'photo.txt' });
  assert.match(await err.innerText(), /not text.*PNG/);
  assert.equal(await page.locator('#docs .doc.done').count(), 4);
  await selectDoc(page, 'utf16.txt');
  assert.match(await page.locator('#cleaned-text').innerText(), /Putin spoke in Moscow\. 😀/);
  await selectDoc(page, 'latin1.txt');
  assert.match(await page.locator('#cleaned-text').innerText(), /Café owners in São Paulo/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('exports download and parse back with the right counts', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await dropFiles(page, seeds);
  await waitAnalysed(page, 5);
  await page.click('.exports summary');
  const download = async (kind) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export=${kind}]`)]);
    return dl.path();
  };
  const grab = async (kind) => readFileSync(await download(kind), 'utf8');
  const jsonl = (await grab('jsonl')).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(jsonl.length, 5);
  for (const doc of jsonl) {
    for (const e of doc.entities) assert.equal([...doc.cleaned].slice(e.start, e.end).join(''), e.text, 'code-point offsets');
  }
  const csv = (await grab('entities-csv')).trim().split('\n');
  assert.equal(csv.length - 1, jsonl.reduce((n, d) => n + d.entities.length, 0));
  const spacy = (await grab('spacy')).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(spacy.length, 5);
  assert.ok((await grab('pairs-csv')).startsWith('a,b,name_a'));
  assert.match(await grab('txt'), /Putin/);
  // displaCy's manual format: code-point offsets into the cleaned text.
  const displacy = JSON.parse(await grab('displacy'));
  assert.equal(displacy.length, 5);
  displacy.forEach((d, i) => {
    assert.equal(d.text, jsonl[i].cleaned);
    assert.deepEqual(d.ents.map((e) => [...d.text].slice(e.start, e.end).join('')), jsonl[i].entities.map((e) => e.text));
  });
  // The .zip of cleaned texts, read back (and CRC-checked) by Python's zipfile.
  const zipPath = await download('zip');
  const files = JSON.parse(execFileSync('python3', ['-c',
    'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n' +
    'print(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))', zipPath], { encoding: 'utf8' }));
  assert.deepEqual(Object.keys(files), seeds.map((s) => s.name));
  assert.deepEqual(Object.values(files), jsonl.map((d) => d.cleaned));
  await context.close();
});

test('the single file works from file:// with no request at all', async () => {
  const { context, page, log } = await openPage(env.browser, pathToFileURL(join(ROOT, 'dist', 'article-analyzer.html')).href);
  await dropFiles(page, seeds);
  await waitAnalysed(page, 5);
  assert.equal(await page.locator('#docs .doc.done').count(), 5);
  await selectDoc(page, '003_');
  assert.ok(!(await page.locator('#cleaned-text').innerText()).includes('Connect with us'));
  const external = log.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(external, []);
  assert.deepEqual(log.errors, []);
  await page.screenshot({ path: join(OUT, 'single-file.png'), fullPage: true });
  await context.close();
});

test('after one visit the served page works offline (service worker)', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true));
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await dropFiles(page, seeds.slice(0, 1));
  await waitAnalysed(page, 1);
  assert.equal(await page.locator('#docs .doc.done').count(), 1);
  await context.close();
});

test('usable at 360 px wide: no sideways scrolling in any view', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  await dropFiles(page, seeds);
  await waitAnalysed(page, 5);
  await selectDoc(page, '001_');
  for (const view of ['cleaned', 'entities', 'duplicates']) {
    await page.click(`#tab-${view}`);
    if (view === 'cleaned') await page.check('#show-removed');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${view}: the page is ${width} px wide`);
    await page.screenshot({ path: join(OUT, `mobile-${view}.png`), fullPage: true });
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('duplicates view: an exact and a truncated copy of a seed are clustered with it, the rest only related', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url);
  const text = seeds[2].bytes.toString('utf8');
  const half = text.slice(0, Math.floor(text.length * 0.55));
  await dropFiles(page, [...seeds,
    { name: 'copy-of-002.txt', bytes: seeds[2].bytes },
    { name: 'truncated-002.txt', bytes: Buffer.from(half.slice(0, half.lastIndexOf('\n'))) }]);
  await waitAnalysed(page, 7);
  await selectDoc(page, '002_');
  await page.click('#tab-duplicates');
  const cluster = page.locator('#clusters .cluster');
  assert.equal(await cluster.count(), 1, 'one duplicate cluster');
  const members = await cluster.innerText();
  for (const n of ['002_', 'copy-of-002.txt', 'truncated-002.txt']) assert.ok(members.includes(n), `${n} in the cluster`);
  assert.ok(!/00[0134]_/.test(members), 'the other seeds are not duplicates');
  assert.match(members, /100% similar/);
  assert.match(members, /containment (9\d|100)%/);
  assert.ok(await page.locator('#related li').count() >= 1, 'related stories still listed');
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.screenshot({ path: join(OUT, 'duplicates-copies.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});
