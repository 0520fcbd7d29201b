// Owns: the analysis of the workspace. Documents added are queued and sent to the workers a
// few at a time (through analysis/bridge.js, never directly); when the queue empties the
// corpus step runs (clusters, related stories, passages, merged entities). It also runs
// what the user's choices ask for (rule switches, restored edits, the duplicate threshold,
// Clear all) and recovers from a worker crash. It writes the analysis results into the
// store's state; it draws nothing itself but tells the page through the `ui` hooks that
// main.js gives to init().
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { state } = AA.store;
  const bridge = AA.bridge;

  /** Largest file the page analyses; larger ones are refused with a message. */
  const MAX_FILE_BYTES = 32 * 1024 * 1024;

  // Several documents per worker of the pool are in flight at once so no worker waits for
  // the page (which may be busy drawing a long document list) between two documents: each
  // needs two turns of the page's thread (the pool's reply, then the corpus worker's).
  const WINDOW_DOCS = 16 * bridge.size();
  const WINDOW_BYTES = 8 * 1048576 * bridge.size();

  // The page's side, given by main.js: { added(docs), status(d), progress(on),
  // step(done, total, name), say(text), finished(analysedCount), changed(d) (redraw if d is
  // the selected document), render(), clusters() (they changed), cleared() }.
  let ui = null;

  // While the queue runs, rows are told their status at most every 200 ms, in a batch: each
  // change costs the page a frame, and with thousands of rows a frame costs Chrome several
  // ms (content-visibility's intersection checks), which took the page's thread half of a
  // 5,000-file drop and the CPU from the workers. The state itself changes at once.
  const DRAW_MS = 200;
  const toDraw = new Set();
  let drawTimer = 0;
  function draw() {
    clearTimeout(drawTimer);
    drawTimer = 0;
    for (const d of toDraw) ui.status(d);
    toDraw.clear();
  }
  function setStatus(d, status) {
    d.status = status;
    toDraw.add(d);
    if (!state.busy) draw();
    else if (!drawTimer) drawTimer = setTimeout(draw, DRAW_MS);
  }

  /** Adds documents ({ name, size, text } or { name, size, file }) and analyses them. */
  function add(items) {
    const docs = items.map(AA.store.newDoc);
    state.docs.push(...docs);
    ui.added(docs);
    AA.store.persist();
    run();
  }

  /** Sends one document to be analysed (a pool worker, then the corpus worker). Never
   *  rejects: resolves { d, view } or { d, err }. */
  async function analyse(d) {
    try {
      await bridge.ready();
      if (d.source.html !== undefined) {
        return { d, view: await bridge.addHtml(d.name, d.source.html, [...state.disabled]) };
      }
      if (d.source.text !== undefined) {
        return { d, view: await bridge.addText(d.name, d.source.text, [...state.disabled]) };
      }
      if (d.size > MAX_FILE_BYTES) {
        throw new Error(`${d.name} is ${(d.size / 1048576).toFixed(0)} MB; the page analyses files up to ${MAX_FILE_BYTES / 1048576} MB (use the article-analyzer CLI for larger files)`);
      }
      // The worker reads the file itself: reading 5,000 files took a second of the page's thread.
      return { d, view: await bridge.addFile(d.name, d.source.file, [...state.disabled]) };
    } catch (err) {
      return { d, err };
    }
  }

  async function run() {
    if (state.busy) return;
    state.busy = true;
    state.cancel = false;
    const todo = () => state.docs.filter((d) => d.status === 'queued');
    let total = todo().length;
    let done = 0;
    ui.progress(true);
    const started = performance.now();
    // Documents are only appended while this runs, so a cursor finds the next queued one
    // (it goes back to the start when a crash puts documents back in the queue).
    let cursor = 0;
    const next = () => {
      while (cursor < state.docs.length && state.docs[cursor].status !== 'queued') cursor++;
      return state.docs[cursor];
    };
    const inflight = [];
    let inflightBytes = 0;
    for (;;) {
      for (let d = next(); d && !state.cancel && (!inflight.length || (inflight.length < WINDOW_DOCS && inflightBytes < WINDOW_BYTES)); d = next()) {
        setStatus(d, 'analysing');
        const size = Math.min(d.size || 0, MAX_FILE_BYTES);
        inflightBytes += size;
        inflight.push(analyse(d).then((r) => { inflightBytes -= size; return r; }));
      }
      if (!inflight.length) break;
      const { d, view, err } = await inflight.shift();
      ui.step(done, Math.max(total, done + inflight.length + 1), d.name);
      if (err && err.skipped) {
        // Sent to a worker that crashed on an earlier document: analysed again by the new one.
        setStatus(d, 'queued');
        cursor = 0;
        continue;
      }
      if (err && err.fatal) {
        d.error = `analysis failed: ${err.message}; the analyser was restarted and the other documents kept`;
        setStatus(d, 'error');
        // A pool worker was replaced by the bridge already; the corpus worker's crash needs
        // its documents given again (which also ends every request in flight, as skipped).
        if (!err.recovered) await recover();
      } else if (err) {
        d.error = err.message;
        setStatus(d, 'error');
      } else {
        d.widx = view.index;
        state.byWidx[d.widx] = d;
        d.view = view;
        d.text = view.original;
        // A pasted page keeps its HTML (a crash recovery or a reload reads its structure again).
        d.source = d.source.html !== undefined ? { html: d.source.html } : { text: view.original };
        setStatus(d, 'done');
        // Restorations saved from an earlier session apply as soon as the document is back.
        if (d.restored.size) await reclean(d);
      }
      done++;
      if (done > total) total = done;
      ui.changed(d);
    }
    if (state.cancel) {
      for (const d of todo()) { d.status = 'cancelled'; d.error = 'cancelled'; setStatus(d, 'cancelled'); }
    }
    draw();
    await finish();
    state.busy = false;
    ui.progress(false);
    const secs = ((performance.now() - started) / 1000).toFixed(2);
    ui.say(`${done} of ${total} analysed in ${secs} s` + (state.cancel ? ' (cancelled)' : ''));
    ui.finished(state.docs.filter((d) => d.status === 'done').length);
    AA.store.persist();
    if (todo().length) run();
  }

  /** The corpus step over every analysed document; documents whose view it changed (e.g.
   *  lines found to be chrome across documents) are fetched again. */
  async function finish() {
    if (!state.docs.some((d) => d.status === 'done')) { state.corpus = null; ui.render(); return; }
    try {
      const r = await bridge.finish(state.threshold);
      state.corpus = r.corpus;
      state.clusters = r.corpus.clusters;
      state.diffs = null;
      for (const i of r.changed) {
        const d = AA.store.docByWidx(i);
        if (d) d.view = await bridge.document(i);
      }
    } catch (err) {
      ui.say('Corpus analysis failed: ' + err.message);
      if (err.fatal) await recover();
    }
    ui.clusters();
    ui.render();
  }

  /** After a crash: a fresh worker, and every analysed document given to it again. */
  async function recover() {
    const done = state.docs.filter((d) => d.status === 'done');
    state.byWidx = [];
    done.forEach((d, n) => { d.widx = n; state.byWidx[n] = d; });
    const views = await bridge.restart(done.map((d) => ({ name: d.name, text: d.text, html: d.source.html, restored: [...d.restored] })), [...state.disabled]);
    views.forEach((v, n) => { if (v) done[n].view = v; });
  }

  /** Re-cleans one document with the current rule switches and its restorations. */
  async function reclean(d) {
    try {
      d.view = await bridge.reclean(d.widx, [...state.disabled], [...d.restored]);
    } catch (err) {
      d.error = err.message; setStatus(d, 'error');
      if (err.fatal) await recover();
    }
  }

  /** Switches a cleaning rule on or off for every document: each is re-cleaned on the pool,
   *  a window of them at once. A corpus worker's crash stops it (recovery re-adds them all
   *  with the new switches). */
  async function setRule(name, on) {
    if (on) state.disabled.delete(name); else state.disabled.add(name);
    const done = state.docs.filter((d) => d.status === 'done');
    let next = 0;
    let broken = false;
    const lane = async () => {
      while (next < done.length && !broken) {
        const d = done[next++];
        try {
          // An HTML page is re-cleaned where its structure's verdicts are: the corpus worker.
          d.view = d.view.metadata !== undefined
            ? await bridge.reclean(d.widx, [...state.disabled], [...d.restored])
            : await bridge.recleanInPool(d.widx, d.text, [...state.disabled], [...d.restored]);
        } catch (err) {
          if (err.skipped) continue; // the corpus worker restarted: recovery re-cleaned it
          d.error = err.message; setStatus(d, 'error');
          if (err.fatal && !err.recovered) { broken = true; await recover(); }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WINDOW_DOCS, done.length) }, lane));
    AA.store.persist();
    await finish();
  }

  /** Restores an edit of `d` (or undoes the restoration). */
  async function toggleRestore(d, id) {
    if (d.restored.has(id)) d.restored.delete(id); else d.restored.add(id);
    await reclean(d);
    AA.store.persist();
    ui.render();
    finish();
  }

  /** Re-clusters at a new duplicate threshold (no re-hashing: the pairs are kept). */
  async function setThreshold(threshold) {
    state.threshold = threshold;
    if (!state.corpus) return;
    state.clusters = await bridge.recluster(state.threshold);
    state.diffs = null;
    ui.clusters();
    ui.render();
  }

  /** Each cluster's copies against its source at the current threshold, into
   *  `state.diffs` (asked for by the Diff view when it is shown and they are stale). */
  let loadingDiffs = null;
  function loadDiffs() {
    if (!state.corpus || state.diffs || loadingDiffs) return loadingDiffs;
    const threshold = state.threshold;
    loadingDiffs = bridge.clusterDiffs(threshold)
      .then((diffs) => { if (state.threshold === threshold && state.corpus) state.diffs = diffs; })
      .catch((err) => { ui.say('Comparing the copies failed: ' + err.message); })
      .finally(() => { loadingDiffs = null; ui.render(); });
    return loadingDiffs;
  }

  /** Every copy's diff against its source (rows of the JSONL export). */
  const diffExport = () => (state.corpus ? bridge.diffExport(state.threshold) : Promise.resolve([]));

  /** Stops the queue: documents not yet sent are marked cancelled. */
  function cancel() { state.cancel = true; }

  /** Clear all: stops the queue, forgets every document (and the saved workspace) and
   *  starts a fresh worker with an empty corpus. */
  async function clear() {
    state.cancel = true;
    while (state.busy) await new Promise((r) => setTimeout(r, 50));
    state.docs = [];
    state.byWidx = [];
    state.selected = -1;
    state.corpus = null;
    state.clusters = null;
    state.diffs = null;
    ui.cleared();
    await AA.store.forget();
    await bridge.start();
    ui.say('Cleared.');
    ui.render();
  }

  AA.queue = {
    init: (hooks) => { ui = hooks; },
    add, cancel, clear, setRule, toggleRestore, setThreshold, loadDiffs, diffExport,
  };
})();
