// Owns: the "What changed" tab: each duplicate cluster around its source (its most complete
// copy) and, per copy, a one-line summary ("cut after paragraph 6 · 3 sentences edited") and
// the copy's text with the changes marked inline: sentences cut from the source, added,
// edited (the words replaced shown struck through next to the new ones) and moved. Every
// mark carries its kind as visible text, not colour alone; each copy is a <details>, so the
// list is keyboard-reachable. The diffs come from the core through the queue (`actions`),
// asked for when this tab is shown and the clusters changed.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, el } = AA.dom;
  const { state, docByWidx } = AA.store;

  const LABEL = { delete: 'cut', insert: 'added', replace: 'edited', move: 'moved here' };
  const nameOf = (i) => { const x = docByWidx(i); return x ? x.name : '#' + (i + 1); };
  const textOf = (i) => { const x = docByWidx(i); return x && x.view ? x.view.original : ''; };

  /** A mark with its kind as text: <mark class="diff diff-KIND"><span class="diff-label">cut</span> …</mark>. */
  function mark(kind, ...content) {
    return el('mark', { class: 'diff diff-' + kind }, el('span', { class: 'diff-label', text: LABEL[kind] }), ' ', ...content);
  }

  /** An edited sentence: the copy's words, with the source's replaced or removed words
   *  struck through before the new ones. Offsets are UTF-16 (JavaScript string indices). */
  function edited(a, b, op) {
    const out = [];
    let at = op.b[0];
    for (const w of op.words || []) {
      out.push(b.slice(at, w.b[0]));
      if (w.a[1] > w.a[0]) out.push(el('del', { text: a.slice(w.a[0], w.a[1]) }), w.b[1] > w.b[0] ? '' : ' ');
      if (w.b[1] > w.b[0]) out.push(el('ins', { text: b.slice(w.b[0], w.b[1]) }));
      at = Math.max(at, w.b[1]);
    }
    out.push(b.slice(at, op.b[1]));
    return mark('replace', ...out);
  }

  /** The copy's text with every change marked where it happens. */
  function copyText(a, b, ops) {
    const box = el('div', { class: 'text small diff-text', tabindex: '0', 'aria-label': 'The copy with its changes marked' });
    let at = 0;
    for (const op of ops) {
      const start = op.b[0];
      if (start > at) box.append(b.slice(at, start));
      if (op.op === 'delete') box.append(mark('delete', el('del', { text: a.slice(op.a[0], op.a[1]) })), ' ');
      else if (op.op === 'insert') box.append(mark('insert', el('ins', { text: b.slice(op.b[0], op.b[1]) })));
      else if (op.op === 'move') box.append(mark('move', b.slice(op.b[0], op.b[1])));
      else if (op.op === 'replace') box.append(edited(a, b, op));
      at = Math.max(at, op.b[1]);
    }
    if (at < b.length) box.append(b.slice(at));
    return box;
  }

  function render(d) {
    const box = $('diff-clusters');
    box.replaceChildren();
    if (!state.corpus) { box.append(el('p', { class: 'muted', text: 'Results appear when the analysis finishes.' })); return; }
    if (!state.diffs) {
      box.append(el('p', { class: 'muted', text: 'Comparing each copy with its source…' }));
      if (actions) actions.loadDiffs();
      return;
    }
    if (!state.diffs.length) { box.append(el('p', { text: 'No duplicates at this threshold.' })); return; }
    const mine = d && d.widx >= 0 ? d.widx : -1;
    const clusters = [...state.diffs].sort((x, y) =>
      (y.source === mine || y.copies.some((c) => c.doc === mine)) - (x.source === mine || x.copies.some((c) => c.doc === mine)));
    for (const c of clusters) {
      const a = textOf(c.source);
      const section = el('section', { class: 'cluster diff-cluster' },
        el('h4', {}, 'Source: ', el('strong', { text: nameOf(c.source) }), ` (the most complete of ${c.copies.length + 1} copies)`));
      for (const copy of c.copies) {
        const b = textOf(copy.doc);
        const sim = copy.similarity == null ? '' : ` (${Math.round(copy.similarity * 100)}% similar)`;
        const details = el('details', { class: 'diff-copy' + (copy.doc === mine ? ' current' : '') },
          el('summary', {}, el('strong', { text: nameOf(copy.doc) }), ' — ', el('span', { class: 'diff-summary', text: copy.diff.summary }), sim));
        details.addEventListener('toggle', () => {
          if (details.open && details.children.length === 1) details.append(copyText(a, b, copy.diff.ops));
        });
        section.append(details);
      }
      box.append(section);
    }
  }

  let actions = null;
  function bind(a) { actions = a; }

  AA.views.register({ tab: 'diff', render, bind });
})();
