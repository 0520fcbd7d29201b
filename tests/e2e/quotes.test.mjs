// End-to-end: the Quotes view and its exports on the seed fixtures, plus two small articles
// written for the test: one re-runs Ushakov's Osaka quote re-punctuated under the other
// spelling of his name (grouped with the seed's), one gives Peskov's words to someone else
// (flagged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, serverAndBrowser, seeds, openPage, dropFiles, waitAnalysed } from './harness.mjs';

const env = serverAndBrowser();
const enc = (s) => new TextEncoder().encode(s);
const extra = [
  { name: 'reprint.txt', bytes: enc('Kremlin hints at summit\n\n“The idea of a Putin-Trump meeting in Osaka, within the framework of the G20, is hanging in the air,” Kremlin aide Yury Ushakov told reporters in Moscow.\n\nNo date has been set.\n') },
  { name: 'misattributed.txt', bytes: enc('Talks begin\n\n“This is just the beginning. It is unrealistic to expect everything to be resolved in a day or a week,” Foreign Minister Sergei Lavrov said on Tuesday.\n') },
];

test('Quotes view: speakers with their quotes and articles, jump to the text, exports', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url, { viewport: { width: 1400, height: 1000 } });
  await dropFiles(page, [...seeds, ...extra]);
  await waitAnalysed(page, seeds.length + extra.length);
  await page.click('#tab-quotes');
  await page.screenshot({ path: join(OUT, 'quotes-view.png') });

  // Ushakov: one speaker whichever spelling, the Osaka quote in the seed and in the reprint.
  const ushakov = page.locator('section.speaker').filter({ has: page.locator('h4', { hasText: /Yu(ri|ry) Ushakov/ }) });
  assert.equal(await ushakov.count(), 1, 'one Ushakov section');
  const osaka = ushakov.locator('.quote-item', { hasText: 'is hanging in the air' });
  assert.equal(await osaka.count(), 1, 'the Osaka quote is listed once');
  const docs = await osaka.locator('.quote-jump').allInnerTexts();
  assert.ok(docs.some((n) => n.startsWith('000_')) && docs.includes('reprint.txt'), `articles: ${docs}`);
  assert.match(await osaka.locator('.quote-meta').innerText(), /told/);

  // Peskov: both seed quotes; his words given to Lavrov elsewhere are flagged.
  const peskov = page.locator('section.speaker').filter({ has: page.locator('h4', { hasText: 'Peskov' }) });
  assert.equal(await peskov.locator('.quote-item', { hasText: 'Possibly. And possibly not' }).count(), 1);
  const beginning = page.locator('.quote-item', { hasText: 'This is just the beginning' });
  assert.equal(await beginning.count(), 1, 'one quote, two articles');
  assert.match(await beginning.locator('.quote-conflict').innerText(), /different speakers: .*(Peskov.*Lavrov|Lavrov.*Peskov)/);

  // Scare quotes are not quotes.
  for (const t of await page.locator('.quote-text').allInnerTexts()) {
    assert.doesNotMatch(t, /^\W*(Respectful|substantive)\W*$/i, `scare quote listed: ${t}`);
  }

  // The jump selects the reprint and shows the quote, marked, in view.
  await osaka.locator('.quote-jump', { hasText: 'reprint.txt' }).click();
  const selected = await page.evaluate(() => { const s = window.__articleAnalyzer.state; return s.docs[s.selected].name; });
  assert.equal(selected, 'reprint.txt');
  const mark = page.locator('#quotes-text mark.quote.flash');
  assert.match(await mark.innerText(), /^“The idea of a Putin-Trump meeting/);
  const [box, m] = [await page.locator('#quotes-text').boundingBox(), await mark.boundingBox()];
  assert.ok(m.y >= box.y && m.y + m.height <= box.y + box.height, 'the quote is scrolled into view');
  assert.match(await page.locator('#quotes-text mark.quote-speaker').first().innerText(), /Yury Ushakov/);
  // Jumping to a seed's copy scrolls its long text to the quote.
  await osaka.locator('.quote-jump', { hasText: '000_' }).click();
  assert.match(await page.locator('#quotes-text mark.quote.flash').innerText(), /hanging in the air/);

  // Exports: code point offsets into the cleaned text, speaker as written and canonical, cue,
  // every document of the quote.
  await page.click('.exports summary');
  const grab = async (kind) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export=${kind}]`)]);
    return readFileSync(await dl.path(), 'utf8');
  };
  const cleaned = new Map((await grab('jsonl')).trim().split('\n').map((l) => JSON.parse(l)).map((d) => [d.name, d.cleaned]));
  const rows = (await grab('quotes-jsonl')).trim().split('\n').map((l) => JSON.parse(l));
  for (const r of rows) {
    const chars = [...cleaned.get(r.document)];
    assert.equal(chars.slice(r.start, r.end).join(''), r.text, 'quote offsets in code points');
    if (r.speaker) assert.equal(chars.slice(r.speaker.start, r.speaker.end).join(''), r.speaker.text, 'speaker offsets');
    if (r.cue) assert.equal(chars.slice(r.cue.start, r.cue.end).join(''), r.cue.text, 'cue offsets');
    assert.ok(r.documents.includes(r.document));
  }
  const row = rows.find((r) => r.document.startsWith('000_') && r.text.includes('hanging in the air'));
  assert.ok(row, 'the Osaka quote is exported');
  assert.match(row.speaker.text, /Yuri Ushakov/);
  assert.match(row.canonical_speaker, /^Yu(ri|ry) Ushakov$/);
  assert.equal(row.cue.text, 'told');
  assert.deepEqual([...row.documents].sort(), [row.document, 'reprint.txt'].sort());
  assert.ok(rows.some((r) => r.conflict && r.text.includes('This is just the beginning')), 'the misattribution is flagged');

  const csv = (await grab('quotes-csv')).trim().split('\n');
  assert.equal(csv[0], 'document,start,end,text,direct,speaker,speaker_start,speaker_end,speaker_name,canonical_speaker,cue,cue_start,cue_end,documents,group,conflict');
  const line = csv.find((l) => l.startsWith('000_') && l.includes('hanging in the air'));
  assert.ok(line && line.includes(',told,') && line.includes('reprint.txt'), line);

  assert.deepEqual(log.errors, []);
  await context.close();
});

test('Quotes view at 360 px: no sideways scrolling', async () => {
  const { context, page, log } = await openPage(env.browser, env.server.url, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  await dropFiles(page, seeds);
  await waitAnalysed(page, seeds.length);
  await page.click('#tab-quotes');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  assert.deepEqual(log.errors, []);
  await context.close();
});
