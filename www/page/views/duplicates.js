// Owns: the Duplicates tab: the duplicate clusters (the selected document's first) with
// each member's similarity to the cluster's first, related stories (the same event, not
// copies), repeated passages side by side, and the threshold slider (re-clustering is the
// worker's: it goes through `actions`).
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, el } = AA.dom;
  const { state, docByWidx } = AA.store;

  function renderClusters(d, box) {
    const pairSim = new Map();
    for (const p of state.corpus.pairs) pairSim.set(p.a + ',' + p.b, p);
    const members = new Map();
    state.clusters.forEach((c, i) => { if (!members.has(c)) members.set(c, []); members.get(c).push(i); });
    const multi = [...members.entries()].filter(([, m]) => m.length > 1);
    const mine = d && d.widx >= 0 ? state.clusters[d.widx] : -1;
    multi.sort((a, b) => (b[0] === mine) - (a[0] === mine) || b[1].length - a[1].length);
    if (!multi.length) box.append(el('p', { text: 'No duplicates at this threshold.' }));
    for (const [c, m] of multi) {
      const ul = el('ul', {});
      const ref = m[0];
      for (const i of m) {
        const x = docByWidx(i);
        const p = pairSim.get(Math.min(ref, i) + ',' + Math.max(ref, i));
        const sim = i === ref ? 'reference' : p ? `${Math.round(p.similarity * 100)}% similar (Jaccard ${Math.round(p.jaccard * 100)}%, containment ${Math.round(p.containment * 100)}%)` : 'linked through another copy';
        ul.append(el('li', { class: x === d ? 'current' : '' }, el('strong', { text: x ? x.name : '#' + i }), ' — ' + sim));
      }
      box.append(el('section', { class: 'cluster' + (c === mine ? ' mine' : '') }, el('h4', { text: `Cluster ${c + 1}: ${m.length} documents` }), ul));
    }
  }

  // Related stories: the same event reported differently (not copies).
  function renderRelated(d) {
    const rel = d && d.widx >= 0 ? state.corpus.related.filter(([a, b]) => a === d.widx || b === d.widx) : [];
    const rbox = $('related');
    rbox.replaceChildren();
    if (!rel.length) rbox.append(el('p', { class: 'muted', text: 'No related stories for this document.' }));
    const rul = el('ul', {});
    for (const [a, b, score] of rel.sort((x, y) => y[2] - x[2])) {
      const x = docByWidx(a === d.widx ? b : a);
      rul.append(el('li', {}, el('strong', { text: x ? x.name : '#' + (a === d.widx ? b : a) }), ` — related, score ${Math.round(score * 100)}%`));
    }
    if (rel.length) rbox.append(rul);
  }

  // Repeated passages touching this document, each shown side by side where it occurs.
  function renderPassages(d, pbox) {
    const passages = state.corpus.passages.filter((p) => !d || p.occurrences.some(([doc]) => doc === d.widx));
    if (!passages.length) pbox.append(el('p', { class: 'muted', text: 'No repeated passages in this document.' }));
    for (const p of passages.slice(0, 50)) {
      const kind = p.within && p.across ? 'repeated here and shared' : p.within ? 'repeated within the document' : 'shared across documents';
      const cols = el('div', { class: 'side-by-side' });
      for (const [doc, s, e] of p.occurrences.slice(0, 4)) {
        const x = docByWidx(doc);
        if (!x) continue;
        const t = x.text;
        cols.append(el('div', { class: 'occurrence' }, el('div', { class: 'occ-name', text: x.name }),
          el('div', { class: 'text small' }, '…' + t.slice(Math.max(0, s - 80), s), el('mark', { class: 'shared', text: t.slice(s, e) }), t.slice(e, e + 80) + '…')));
      }
      pbox.append(el('section', { class: 'passage' }, el('h4', { text: `${kind} (${p.occurrences.length}×)` }), el('p', { class: 'passage-text', text: p.text }), cols));
    }
  }

  function render(d) {
    const box = $('clusters');
    const pbox = $('passages');
    box.replaceChildren();
    pbox.replaceChildren();
    // No corpus results (yet, or any more): the clusters box says so; #related keeps what it
    // showed last.
    if (!state.corpus || !state.clusters) { box.append(el('p', { class: 'muted', text: 'Results appear when the analysis finishes.' })); return; }
    renderClusters(d, box);
    renderRelated(d);
    renderPassages(d, pbox);
  }

  function bind(actions) {
    $('threshold').addEventListener('input', (e) => {
      const threshold = Number(e.target.value);
      $('threshold-value').textContent = Math.round(threshold * 100) + '%';
      actions.setThreshold(threshold);
    });
  }

  AA.views.register({ tab: 'duplicates', render, bind });
})();
