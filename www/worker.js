// An analysis worker: owns one wasm instance, so the page never blocks on analysis. The page
// runs several (www/page/analysis/bridge.js): one holds the corpus (an Analyzer: the
// session), the others form a pool that runs the per-document stages (analyse) and hand
// each result to it (adopt). Same script for both roles: the requests decide.
// Classic worker script (no ES modules): served, it imports the wasm-bindgen glue with
// importScripts; in the offline single file the glue is prepended and this line removed.
/* global wasm_bindgen */
importScripts('pkg/article_analyzer.js'); // @single-file-strip

let analyzer = null;

// The smallest module with a SIMD instruction (i8x16.splat, i8x16.popcnt): an engine that
// rejects it cannot run the analyser's module either.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

// Requests are handled one after another, in the order they came (so a request sent right
// after 'init' waits for the wasm); each reply carries the request id.
// A trap (panic, out of memory) poisons the instance: the worker reports it as fatal and
// the page starts a fresh worker.
// After a trap every later request is refused as "skipped" (the page sends it again to the
// fresh worker) rather than run on a broken instance.
let poisoned = false;
let turn = Promise.resolve();
// Requests received so far, 'init' included (the warm-up below gives way to the others).
let received = 0;
self.onmessage = (event) => {
  received += 1;
  turn = turn.then(() => answer(event.data));
};

// A short made-up article (chrome lines, a headline, names, a quote) analysed once, unseen,
// right after 'init': the first analysis of an instance builds the tables it reads (the
// lexicon, the chrome patterns, the models) and runs in the engine's baseline compiler, so
// a visitor's first paste paid it. Done while the visitor is still choosing what to paste,
// it is off their path: on this machine the first analysis of an 8 kB seed went from
// 336-376 ms to 76-117 ms in Node, and the first paste from click to result in the page
// from a median of 555 ms to 175 ms (DESIGN.md, the page, "Warm-up"). The corpus worker
// also runs the corpus stages on two copies of it in an Analyzer of its own, thrown away
// (its first corpus step: 61-76 ms -> 26-27 ms in Node). It changes no result: the
// per-document analysis is a pure function, and the corpus worker's own session is not
// touched.
const WARM_UP = 'Menu\nHome | World | Business\n\nLeaders Meet in Geneva to Discuss Trade\n\n' +
  'GENEVA (Reuters) - President Anna Kowalski met her counterpart, Prime Minister David Osei, on ' +
  'Tuesday in Geneva, officials said.\n\n"We agreed to keep talking," Kowalski told reporters ' +
  'after the meeting, which lasted two hours.\n\nThe talks, hosted by the World Trade Organization, ' +
  'follow months of tension over steel tariffs.\n\nShare this article\n';

function warmUp(corpus) {
  // Skipped once the worker has had a request besides 'init' (it ran first, in its turn, and
  // built the same tables): a worker started again after a crash, given its documents again
  // at once, does not warm up after them. A request that arrives during the warm-up waits
  // for it (it runs in one go, about 0.3 s).
  if (poisoned || received > 1) return;
  try {
    wasm_bindgen.analyseText('warm-up', WARM_UP, [], new BigUint64Array(0), new Uint32Array(0));
    if (corpus) {
      const session = new wasm_bindgen.Analyzer();
      try {
        session.addText('warm-up 1', WARM_UP, []);
        session.addText('warm-up 2', WARM_UP.replace('Tuesday', 'Monday'), []);
        session.finish(0.5);
      } finally {
        session.free();
      }
    }
  } catch (err) {
    // A trap poisons the instance as a request's would; the next request reports it and
    // the page starts a fresh worker.
    if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) poisoned = true;
  }
}

async function answer({ id, type, args }) {
  if (poisoned) {
    self.postMessage({ id, ok: false, fatal: true, skipped: true, error: 'the analyser is restarting' });
    return;
  }
  try {
    const result = await handle(type, args || {});
    // A handoff's bytes move to the page rather than being copied.
    const transfer = type === 'analyse' ? [result[1].buffer] : [];
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (err) {
    const fatal = err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
    if (fatal) poisoned = true;
    self.postMessage({ id, ok: false, fatal, error: fatal ? describeTrap(err) : String((err && err.message) || err) });
  }
}

async function handle(type, a) {
  switch (type) {
    case 'init':
      try {
        await wasm_bindgen({ module_or_path: a.wasm });
      } catch (err) {
        // The module is built with 128-bit SIMD (.cargo/config.toml): an engine older than
        // that cannot compile it. Say what is needed rather than show the engine's opcode error.
        if (err instanceof WebAssembly.CompileError && !WebAssembly.validate(SIMD_PROBE)) {
          throw new Error('this browser cannot run the analyser: it needs WebAssembly SIMD (Chrome or Edge 91+, Firefox 89+, Safari 16.4+); nothing was sent anywhere and your text is kept');
        }
        throw err;
      }
      analyzer = new wasm_bindgen.Analyzer();
      // After this reply, in a turn of its own (see `warmUp`).
      turn = turn.then(() => warmUp(a.corpus));
      return { rules: wasm_bindgen.rules() };
    case 'addBytes':
      return indexed(analyzer.addBytes(a.name, new Uint8Array(a.bytes), a.disabled));
    case 'addText':
      return indexed(analyzer.addText(a.name, a.text, a.disabled));
    // The pool's request: [view, handoff bytes] of one document (no corpus is touched).
    case 'analyse':
      fault(a.fault);
      if (a.file) return wasm_bindgen.analyseBytes(a.name, new Uint8Array(await a.file.arrayBuffer()), a.disabled, a.common);
      if (a.html !== undefined) return wasm_bindgen.analyseHtml(a.name, a.html, a.disabled, a.common);
      return wasm_bindgen.analyseText(a.name, a.text, a.disabled, a.common, Uint32Array.from(a.restored || []));
    // The corpus's: takes a handoff as its next document; [index, view or null].
    case 'adopt':
      fault(a.fault);
      return analyzer.adopt(a.handoff);
    // The corpus's: a document re-cleaned in the pool takes the place of document `index`.
    case 'replace':
      return analyzer.replace(a.index, a.handoff);
    case 'commonLines':
      return analyzer.commonLines();
    // After a corpus worker crash: a pasted page given again.
    case 'addHtml':
      return indexed(analyzer.addHtml(a.name, a.html, a.disabled));
    case 'reclean':
      return analyzer.reclean(a.index, a.disabled, Uint32Array.from(a.restored));
    case 'document':
      return analyzer.document(a.index);
    case 'finish':
      return analyzer.finish(a.threshold);
    case 'recluster':
      return Array.from(analyzer.recluster(a.threshold));
    case 'clusterDiffs':
      return analyzer.clusterDiffs(a.threshold);
    case 'diffExport':
      return analyzer.diffExport(a.threshold);
    default:
      throw new Error('unknown request ' + type);
  }
}

/** Test hook: the request carries the fault to simulate ('panic' | 'oom'), if any. */
function fault(kind) {
  if (kind === 'panic') wasm_bindgen.debugPanic();
  if (kind === 'oom') wasm_bindgen.debugOom();
}

/** What a trap was: a panic leaves its message behind; otherwise memory ran out (or the
 *  instance failed some other way, which the trap's own message names). */
function describeTrap(err) {
  let panic = '';
  try { panic = wasm_bindgen.lastPanic(); } catch { /* the instance is unusable */ }
  if (panic) return 'internal error: ' + panic;
  if (err instanceof RangeError || /unreachable|memory/i.test(err.message)) return 'out of memory (the text is too large for this tab)';
  return 'internal error: ' + err.message;
}

/** A new document's view with its index in the corpus. */
function indexed(view) {
  view.index = analyzer.length - 1;
  return view;
}
