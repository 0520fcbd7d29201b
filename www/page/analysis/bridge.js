// Owns: the analysis worker. The only page script that knows a worker exists: it starts it
// (worker.js served, or a blob in the offline single file), sends requests and matches the
// replies, notices a crash and restarts it with the analysed documents given again. Callers
// see one method per analysis, each a promise; a pool of workers would change this file only.
//
// A rejected request's error carries `fatal` (the worker trapped: panic or out of memory,
// and must be restarted) and `skipped` (the request never ran: it was sent to a worker
// that had already trapped, so it can simply be sent again).
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { embed } = AA.dom;

  let worker = null;
  let pending = new Map(); // request id → { resolve, reject }
  let nextId = 1;
  let ready = null; // the current worker's 'init' reply
  let onRules = () => {};

  function wasmSource() {
    if (embed) return Uint8Array.from(atob(embed.wasm), (c) => c.charCodeAt(0));
    return new URL('pkg/article_analyzer_bg.wasm', location.href).href;
  }

  const failure = (message, fatal, skipped) => Object.assign(new Error(message), { fatal, skipped });

  /** Starts a fresh worker (ending the old one: its pending requests fail as skipped).
   *  Resolves when its wasm is ready and `onRules` has had the rules it reports. */
  function start() {
    if (worker) worker.terminate();
    for (const p of pending.values()) p.reject(failure('worker restarted', true, true));
    pending = new Map();
    if (embed) {
      const url = URL.createObjectURL(new Blob([embed.worker], { type: 'text/javascript' }));
      worker = new Worker(url);
    } else {
      worker = new Worker('worker.js');
    }
    worker.onmessage = (e) => {
      const { id, ok, result, error, fatal } = e.data;
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      if (ok) p.resolve(result);
      else p.reject(failure(error, fatal, e.data.skipped));
    };
    // An uncaught failure (e.g. out of memory) kills every pending request.
    worker.onerror = (e) => {
      e.preventDefault();
      // The oldest request is the one that was running; the others are sent again.
      let first = true;
      for (const p of pending.values()) {
        p.reject(failure(e.message || 'worker failed', true, !first));
        first = false;
      }
      pending = new Map();
    };
    ready = call('init', { wasm: wasmSource() }).then((r) => { onRules(r.rules); });
    return ready;
  }

  // Requests go to the current worker, whichever that is when the request is made.
  function call(type, args, transfer) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, type, args }, transfer || []);
    });
  }

  /** After a crash: a fresh worker, given every analysed document again, in order (so
   *  document k of `docs` gets the worker's index k). `docs`: [{ name, text, restored }]
   *  (restored: edit ids). Resolves with each document's view after its restorations, or
   *  null where it has none (its view is unchanged). */
  async function restart(docs, disabled) {
    await start();
    const views = [];
    for (const d of docs) {
      await (d.html !== undefined ? call('addHtml', { name: d.name, html: d.html, disabled }) : call('addText', { name: d.name, text: d.text, disabled }));
      views.push(d.restored.length ? await call('reclean', { index: views.length, disabled, restored: d.restored }) : null);
    }
    return views;
  }

  AA.bridge = {
    /** `fn(rules)` gets the cleaning rules ([name, kind]) whenever a worker has started. */
    onRules: (fn) => { onRules = fn; },
    start,
    restart,
    /** The current worker's start-up (rejects if its wasm failed to load). */
    ready: () => ready,
    // The worker's requests (worker.js); each resolves with what the wasm Analyzer returns.
    addText: (name, text, disabled) => call('addText', { name, text, disabled }),
    addHtml: (name, html, disabled) => call('addHtml', { name, html, disabled }),
    addBytes: (name, bytes, disabled) => call('addBytes', { name, bytes, disabled }, [bytes]),
    reclean: (index, disabled, restored) => call('reclean', { index, disabled, restored }),
    document: (index) => call('document', { index }),
    finish: (threshold) => call('finish', { threshold }),
    recluster: (threshold) => call('recluster', { threshold }),
    clusterDiffs: (threshold) => call('clusterDiffs', { threshold }),
    diffExport: (threshold) => call('diffExport', { threshold }),
    /** Test hook (the test door only): the next document added faults ('panic' | 'oom'). */
    fault: (kind) => ready.then(() => call('fault', { kind })),
  };
})();
