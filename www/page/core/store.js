// Owns: the page's state (one object, below) and its persistence in IndexedDB, so the
// documents and the user's choices survive a reload. No DOM, no worker.
//
// Who writes what: the analysis (analysis/queue.js) writes the documents, the corpus
// results and the user's analysis choices (`disabled`, `threshold`); main.js writes `rules`
// and what a saved workspace brings back; the views and the document list write only view
// choices (`tab`, `hiddenLabels`, `showRemoved`, `selected`). Everything else reads.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});

  const state = {
    // One entry per document in list order: { key, name, size, status ('queued' |
    // 'analysing' | 'done' | 'error' | 'cancelled'), error, source ({ text } or { file }),
    // text (the decoded original, once analysed), view (the worker's view of it), widx (its
    // index in the worker's corpus, -1 before), restored: Set of edit ids, row (its list
    // item, owned by ui/doclist.js) }.
    docs: [],
    byWidx: [], // the worker's document index → doc
    selected: -1,
    tab: 'cleaned',
    rules: [], // [name, kind], as the worker reports them
    disabled: new Set(), // rules switched off
    hiddenLabels: new Set(),
    corpus: null, // the corpus step's results: clusters, pairs, related, passages, entities
    clusters: null, // cluster of each widx at the current threshold
    diffs: null, // each cluster's source and copies' diffs at the threshold (null: stale)
    threshold: 0.3,
    showRemoved: false,
    cancel: false,
    busy: false,
    nextKey: 1,
  };

  /** A new queued document for `item` ({ name, size, text } or { name, size, file }). */
  function newDoc(item) {
    return { key: state.nextKey++, name: item.name, size: item.size, status: 'queued', error: '', source: item, text: '', view: null, widx: -1, restored: new Set(), row: null };
  }

  /** The analysed document at the worker's index `i`, if it is still there. */
  function docByWidx(i) {
    const d = state.byWidx[i];
    return d && d.widx === i && d.status === 'done' ? d : undefined;
  }

  /** The duplicate cluster of `d` at the current threshold, or null. */
  function clusterOf(d) {
    if (!state.clusters || d.widx < 0 || d.status !== 'done') return null;
    return state.clusters[d.widx];
  }

  // ---- IndexedDB: one record ('current') holds the saved workspace ----------------------
  const DB = 'article-analyzer';
  function db() {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('workspace');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  async function write(op) {
    try {
      const h = await db();
      await new Promise((resolve) => {
        const tx = h.transaction('workspace', 'readwrite');
        op(tx.objectStore('workspace'));
        tx.oncomplete = tx.onerror = tx.onabort = resolve;
      });
      h.close();
    } catch { /* private mode or quota: the session still works, only unsaved */ }
  }

  // Saves run one after another; `saving` is the latest (saved() hands it to the tests).
  let saving = Promise.resolve();

  /** Saves the rule switches and every document with text (analysed or pasted), as they are
   *  now: the snapshot is taken at once, the write queued behind earlier ones. */
  function persist() {
    const saved = {
      disabled: [...state.disabled],
      docs: state.docs.filter((d) => d.status === 'done' || d.source.text !== undefined || d.source.html !== undefined)
        .map((d) => ({ name: d.name, size: d.size, text: d.text || d.source.text, html: d.source.html, restored: [...d.restored] })),
    };
    saving = saving.then(() => write((s) => s.put(saved, 'current')));
    return saving;
  }

  /** Deletes the saved workspace (Clear all); resolves when it is gone. */
  function forget() {
    saving = saving.then(() => write((s) => s.delete('current')));
    return saving;
  }

  /** The saved workspace { disabled, docs: [{ name, size, text, restored }] }, or null. */
  async function load() {
    try {
      const h = await db();
      const saved = await new Promise((resolve) => {
        const req = h.transaction('workspace').objectStore('workspace').get('current');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(null);
      });
      h.close();
      return saved || null;
    } catch {
      return null; // nothing saved
    }
  }

  AA.store = { state, newDoc, docByWidx, clusterOf, persist, forget, load, saved: () => saving };
})();
