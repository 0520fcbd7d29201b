// Owns: the Export buttons: gathers the analysed documents from the store's state, has
// exports/formats.js write the chosen format, and hands the result to the browser as a
// download (a blob URL: nothing leaves the machine).
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { el } = AA.dom;
  const { state, docByWidx, clusterOf } = AA.store;

  /** Canonical entity name of every mention, by document: built once per export. */
  function canonicalIndex() {
    const byDoc = new Map();
    for (const c of (state.corpus ? state.corpus.entities : [])) {
      for (const [doc, m] of c.mentions) {
        if (!byDoc.has(doc)) byDoc.set(doc, new Map());
        byDoc.get(doc).set(m, c.name);
      }
    }
    return byDoc;
  }

  function download(name, type, data) {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /** Exports `kind` (a button's data-export). */
  function exportAs(kind) {
    const X = AA.formats;
    const index = canonicalIndex();
    const docs = state.docs.filter((d) => d.status === 'done').map((d) => ({
      widx: d.widx, name: d.name, view: d.view, cluster: clusterOf(d),
      canonical: (i) => (index.get(d.widx) && index.get(d.widx).get(i)) || '',
    }));
    const d = state.docs[state.selected];
    if (!docs.length) { AA.progress.say('Nothing to export yet: add articles first.'); return; }
    switch (kind) {
      case 'txt':
        if (d && d.view) download(d.name.replace(/\.[^.]*$/, '') + '.cleaned.txt', 'text/plain', d.view.cleaned);
        break;
      case 'zip': download('cleaned-articles.zip', 'application/zip', X.cleanedZip(docs)); break;
      case 'jsonl': download('articles.jsonl', 'application/jsonl', X.everything(docs)); break;
      case 'entities-csv': download('entities.csv', 'text/csv', X.entitiesCsv(docs)); break;
      case 'spacy': download('entities.spacy.jsonl', 'application/jsonl', X.spacy(docs)); break;
      case 'displacy': download('entities.displacy.json', 'application/json', X.displacy(docs)); break;
      case 'pairs-csv': {
        const nameOf = (i) => { const x = docByWidx(i); return x ? x.name : ''; };
        download('pairs.csv', 'text/csv', X.pairsCsv(state.corpus ? state.corpus.pairs : [], nameOf, state.threshold));
        break;
      }
      case 'keep-one': download('deduplicated.jsonl', 'application/jsonl', X.keepOne(docs)); break;
      case 'diffs':
        actions.diffExport().then((rows) => download('copies-vs-sources.jsonl', 'application/jsonl', X.jsonLines(rows)))
          .catch((err) => AA.progress.say('Export failed: ' + err.message));
        break;
      case 'quotes-csv': download('quotes.csv', 'text/csv', X.quotesCsv(docs, state.corpus)); break;
      case 'quotes-jsonl': download('quotes.jsonl', 'application/jsonl', X.quotesJsonl(docs, state.corpus)); break;
      default: break;
    }
  }

  let actions = { diffExport: () => Promise.resolve([]) };
  function bind(a) {
    if (a) actions = a;
    for (const b of document.querySelectorAll('[data-export]')) b.addEventListener('click', () => exportAs(b.dataset.export));
  }

  AA.exports = { bind };
})();
