// The page's layout rules (DESIGN.md, "The page"), checked on the sources: no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const www = join(ROOT, 'www');
const html = readFileSync(join(www, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script src="([^"]+)" defer><\/script>/g)].map((m) => m[1]);
const source = (s) => readFileSync(join(www, s), 'utf8');

test('index.html loads every page script, and each is small and says what it owns', () => {
  const onDisk = (dir) => readdirSync(join(www, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? onDisk(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
  assert.deepEqual([...scripts].sort(), onDisk('page').sort(), 'index.html and www/page/ list the same scripts');
  assert.equal(scripts.at(-1), 'page/main.js', 'main.js is loaded last');
  for (const s of scripts) {
    assert.ok(existsSync(join(www, s)), s);
    const text = source(s);
    assert.ok(text.split('\n').length <= 300, `${s} is over 300 lines`);
    assert.match(text, /^\/\/ Owns: /, `${s} starts by saying what it owns`);
    assert.doesNotMatch(text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, `${s} sets markup`);
  }
});

test('only the bridge talks to the worker; views never reach the analysis', () => {
  for (const s of scripts) {
    const text = source(s);
    if (s !== 'page/analysis/bridge.js') assert.doesNotMatch(text, /new Worker\(|\bworker\.(postMessage|terminate|onmessage|onerror)\b/, `${s} talks to a worker`);
    if (s.startsWith('page/views/')) assert.doesNotMatch(text, /AA\.(bridge|queue)\b/, `${s} calls the analysis`);
  }
  assert.doesNotMatch(source('worker.js'), /\.remove\(/, 'the worker uses no Analyzer.remove');
});
