// Owns: the document list (#docs): one row per document with its name, size, status and
// duplicate badge; which document is selected (click, or j / k and Alt+↓ / Alt+↑); the
// count in the heading. Reads the store's state; writes only `state.selected`.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, el } = AA.dom;
  const { state } = AA.store;

  function formatSize(n) {
    if (n < 1024) return n + ' B';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }

  // The row's parts are kept on the document (`d.row`, with `_status` and `_badge`) so a
  // status change touches one row, never the whole list (5,000 documents in one drop).
  function makeRow(d) {
    const status = el('span', { class: 'doc-status', text: 'queued' });
    const badge = el('span', { class: 'badge', hidden: true });
    const button = el('button', { type: 'button', class: 'doc-button', onclick: () => select(state.docs.indexOf(d)) },
      el('span', { class: 'doc-name', text: d.name }),
      el('span', { class: 'doc-size', text: formatSize(d.size) }),
      status, badge);
    d.row = el('li', { class: 'doc queued' }, button);
    d.row._status = status;
    d.row._badge = badge;
    return d.row;
  }

  function updateCount() {
    $('doc-count').textContent = state.docs.length ? `(${state.docs.length})` : '';
  }

  /** New documents at the end of the list; the first one is selected if none was. */
  function append(docs) {
    for (const d of docs) $('docs').append(makeRow(d));
    updateCount();
    if (state.selected < 0 && state.docs.length) select(0);
  }

  /** Shows `d.status` (and its error) on its row. */
  function showStatus(d) {
    d.row.className = 'doc ' + d.status + (state.docs[state.selected] === d ? ' selected' : '');
    d.row._status.textContent = d.status === 'error' ? 'error: ' + d.error : d.status;
  }

  /** The "dup ×n · #c" badge of every document in a duplicate cluster. */
  function showClusters() {
    const sizes = new Map();
    for (const d of state.docs) {
      const c = AA.store.clusterOf(d);
      if (c !== null) sizes.set(c, (sizes.get(c) || 0) + 1);
    }
    for (const d of state.docs) {
      const c = AA.store.clusterOf(d);
      const b = d.row._badge;
      if (c !== null && sizes.get(c) > 1) {
        b.hidden = false;
        b.textContent = `dup ×${sizes.get(c)} · #${c + 1}`;
        b.title = `duplicate cluster ${c + 1} (${sizes.get(c)} documents)`;
      } else {
        b.hidden = true;
      }
    }
  }

  function select(i) {
    if (i < 0 || i >= state.docs.length) return;
    const old = state.docs[state.selected];
    if (old) old.row.classList.remove('selected');
    state.selected = i;
    const d = state.docs[i];
    d.row.classList.add('selected');
    d.row.querySelector('button').setAttribute('aria-current', 'true');
    if (old && old !== d) old.row.querySelector('button').removeAttribute('aria-current');
    AA.views.render();
  }

  /** The list emptied (Clear all). */
  function clear() {
    $('docs').replaceChildren();
    updateCount();
  }

  /** Keyboard: j / k (or Alt+↓ / Alt+↑) for the next / previous document. */
  function bind() {
    window.addEventListener('keydown', (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      const next = (e.altKey && e.key === 'ArrowDown') || (!typing && e.key === 'j');
      const prev = (e.altKey && e.key === 'ArrowUp') || (!typing && e.key === 'k');
      if (next || prev) { e.preventDefault(); select(state.selected + (next ? 1 : -1)); }
    });
  }

  AA.doclist = { bind, append, showStatus, showClusters, select, clear };
})();
