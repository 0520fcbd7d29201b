// Owns: the document list (#docs): one row per document with its name, size, status and
// duplicate badge; which document is selected (click, or j / k and Alt+↓ / Alt+↑); the
// count in the heading. Reads the store's state; writes only `state.selected`.
//
// The list is windowed: only the rows near the visible part of the list are in the DOM
// (at most WINDOW of them), and two empty items stand for the rest, so a drop of 5,000 documents
// costs the page the layout of a few hundred rows, not of 5,000 (which took about 3 s of
// the main thread's time during such a drop). Rows have one fixed height for this: a long
// name is cut with an ellipsis and shown whole in its tooltip. A list of WINDOW documents
// or fewer is in the DOM whole.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, el } = AA.dom;
  const { state } = AA.store;

  const WINDOW = 200; // rows in the DOM at most
  const MARGIN = 40; // rows kept beyond the visible ones before the window moves
  let first = 0; // state.docs index of the first row in the DOM
  let last = 0; // one past the last
  let rowHeight = 0; // px, measured on the first row drawn
  let sizes = new Map(); // duplicate cluster → number of documents, for the badges
  let pending = 0; // a requestAnimationFrame for a redraw, or 0

  function formatSize(n) {
    if (n < 1024) return n + ' B';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }

  function statusText(d) {
    return d.status === 'error' ? 'error: ' + d.error : d.status;
  }

  /** The "dup ×n · #c" badge of a document in a duplicate cluster. */
  function showBadge(d) {
    const c = AA.store.clusterOf(d);
    const b = d.row._badge;
    const n = c === null ? 0 : sizes.get(c) || 0;
    b.hidden = n <= 1;
    if (n > 1) {
      b.textContent = `dup ×${n} · #${c + 1}`;
      b.title = `duplicate cluster ${c + 1} (${n} documents)`;
    }
  }

  // The row's parts are kept on the document while it is drawn (`d.row`, with `_status`
  // and `_badge`), so a status change touches one row, never the whole list.
  function makeRow(d, i) {
    const status = el('span', { class: 'doc-status', text: statusText(d), title: d.status === 'error' ? statusText(d) : undefined });
    const badge = el('span', { class: 'badge', hidden: true });
    const selected = i === state.selected;
    const button = el('button', { type: 'button', class: 'doc-button', 'aria-current': selected ? 'true' : undefined, onclick: () => select(state.docs.indexOf(d)) },
      el('span', { class: 'doc-name', text: d.name, title: d.name }),
      el('span', { class: 'doc-size', text: formatSize(d.size) }),
      status, badge);
    d.row = el('li', { class: 'doc ' + d.status + (selected ? ' selected' : ''), 'aria-posinset': i + 1, 'aria-setsize': state.docs.length }, button);
    d.row._status = status;
    d.row._badge = badge;
    showBadge(d);
    return d.row;
  }

  /** The rows of the documents from `from` to `to` (one past), between two empty items as
   *  tall as the rows they stand for. Keeps focus on a row that stays. */
  function draw(from, to) {
    const list = $('docs');
    const focused = list.contains(document.activeElement) ? state.docs.findIndex((d) => d.row && d.row.contains(document.activeElement)) : -1;
    for (let i = first; i < last; i++) if (state.docs[i]) state.docs[i].row = null;
    first = from;
    last = to;
    const rows = [];
    for (let i = from; i < to; i++) rows.push(makeRow(state.docs[i], i));
    const before = el('li', { class: 'doc-spacer', 'aria-hidden': 'true' });
    const after = el('li', { class: 'doc-spacer', 'aria-hidden': 'true' });
    list.replaceChildren(before, ...rows, after);
    if (!rowHeight && rows.length) rowHeight = rows[0].getBoundingClientRect().height;
    before.style.height = `${from * rowHeight}px`;
    after.style.height = `${(state.docs.length - to) * rowHeight}px`;
    if (focused >= from && focused < to) state.docs[focused].row.querySelector('button').focus({ preventScroll: true });
  }

  /** The rows visible in the list's box. */
  function visible() {
    const list = $('docs');
    if (!rowHeight) return [0, Math.min(state.docs.length, 1)];
    const top = Math.floor(list.scrollTop / rowHeight);
    return [top, Math.min(state.docs.length, top + Math.ceil(list.clientHeight / rowHeight) + 1)];
  }

  /** Redraws when the visible rows come within MARGIN of the window's edges, or when
   *  `force`; the window is centred on them. */
  function update(force) {
    const n = state.docs.length;
    if (n <= WINDOW) {
      if (force || last !== n || first !== 0) draw(0, n);
      return;
    }
    const [top, bottom] = visible();
    const inside = top - first >= Math.min(MARGIN, top) && last - bottom >= Math.min(MARGIN, n - bottom);
    if (!force && inside) return;
    const from = Math.max(0, Math.min(n - WINDOW, Math.floor((top + bottom - WINDOW) / 2)));
    draw(from, from + WINDOW);
  }

  function schedule() {
    if (!pending) pending = requestAnimationFrame(() => { pending = 0; update(true); });
  }

  function updateCount() {
    $('doc-count').textContent = state.docs.length ? `(${state.docs.length})` : '';
  }

  /** New documents at the end of the list; the first one is selected if none was. */
  function append() {
    updateCount();
    if (state.selected < 0 && state.docs.length) select(0);
    schedule();
  }

  /** Shows `d.status` (and its error) on its row, if it is drawn. */
  function showStatus(d) {
    if (!d.row) return;
    d.row.className = 'doc ' + d.status + (state.docs[state.selected] === d ? ' selected' : '');
    d.row._status.textContent = statusText(d);
    d.row._status.title = d.status === 'error' ? statusText(d) : '';
  }

  /** The badges of the documents in a duplicate cluster, after the clusters changed. */
  function showClusters() {
    sizes = new Map();
    for (const d of state.docs) {
      const c = AA.store.clusterOf(d);
      if (c !== null) sizes.set(c, (sizes.get(c) || 0) + 1);
    }
    for (let i = first; i < last; i++) if (state.docs[i] && state.docs[i].row) showBadge(state.docs[i]);
  }

  function select(i) {
    if (i < 0 || i >= state.docs.length) return;
    const old = state.docs[state.selected];
    if (old && old.row) {
      old.row.classList.remove('selected');
      old.row.querySelector('button').removeAttribute('aria-current');
    }
    state.selected = i;
    const list = $('docs');
    // Keyboard selection scrolls the list to the row (drawing it first if needed).
    if (rowHeight) {
      const [top, bottom] = visible();
      if (i < top) list.scrollTop = i * rowHeight;
      else if (i >= bottom - 1) list.scrollTop = Math.max(0, (i + 1) * rowHeight - list.clientHeight);
    }
    update(i < first || i >= last);
    const d = state.docs[i];
    if (d.row) {
      d.row.classList.add('selected');
      d.row.querySelector('button').setAttribute('aria-current', 'true');
    }
    AA.views.render();
  }

  /** The list emptied (Clear all). */
  function clear() {
    first = last = 0;
    sizes = new Map();
    draw(0, 0);
    updateCount();
  }

  /** Keyboard: j / k (or Alt+↓ / Alt+↑) for the next / previous document; the window
   *  follows the list's scrolling. */
  function bind() {
    window.addEventListener('keydown', (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      const next = (e.altKey && e.key === 'ArrowDown') || (!typing && e.key === 'j');
      const prev = (e.altKey && e.key === 'ArrowUp') || (!typing && e.key === 'k');
      if (next || prev) { e.preventDefault(); select(state.selected + (next ? 1 : -1)); }
    });
    $('docs').addEventListener('scroll', () => update(false), { passive: true });
  }

  AA.doclist = { bind, append, showStatus, showClusters, select, clear };
})();
