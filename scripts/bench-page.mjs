// In-page dedup benchmark: the served page in Debian's Chromium, dedup of 1k / 10k / 100k
// synthetic articles in a Web Worker (as the page runs analysis), timed against a baseline
// measured in the same run (hashing every 3-word shingle in JS), with the worker's wasm
// memory and the page's longest main-thread task (the page must not freeze).
// Usage: node scripts/bench-page.mjs [1000 10000 100000]   (after ./scripts/serve.sh built www/pkg)
//
// Pool mode: node scripts/bench-page.mjs pool [FILES=5000] [WORKERS=1,2,4] [RUNS=3]
// drops FILES small files on the page (the files of tests/e2e/limits.test.mjs, made in the
// page) with a pool of each size (?workers=N) and times the drop until every document is
// analysed and the corpus step ran; RUNS runs per size, the median shown.
import { seeds, startServer, launch, openPage, waitAnalysed } from '../tests/e2e/harness.mjs';

if (process.argv[2] === 'pool') {
  await benchPool(Number(process.argv[3]) || 5000, (process.argv[4] || '1,2,4').split(',').map(Number), Number(process.argv[5]) || 3);
  process.exit(0);
}

async function benchPool(n, sizes, runs) {
  const base = seeds.map((s) => s.bytes.toString('utf8').split('\n').filter((l) => l.length > 80)).flat();
  const server = await startServer();
  const browser = await launch();
  const { readFileSync } = await import('node:fs');
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  try {
    console.log(`| pool size | ${n} files dropped → analysed (median of ${runs}) | runs | vs 1 worker | load avg at start |`);
    console.log('|---|---|---|---|---|');
    let one = null;
    for (const workers of sizes) {
      const times = [];
      const loads = [];
      for (let r = 0; r < runs; r++) {
        const { context, page } = await openPage(browser, `${server.url}?workers=${workers}`);
        await page.waitForFunction(() => window.AA && window.AA.bridge && window.AA.bridge.ready());
        await page.evaluate(() => window.AA.bridge.ready());
        const dt = await page.evaluateHandle(({ base, n }) => {
          const dt = new DataTransfer();
          for (let i = 0; i < n; i++) {
            const k = i % 10 === 9 ? i - 1 : i;
            const text = [0, 1, 2].map((j) => base[(k * 7 + j * 13) % base.length]).join('\n\n') + `\n\nStory number ${k}.`;
            dt.items.add(new File([text], `story-${String(i).padStart(4, '0')}.txt`, { type: 'text/plain' }));
          }
          return dt;
        }, { base, n });
        loads.push(load());
        const t0 = Date.now();
        await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
        await waitAnalysed(page, n, 900000);
        times.push((Date.now() - t0) / 1000);
        const done = await page.evaluate(() => window.__articleAnalyzer.state.docs.filter((d) => d.status === 'done').length);
        if (done !== n) throw new Error(`${done} of ${n} analysed`);
        await context.close();
      }
      const med = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
      if (one === null) one = med;
      console.log(`| ${workers} | ${med.toFixed(2)} s | ${times.map((t) => t.toFixed(2)).join(', ')} | ${(one / med).toFixed(2)}x | ${loads.join(', ')} |`);
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const words = seeds.flatMap((f) => f.bytes.toString('utf8').split(/\s+/).filter(Boolean));

// Runs inside the worker: makes the corpus, then times dedup and the baseline.
const WORKER = `
importScripts(self.BASE + 'pkg/article_analyzer.js');
onmessage = async ({ data: { n, words } }) => {
  const wasm = await wasm_bindgen({ module_or_path: self.BASE + 'pkg/article_analyzer_bg.wasm' });
  let x = 2463534242; // xorshift32, fixed seed: the same corpus every run
  const rnd = (m) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % m; };
  const texts = [];
  const source = []; // for each copy, the index of its original (-1 for originals)
  for (let i = 0; i < n; i++) {
    if (i > 10 && rnd(5) === 0) {
      let o = i - 1 - rnd(Math.min(i - 1, 50));
      while (source[o] !== -1) o--; // copy an original (the first 11 are)
      const orig = texts[o].split(' ');
      const kind = rnd(3);
      let t = kind === 0 ? orig : kind === 1 ? orig.slice(0, Math.floor(orig.length * 0.6)) : orig.map((w) => (rnd(20) === 0 ? words[rnd(words.length)] : w));
      texts.push(t.join(' '));
      source.push(o);
    } else {
      const len = 300 + rnd(300);
      const t = [];
      for (let k = 0; k < len; k++) t.push(words[rnd(words.length)]);
      texts.push(t.join(' '));
      source.push(-1);
    }
  }
  const mb = texts.reduce((s, t) => s + t.length, 0) / 1e6;
  let t0 = performance.now();
  const cluster = wasm_bindgen.dedupTexts(texts, 0.3);
  const secs = (performance.now() - t0) / 1000;
  t0 = performance.now();
  let h = 0;
  for (const t of texts) {
    const w = t.split(' ');
    for (let k = 0; k + 2 < w.length; k++) {
      const s = w[k] + ' ' + w[k + 1] + ' ' + w[k + 2];
      let g = 2166136261;
      for (let c = 0; c < s.length; c++) g = Math.imul(g ^ s.charCodeAt(c), 16777619);
      h ^= g;
    }
  }
  const baseSecs = (performance.now() - t0) / 1000;
  let copies = 0, found = 0;
  source.forEach((o, i) => { if (o >= 0) { copies++; if (cluster[i] === cluster[o]) found++; } });
  postMessage({ n, mb, secs, baseSecs, memMB: wasm.memory.buffer.byteLength / 1048576, recall: found / copies, h });
};`;

const server = await startServer();
const browser = await launch();
try {
  const { page } = await openPage(browser, server.url);
  await page.waitForFunction(() => window.__articleAnalyzer);
  console.log('| articles | text | dedup in the page\'s worker | MB/s | JS shingle-hash baseline | ratio | wasm memory | copies found | longest main-thread task |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const n of sizes.length ? sizes : [1000, 10000, 100000]) {
    const r = await page.evaluate(async ({ code, n, words }) => {
      let longest = 0;
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) longest = Math.max(longest, e.duration); });
      obs.observe({ type: 'longtask' });
      const url = URL.createObjectURL(new Blob([`self.BASE = ${JSON.stringify(location.href.replace(/[^/]*$/, ''))};\n` + code], { type: 'text/javascript' }));
      const w = new Worker(url);
      const res = await new Promise((ok, fail) => { w.onmessage = (e) => ok(e.data); w.onerror = (e) => fail(new Error(e.message)); w.postMessage({ n, words }); });
      w.terminate();
      await new Promise((ok) => setTimeout(ok, 100));
      obs.disconnect();
      return { ...res, longest };
    }, { code: WORKER, n, words });
    console.log(`| ${r.n} | ${r.mb.toFixed(1)} MB | ${r.secs.toFixed(2)} s | ${(r.mb / r.secs).toFixed(1)} | ${r.baseSecs.toFixed(2)} s | ${(r.secs / r.baseSecs).toFixed(1)}x | ${r.memMB.toFixed(0)} MB | ${(r.recall * 100).toFixed(1)}% | ${r.longest.toFixed(0)} ms |`);
  }
} finally {
  await browser.close();
  server.stop();
}
