// Owns: the analysis workers. The only page script that knows workers exist: it starts them
// (worker.js served, or a blob in the offline single file), sends requests and matches the
// replies, notices a crash and restarts the worker with its documents given again. Callers
// see one method per analysis, each a promise.
//
// Two roles. The corpus worker holds the session (every document, the corpus stages: shared
// lines, dedup, related stories, passages, alias merging, cross-document quotes, diffs). A
// pool of workers runs the per-document stages (decode, clean, entities) of new documents
// in parallel; each result (its view and a handoff) is adopted by the corpus worker in the
// order the documents were added, so indices and results are the same whatever the pool's
// size. Pool size: min(cores, 4) — per-document work is most of a drop (4.1 of 5.1 s for
// 5,000 small files), the corpus stages stay serial, and each worker is a wasm instance of
// its own (memory grows to the largest document's needs: up to a few hundred MB for a
// 32 MB file), so more than four buys little and costs memory. Test hook: the URL
// parameter ?workers=N sets it (1..16); AA.bridge.size() tells it.
//
// A rejected request's error carries `fatal` (a worker trapped: panic or out of memory),
// `recovered` (it was a pool worker: already replaced, nothing else to do) and `skipped`
// (the request never ran: it was sent to a worker that had already trapped, so it can
// simply be sent again).
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { embed } = AA.dom;

  const MAX_POOL = 4;
  const size = (() => {
    const asked = Number(new URLSearchParams(location.search).get('workers'));
    if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, 16);
    return Math.max(1, Math.min(navigator.hardwareConcurrency || 1, MAX_POOL));
  })();

  let nextId = 1;
  let onRules = () => {};
  const failure = (message, fatal, skipped) => Object.assign(new Error(message), { fatal, skipped });

  // Compiled once and given to every worker (a WebAssembly.Module crosses to workers).
  let compiled = null;
  function wasmModule() {
    if (!compiled) {
      const bytes = embed
        ? Promise.resolve(Uint8Array.from(atob(embed.wasm), (c) => c.charCodeAt(0)))
        : fetch(new URL('pkg/article_analyzer_bg.wasm', location.href)).then((r) => {
          if (!r.ok) throw new Error(`the analyser failed to load (${r.status})`);
          return r.arrayBuffer();
        });
      compiled = bytes.then((b) => WebAssembly.compile(b));
      compiled.catch(() => { compiled = null; }); // tried again by the next worker started
    }
    return compiled;
  }
  let blobUrl = null;

  /** A started worker and its requests waiting for a reply (oldest first); `corpus` for the
   *  corpus worker (its warm-up runs the corpus stages too: see worker.js). */
  function channel(corpus = false) {
    let worker;
    if (embed) {
      blobUrl = blobUrl || URL.createObjectURL(new Blob([embed.worker], { type: 'text/javascript' }));
      worker = new Worker(blobUrl);
    } else {
      worker = new Worker('worker.js');
    }
    const ch = { pending: new Map() };
    worker.onmessage = (e) => {
      const { id, ok, result, error, fatal } = e.data;
      const p = ch.pending.get(id);
      if (!p) return;
      ch.pending.delete(id);
      if (ok) p.resolve(result);
      else p.reject(failure(error, fatal, e.data.skipped));
    };
    // An uncaught failure (e.g. out of memory) kills every pending request: the oldest is
    // the one that was running; the others are sent again.
    worker.onerror = (e) => {
      e.preventDefault();
      let first = true;
      for (const p of ch.pending.values()) {
        p.reject(failure(e.message || 'worker failed', true, !first));
        first = false;
      }
      ch.pending.clear();
    };
    ch.call = (type, args, transfer) => {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        ch.pending.set(id, { resolve, reject });
        worker.postMessage({ id, type, args }, transfer || []);
      });
    };
    /** Ends the worker: its pending requests fail as skipped. */
    ch.end = () => {
      worker.terminate();
      for (const p of ch.pending.values()) p.reject(failure('worker restarted', true, true));
      ch.pending.clear();
    };
    // The worker handles its requests in order, so later ones wait for this one.
    ch.ready = wasmModule().then((wasm) => ch.call('init', { wasm, corpus }));
    ch.ready.catch(() => {}); // a replaced pool worker's start-up is not awaited: its requests fail instead
    return ch;
  }

  let corpus = null;
  let ready = null; // the corpus worker's start-up, then its rules given to `onRules`
  let generation = 0; // counts corpus workers: a handoff is adopted only by the one it was meant for
  let common = new BigUint64Array(0); // the corpus's shared lines, which the pool cleans with
  let adoptTail = Promise.resolve(); // settles once the last document added had its turn
  let fault = null; // test hook: { kind, where } for the next document added
  const pool = [];

  /** Starts a fresh corpus worker with an empty corpus (ending the old one: its pending
   *  requests fail as skipped), and the pool if it is not running. Resolves when the corpus
   *  worker's wasm is ready and `onRules` has had the rules it reports. */
  function start() {
    if (corpus) corpus.end();
    generation++;
    common = new BigUint64Array(0);
    corpus = channel(true);
    while (pool.length < size) pool.push(channel());
    ready = Promise.all([corpus.ready, ...pool.map((w) => w.ready)]).then(([r]) => { onRules(r.rules); });
    return ready;
  }

  /** Runs a per-document request on the least busy pool worker (the first of equals). A
   *  worker that traps is replaced; its other documents are sent again; the document it
   *  was analysing fails with `fatal` and `recovered`. */
  function pooled(type, args) {
    let slot = 0;
    for (let i = 1; i < pool.length; i++) if (pool[i].pending.size < pool[slot].pending.size) slot = i;
    const w = pool[slot];
    return w.call(type, args).catch((err) => {
      if (err.skipped) return pooled(type, { ...args, fault: null });
      if (err.fatal) {
        if (pool[slot] === w) { pool[slot] = channel(); w.end(); }
        err.recovered = true;
      }
      throw err;
    });
  }

  /** A new document: analysed in the pool, then adopted by the corpus worker in the order
   *  documents were added. Resolves with its view, `index` set to its place in the corpus. */
  function add(args) {
    const f = fault;
    fault = null;
    const gen = generation;
    const analysed = pooled('analyse', { ...args, common, fault: f && f.where !== 'corpus' ? f.kind : null });
    analysed.catch(() => {}); // its failure is reported through `adopted`, once its turn comes
    const turn = adoptTail.then(() => analysed);
    // Registered before the next document's wait below, so this adopt is posted first.
    const adopted = turn.then(([view, handoff]) => {
      if (gen !== generation) throw failure('worker restarted', true, true);
      const cf = f && f.where === 'corpus' ? f.kind : null;
      return corpus.call('adopt', { handoff, fault: cf }, [handoff.buffer]).then(([index, fresh]) => {
        const v = fresh || view;
        v.index = index;
        return v;
      });
    });
    adoptTail = turn.then(() => {}, () => {});
    return adopted;
  }

  /** Re-cleans document `index` (its decoded `text`) with new switches and restorations on
   *  the pool; the corpus worker takes the result in its place. Resolves with its view. */
  function recleanInPool(index, text, disabled, restored) {
    const gen = generation;
    return pooled('analyse', { name: '', text, disabled, restored, common }).then(([, handoff]) => {
      if (gen !== generation) throw failure('worker restarted', true, true);
      return corpus.call('replace', { index, handoff }, [handoff.buffer]);
    });
  }

  /** After a corpus worker crash: a fresh one, given every analysed document again, in
   *  order (so document k of `docs` gets index k). `docs`: [{ name, text, restored }]
   *  (restored: edit ids). Resolves with each document's view after its restorations, or
   *  null where it has none (its view is unchanged). */
  async function restart(docs, disabled) {
    await start();
    const views = [];
    for (const d of docs) {
      await (d.html !== undefined
        ? corpus.call('addHtml', { name: d.name, html: d.html, disabled })
        : corpus.call('addText', { name: d.name, text: d.text, disabled }));
      views.push(d.restored.length ? await corpus.call('reclean', { index: views.length, disabled, restored: d.restored }) : null);
    }
    return views;
  }

  /** The corpus stages; afterwards the pool cleans new documents with the shared lines found. */
  async function finish(threshold) {
    const r = await corpus.call('finish', { threshold });
    common = await corpus.call('commonLines', {});
    return r;
  }

  AA.bridge = {
    /** `fn(rules)` gets the cleaning rules ([name, kind]) whenever a corpus worker has started. */
    onRules: (fn) => { onRules = fn; },
    start,
    restart,
    /** Number of workers in the pool. */
    size: () => size,
    /** The start-up of the corpus worker and the pool (rejects if the wasm failed to load). */
    ready: () => ready,
    addText: (name, text, disabled) => add({ name, text, disabled }),
    /** A pasted page's HTML (the clipboard's text/html): its article, found from its structure. */
    addHtml: (name, html, disabled) => add({ name, html, disabled }),
    /** A dropped file (a File: the pool worker reads it, so the page's thread does not,
     *  and a crashed worker's documents can be sent again). */
    addFile: (name, file, disabled) => add({ name, file, disabled }),
    reclean: (index, disabled, restored) => corpus.call('reclean', { index, disabled, restored }),
    recleanInPool,
    document: (index) => corpus.call('document', { index }),
    finish,
    recluster: (threshold) => corpus.call('recluster', { threshold }),
    clusterDiffs: (threshold) => corpus.call('clusterDiffs', { threshold }),
    diffExport: (threshold) => corpus.call('diffExport', { threshold }),
    /** Test hook (the test door only): the next document added faults ('panic' | 'oom'),
     *  in its pool worker, or in the corpus worker when `where` is 'corpus'. */
    fault: (kind, where) => ready.then(() => { fault = { kind, where }; }),
  };
})();
