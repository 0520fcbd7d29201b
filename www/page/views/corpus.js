// Owns: the table "Across all documents" in the Entities tab: which of the most frequent
// names appear in which documents, as a matrix of mention counts (numbers, not colour) when
// the corpus is small enough to show one, else a list of documents per name.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, el } = AA.dom;
  const { state } = AA.store;

  function render(d) {
    const table = $('corpus-entities');
    table.replaceChildren();
    // Drawn with the selected document's entities, once the corpus step has run.
    if (!d || !d.view || !state.corpus) return;
    const canon = state.corpus.entities;
    const done = state.docs.filter((x) => x.status === 'done');
    const top = canon.filter((x) => ['PER', 'ORG', 'LOC', 'MISC'].includes(x.label)).slice(0, 40);
    const matrix = done.length <= 24;
    table.append(el('caption', { text: matrix
      ? `Mentions of the ${top.length} most frequent names in each document (columns: documents in list order)`
      : `The ${top.length} most frequent names and the documents that mention them` }));
    const head = el('tr', {}, el('th', { scope: 'col', text: 'Entity' }), el('th', { scope: 'col', text: 'Type' }), el('th', { scope: 'col', text: 'Mentions' }));
    if (matrix) done.forEach((x, k) => head.append(el('th', { scope: 'col', class: 'doc-col', title: x.name, 'aria-label': x.name, text: String(k + 1) })));
    else head.append(el('th', { scope: 'col', text: 'Documents' }));
    table.append(el('thead', {}, head));
    const body = el('tbody');
    for (const c of top) {
      const row = el('tr', {}, el('th', { scope: 'row', text: c.name }), el('td', {}, el('span', { class: `ent-label ent-${c.label}`, text: c.label })), el('td', { text: String(c.count) }));
      if (matrix) {
        const per = new Map();
        for (const [doc] of c.mentions) per.set(doc, (per.get(doc) || 0) + 1);
        for (const x of done) {
          const n = per.get(x.widx) || 0;
          row.append(el('td', { class: n ? 'hit' : 'miss', title: `${c.name} in ${x.name}: ${n}`, text: n ? String(n) : '·' }));
        }
      } else {
        row.append(el('td', { text: c.documents.map((i) => { const x = AA.store.docByWidx(i); return x ? x.name : '#' + i; }).join(', ') }));
      }
      body.append(row);
    }
    table.append(body);
  }

  AA.views.register({ tab: 'entities', render });
})();
