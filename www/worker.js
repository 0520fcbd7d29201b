// The analysis worker: owns the wasm instance, so the page never blocks on analysis.
// Classic worker script (no ES modules): served, it imports the wasm-bindgen glue with
// importScripts; in the offline single file the glue is prepended and this line removed.
/* global wasm_bindgen */
importScripts('pkg/article_analyzer.js'); // @single-file-strip

let analyzer = null;

// Requests are answered in order; each reply carries the request id.
// A trap (panic, out of memory) poisons the instance: the worker reports it as fatal and
// the page starts a fresh worker.
self.onmessage = async (event) => {
  const { id, type, args } = event.data;
  try {
    const result = await handle(type, args || {});
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    const fatal = err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
    self.postMessage({ id, ok: false, fatal, error: String((err && err.message) || err) });
  }
};

async function handle(type, a) {
  switch (type) {
    case 'init':
      await wasm_bindgen({ module_or_path: a.wasm });
      analyzer = new wasm_bindgen.Analyzer();
      return { rules: wasm_bindgen.rules() };
    case 'addBytes':
      return analyzer.addBytes(a.name, new Uint8Array(a.bytes), a.disabled);
    case 'addText':
      return analyzer.addText(a.name, a.text, a.disabled);
    case 'reclean':
      return analyzer.reclean(a.index, a.disabled, Uint32Array.from(a.restored));
    case 'document':
      return analyzer.document(a.index);
    case 'finish':
      return analyzer.finish(a.threshold);
    case 'recluster':
      return Array.from(analyzer.recluster(a.threshold));
    case 'panic':
      return wasm_bindgen.debugPanic();
    default:
      throw new Error('unknown request ' + type);
  }
}
