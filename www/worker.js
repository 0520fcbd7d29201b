// The analysis worker: owns the wasm instance, so the page never blocks on analysis.
// Classic worker script (no ES modules): served, it imports the wasm-bindgen glue with
// importScripts; in the offline single file the glue is prepended and this line removed.
/* global wasm_bindgen */
importScripts('pkg/article_analyzer.js'); // @single-file-strip

let analyzer = null;
// Test hook: the next document added faults ('panic' or 'oom') inside the wasm.
let nextFault = null;

// Requests are answered in order; each reply carries the request id.
// A trap (panic, out of memory) poisons the instance: the worker reports it as fatal and
// the page starts a fresh worker.
// After a trap every later request is refused as "skipped" (the page sends it again to the
// fresh worker) rather than run on a broken instance.
let poisoned = false;
self.onmessage = async (event) => {
  const { id, type, args } = event.data;
  if (poisoned) {
    self.postMessage({ id, ok: false, fatal: true, skipped: true, error: 'the analyser is restarting' });
    return;
  }
  try {
    const result = await handle(type, args || {});
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    const fatal = err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
    if (fatal) poisoned = true;
    self.postMessage({ id, ok: false, fatal, error: fatal ? describeTrap(err) : String((err && err.message) || err) });
  }
};

async function handle(type, a) {
  switch (type) {
    case 'init':
      await wasm_bindgen({ module_or_path: a.wasm });
      analyzer = new wasm_bindgen.Analyzer();
      return { rules: wasm_bindgen.rules() };
    case 'addBytes':
      fault();
      return indexed(analyzer.addBytes(a.name, new Uint8Array(a.bytes), a.disabled));
    case 'addText':
      fault();
      return indexed(analyzer.addText(a.name, a.text, a.disabled));
    case 'addHtml':
      fault();
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
    case 'fault':
      nextFault = a.kind;
      return null;
    default:
      throw new Error('unknown request ' + type);
  }
}

function fault() {
  const kind = nextFault;
  nextFault = null;
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
