// Benchmark of the wasm build under Node (V8, the engine of Chromium): cleaning throughput on
// the cleaning dev pages and entity tagging on eng.testa, each against a baseline measured in
// the same run (a JS pass over the same text: split into lines and words).
// Usage: node scripts/bench-wasm.mjs   (after ./scripts/serve.sh or scripts/test.sh built www/pkg)
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const pkg = join(root, 'www', 'pkg');
const shared = join(root, '..', 'shared', 'data');

// The no-modules glue defines a global `wasm_bindgen` (it is a classic script).
globalThis.self ??= globalThis;
const wb = new Function(readFileSync(join(pkg, 'article_analyzer.js'), 'utf8') + '\nreturn wasm_bindgen;')();
await wb({ module_or_path: readFileSync(join(pkg, 'article_analyzer_bg.wasm')) });

// Seconds per call of `fn` over `reps` calls after one warm-up call, whose own time is kept
// in `warmUp` (the first call of all pays the module's lazy compilation and the tables built
// on first use).
let warmUp = 0;
function time(fn, reps) {
  const w0 = process.hrtime.bigint();
  fn(); // warm-up
  warmUp = Number(process.hrtime.bigint() - w0) / 1e9;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e9 / reps;
}
const baseline = (texts) => () => { let n = 0; for (const t of texts) for (const l of t.split('\n')) n += l.split(/\s+/).length; return n; };

const pages = readdirSync(join(shared, 'cleaning-dev', 'pages')).sort()
  .map((f) => readFileSync(join(shared, 'cleaning-dev', 'pages', f), 'utf8'));
const mb = pages.reduce((n, p) => n + Buffer.byteLength(p), 0) / 1e6;
const tClean = time(() => { for (const p of pages) wb.cleanText(p); }, 3);
const tFirst = warmUp;
const tBase = time(baseline(pages), 3);
console.log(`clean (wasm): ${pages.length} pages, ${mb.toFixed(2)} MB: ${(mb / tClean).toFixed(1)} MB/s; ` +
  `baseline JS line+word split ${(mb / tBase).toFixed(1)} MB/s; ratio ${(tClean / tBase).toFixed(1)}x the baseline's time`);
// The figure above times passes 2-4, while V8 is still compiling the hot functions with its
// optimising tier in the background (DESIGN.md, cleaning speed, twelfth round): what a
// visitor's first megabytes get. Once compiled, the steady figure: the median of 12 passes.
const passes = [];
for (let i = 0; i < 12; i++) {
  const t0 = process.hrtime.bigint();
  for (const p of pages) wb.cleanText(p);
  passes.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
passes.sort((a, b) => a - b);
const tSteady = (passes[5] + passes[6]) / 2;
console.log(`clean (wasm), steady: ${(mb / tSteady).toFixed(1)} MB/s (median of 12 passes after the above; ` +
  `${(tSteady / tBase).toFixed(1)}x the baseline's time)`);
// What a visitor's first megabyte gets: the warm-up pass, the first call of all.
console.log(`clean (wasm), first pass: ${(mb / tFirst).toFixed(1)} MB/s (the warm-up above, with the module's ` +
  `lazy compilation and the tables built on first use)`);

// eng.testa rebuilt as the scorer does: tokens joined by spaces, sentences by newlines.
const docs = [];
let cur = [];
let sent = [];
for (const line of readFileSync(join(shared, 'ner', 'eng.testa'), 'utf8').split('\n')) {
  if (/^-DOCSTART\b/.test(line)) { if (sent.length) cur.push(sent.join(' ')); if (cur.length) docs.push(cur.join('\n')); cur = []; sent = []; continue; }
  if (!line.trim()) { if (sent.length) cur.push(sent.join(' ')); sent = []; continue; }
  sent.push(line.split(' ')[0]);
}
if (sent.length) cur.push(sent.join(' '));
if (cur.length) docs.push(cur.join('\n'));
const tokens = docs.reduce((n, d) => n + d.split(/\s+/).filter(Boolean).length, 0);
const nmb = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1e6;
const tNer = time(() => { for (const d of docs) wb.recognize(d); }, 3);
const tNerBase = time(baseline(docs), 3);
console.log(`entities (wasm): ${docs.length} docs, ${tokens} tokens: ${Math.round(tokens / tNer)} tokens/s, ${(nmb / tNer).toFixed(2)} MB/s; ` +
  `baseline ${(nmb / tNerBase).toFixed(1)} MB/s; ratio ${(tNer / tNerBase).toFixed(1)}x`);
