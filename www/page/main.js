// Owns: the wiring. Connects the parts (each owns its concern; see the first comment of
// each file), brings back the saved workspace, starts the worker, and opens the test door.
// Loaded last.
(() => {
  'use strict';
  const { store, bridge, queue, views, doclist, progress, input, exports, offline } = self.AA;
  const { state } = store;

  bridge.onRules((rules) => { state.rules = rules; });
  queue.init({
    added: doclist.append,
    status: doclist.showStatus,
    progress: progress.show,
    step: progress.step,
    say: progress.say,
    finished: (n) => { document.body.dataset.analysed = String(n); },
    changed: (d) => { if (state.docs[state.selected] === d) views.render(); },
    render: views.render,
    clusters: doclist.showClusters,
    cleared: doclist.clear,
  });

  // The saved workspace comes back before anything the user adds, so nothing is doubled.
  let restoring = Promise.resolve();
  const add = (items) => { restoring = restoring.then(() => queue.add(items)); };
  async function restore() {
    try {
      const saved = await store.load();
      if (!saved || !saved.docs || !saved.docs.length) return;
      state.disabled = new Set(saved.disabled || []);
      queue.add(saved.docs.map((s) => (s.html !== undefined ? { name: s.name, size: s.size, html: s.html } : { name: s.name, size: s.size, text: s.text })));
      state.docs.forEach((d, i) => { if (saved.docs[i]) d.restored = new Set(saved.docs[i].restored); });
    } catch { /* nothing saved */ }
  }

  // The test door: the one way the browser tests (tests/e2e) reach inside the page; the page
  // itself never uses it. `state` is the store's state, to be read only (the tests wait on
  // `busy` and the documents' `status`, and read `clusters`, `widx` and a document's kept
  // text); `fault(kind)` makes the worker fault ('panic' | 'oom') on the next document added;
  // `saved()` resolves when the latest save to IndexedDB is done. Nothing else goes here.
  window.__articleAnalyzer = Object.freeze({ state, fault: bridge.fault, saved: store.saved });

  offline.bind();
  input.bind(add);
  doclist.bind();
  views.bind({ setRule: queue.setRule, toggleRestore: queue.toggleRestore, setThreshold: queue.setThreshold, loadDiffs: queue.loadDiffs });
  exports.bind({ diffExport: queue.diffExport });
  document.getElementById('clear-all').addEventListener('click', queue.clear);
  document.getElementById('cancel').addEventListener('click', queue.cancel);

  restoring = restore();
  bridge.start().then(views.render).catch((err) => { progress.say('Could not start the analyser: ' + err.message); });
  views.render();
})();
