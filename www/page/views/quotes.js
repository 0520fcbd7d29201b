// Owns: the Quotes tab: who said what across the corpus, per speaker (the canonical entity
// of alias merging, so "Yuri" and "Yury Ushakov" are one), most quoted first; each quote with
// its cue, the articles it appears in (the core's cross-document grouping: the same quote
// trimmed or re-punctuated is one) and a jump to its place; a quote the articles give to
// different speakers is flagged. Beside it, the selected document's cleaned text with its
// quotes and their speakers marked. Reads the corpus results only: no analysis here.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, el } = AA.dom;
  const { state, docByWidx } = AA.store;

  // The quote to scroll to once the text is drawn: { widx, start } (set by a jump).
  let target = null;

  /** Whom a quote is listed under: the canonical entity, else the name its speaker resolves
   *  to, else '' (unattributed, or a pronoun that resolves to no one). */
  const speakerKey = (q) => q.canonical || (q.speaker && q.speaker.name) || '';

  /** Quoted word for word: a direct quote that opens with its mark. A paraphrase with a few
   *  quoted words in it ('he said the talks were “substantive”') is shown as a paraphrase:
   *  the reader sees the marks around the words that were quoted. */
  const verbatim = (q) => q.direct && /^\s*["“”„«»'‘’‹›]/.test(q.text);

  /** The quote's words as a reader sees them: the pieces of a split quote joined by " … "
   *  (the attribution between them is not part of the quote). */
  function quoteText(q) {
    const d = docByWidx(q.document);
    if (!q.fragments || !q.fragments.length || !d) return q.text;
    return q.fragments.map(([a, b]) => d.view.cleaned.slice(a, b)).join(' … ');
  }

  /** The corpus's quotes as groups ({ occ: [quote], names, conflict }): each shared quote
   *  (several documents, or given to different speakers) is one group, every other quote
   *  its own. Quotes of documents no longer in the list are left out. */
  function groups(corpus) {
    const byDoc = new Map();
    for (const q of corpus.quotes) {
      if (!byDoc.has(q.document)) byDoc.set(q.document, []);
      byDoc.get(q.document).push(q);
    }
    const grouped = new Set();
    const out = [];
    for (const s of corpus.shared_quotes) {
      const occ = s.occurrences.map(([d, i]) => (byDoc.get(d) || [])[i]).filter((q) => q && docByWidx(q.document));
      for (const q of occ) grouped.add(q);
      if (occ.length) out.push({ occ, names: s.speakers.map(([n]) => n), conflict: s.conflict });
    }
    for (const q of corpus.quotes) {
      if (!grouped.has(q) && docByWidx(q.document)) out.push({ occ: [q], names: [], conflict: false });
    }
    return out;
  }

  /** Speakers with their quote groups, most quoted first (ties: more quoted word for word,
   *  then more articles); the unattributed last. A group is listed under the speaker most of
   *  its occurrences name. */
  function speakers(list) {
    const by = new Map();
    for (const g of list) {
      const votes = new Map();
      for (const q of g.occ) votes.set(speakerKey(q), (votes.get(speakerKey(q)) || 0) + 1);
      const key = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] === '') - (b[0] === ''))[0][0];
      if (!by.has(key)) by.set(key, { name: key, groups: [], count: 0, words: 0 });
      const s = by.get(key);
      s.groups.push(g);
      s.count += g.occ.length;
      s.words += verbatim(g.occ[0]);
    }
    for (const s of by.values()) {
      // Direct quotes first, then the most widely run, then in reading order.
      s.groups.sort((a, b) => verbatim(b.occ[0]) - verbatim(a.occ[0]) || b.occ.length - a.occ.length);
    }
    return [...by.values()].sort((a, b) => (a.name === '') - (b.name === '') || b.groups.length - a.groups.length
      || b.words - a.words || b.count - a.count || a.name.localeCompare(b.name));
  }

  /** Selects the quote's document and scrolls its text to the quote. */
  function jump(q) {
    const d = docByWidx(q.document);
    if (!d) return;
    target = { widx: q.document, start: q.start };
    state.tab = 'quotes';
    const i = state.docs.indexOf(d);
    if (i !== state.selected) AA.doclist.select(i);
    else AA.views.render();
  }

  function renderGroup(g) {
    const q = g.occ[0];
    const li = el('li', { class: 'quote-item' + (verbatim(q) ? '' : ' paraphrase') });
    li.append(el(verbatim(q) ? 'blockquote' : 'p', { class: 'quote-text', text: quoteText(q) }));
    const mentions = [...new Set(g.occ.filter((o) => o.speaker).map((o) => o.speaker.text))];
    const cues = [...new Set(g.occ.filter((o) => o.cue).map((o) => o.cue.text))];
    li.append(el('div', { class: 'muted quote-meta' },
      verbatim(q) ? '' : el('span', { class: 'tag', text: 'paraphrase' }),
      // Without a reporting verb of its own, the speaker came from the text around the
      // quote (the quote before it, a transcript's "NAME:", the sentence's subject).
      cues.length ? `${cues.join(', ')}` : (mentions.length ? 'no reporting verb: speaker from the text around it' : 'no reporting verb'),
      mentions.length ? ` · as written: ${mentions.join('; ')}` : ''));
    // The articles, one jump each (every occurrence: a document may run a quote twice).
    const docs = el('div', { class: 'quote-docs' }, el('span', { class: 'muted', text: g.occ.length > 1 ? `in ${new Set(g.occ.map((o) => o.document)).size} articles: ` : 'in ' }));
    for (const o of g.occ) {
      const d = docByWidx(o.document);
      docs.append(el('button', {
        type: 'button', class: 'mini quote-jump', 'data-doc': String(o.document), title: 'Show this quote in the text',
        onclick: () => jump(o),
      }, d.name));
    }
    li.append(docs);
    if (g.conflict) {
      li.append(el('div', { class: 'quote-conflict', role: 'note', text: `⚠ attributed to different speakers: ${g.names.join(', ')}` }));
    }
    return li;
  }

  function renderList() {
    const box = $('quote-speakers');
    const corpus = state.corpus;
    if (!corpus || !corpus.quotes) {
      box.append(el('p', { class: 'muted', text: 'Quotes appear here once the articles are analysed.' }));
      return;
    }
    const directOnly = $('quotes-direct').checked;
    const filter = $('quote-filter').value.trim().toLowerCase();
    const list = groups(corpus).filter((g) => (!directOnly || verbatim(g.occ[0]))
      && (!filter || speakerKey(g.occ[0]).toLowerCase().includes(filter) || quoteText(g.occ[0]).toLowerCase().includes(filter)));
    const people = speakers(list);
    const flagged = list.filter((g) => g.conflict).length;
    $('quote-summary').textContent = `${list.length} quotes, ${people.filter((s) => s.name).length} speakers`
      + (flagged ? `, ${flagged} given to different speakers` : '');
    if (!people.length) box.append(el('p', { class: 'muted', text: 'No quotes found.' }));
    for (const s of people) {
      const label = s.name && (corpus.entities.find((c) => c.name === s.name) || {}).label;
      box.append(el('section', { class: 'speaker', 'data-speaker': s.name },
        el('h4', {}, label ? el('span', { class: `ent-label ent-${label}`, text: label }) : null,
          s.name ? ` ${s.name} ` : 'Speaker not identified ',
          el('span', { class: 'count', text: `${s.groups.length} quote${s.groups.length > 1 ? 's' : ''}` })),
        el('ul', { class: 'quote-list' }, ...s.groups.map(renderGroup))));
    }
  }

  /** The selected document's cleaned text, its quotes (each piece of a split quote) and
   *  their speakers and cues marked; returns the mark of each quote's first piece. */
  function renderText(d) {
    const box = $('quotes-text');
    const v = d && d.view;
    if (!v) return new Map();
    const quotes = state.corpus && d.widx >= 0 ? state.corpus.quotes.filter((q) => q.document === d.widx) : [];
    const spans = [];
    for (const q of quotes) {
      const pieces = q.fragments && q.fragments.length ? q.fragments : [[q.start, q.end]];
      pieces.forEach(([s, e], i) => spans.push({ s, e, kind: 'quote', q, first: i === 0, last: i === pieces.length - 1 }));
      if (q.speaker) spans.push({ s: q.speaker.start, e: q.speaker.end, kind: 'speaker', q });
      if (q.cue) spans.push({ s: q.cue.start, e: q.cue.end, kind: 'cue', q });
    }
    spans.sort((a, b) => a.s - b.s || b.e - a.e);
    const firsts = new Map();
    let cursor = 0;
    for (const sp of spans) {
      if (sp.s < cursor) continue; // overlaps one already drawn (a speaker inside another's quote)
      box.append(v.cleaned.slice(cursor, sp.s));
      const text = v.cleaned.slice(sp.s, sp.e);
      const who = speakerKey(sp.q) || 'speaker not identified';
      let node;
      if (sp.kind === 'quote') {
        const v = verbatim(sp.q);
        node = el('mark', { class: 'quote' + (v ? '' : ' paraphrase'), tabindex: '-1', 'data-start': String(sp.q.start), title: `${v ? 'quote' : 'paraphrase'}: ${who}` },
          text, sp.last ? el('span', { class: 'q-label', text: v ? 'QUOTE' : 'PARAPHRASE' }) : null);
        if (sp.first) firsts.set(sp.q.start, node);
      } else if (sp.kind === 'speaker') {
        node = el('mark', { class: 'quote-speaker', title: `speaker: ${who}` }, text, el('span', { class: 'q-label', text: 'SPEAKER' }));
      } else {
        node = el('span', { class: 'quote-cue', title: 'cue', text });
      }
      box.append(node);
      cursor = sp.e;
    }
    box.append(v.cleaned.slice(cursor));
    return firsts;
  }

  function render(d) {
    // A redraw (a jump selects another document) keeps the list where the reader was.
    const top = $('quote-speakers').scrollTop;
    $('quote-speakers').replaceChildren();
    $('quotes-text').replaceChildren();
    $('quote-summary').textContent = '';
    renderList();
    $('quote-speakers').scrollTop = top;
    const firsts = renderText(d);
    if (target && d && d.widx === target.widx) {
      const m = firsts.get(target.start);
      target = null;
      if (m) {
        m.scrollIntoView({ block: 'center' });
        m.focus({ preventScroll: true });
        m.classList.add('flash');
        setTimeout(() => m.classList.remove('flash'), 1500);
      }
    }
  }

  function bind() {
    $('quote-filter').addEventListener('input', AA.views.render);
    $('quotes-direct').addEventListener('change', AA.views.render);
  }

  AA.views.register({ tab: 'quotes', render, bind });
})();
