// Owns: the Entities tab's text and list: the cleaned text with entities highlighted
// displaCy-style (the label is visible text, not only a colour), the legend that shows or
// hides a type, and the list of the entities mentioned here, merged across documents
// (canonical name, spellings, documents), filtered and sorted. The table across all
// documents below it is views/corpus.js.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, el } = AA.dom;
  const { state } = AA.store;

  const LABEL_NAMES = {
    PER: 'person', ORG: 'organisation', LOC: 'place', MISC: 'other name', DATE: 'date',
    TIME: 'time', MONEY: 'money', PERCENT: 'percent', QUANTITY: 'quantity',
    HANDLE: 'handle', URL: 'web address', EMAIL: 'e-mail',
  };

  function labelCounts(v) {
    const c = {};
    for (const e of v.entities) c[e.label] = (c[e.label] || 0) + 1;
    return c;
  }

  const NAME_LABELS = ['PER', 'ORG', 'LOC', 'MISC'];

  function renderLegend(v) {
    const counts = labelCounts(v);
    // The name tagger is an English one and leaves a text in another language untagged
    // (src/entities/names.rs, another_language): say so rather than show an empty list.
    if (!NAME_LABELS.some((l) => counts[l])) {
      $('legend').append(el('span', { class: 'muted', text: 'No names found (people, organisations and places are tagged in English text only).' }));
    }
    for (const label of Object.keys(LABEL_NAMES)) {
      if (!counts[label]) continue;
      const on = !state.hiddenLabels.has(label);
      $('legend').append(el('button', {
        type: 'button', class: `legend-item ent-${label}`, 'aria-pressed': String(on),
        title: `${LABEL_NAMES[label]}: click to ${on ? 'hide' : 'show'}`,
        onclick: () => { if (on) state.hiddenLabels.add(label); else state.hiddenLabels.delete(label); AA.views.render(); },
      }, el('span', { class: 'ent-label', text: label }), ` ${LABEL_NAMES[label]} (${counts[label]})`));
    }
  }

  /** The text with its entities marked; returns [entity, mark] of every mark drawn. */
  function renderText(v) {
    const box = $('entities-text');
    let cursor = 0;
    const marks = [];
    for (const e of v.entities) {
      if (e.start < cursor || state.hiddenLabels.has(e.label)) continue;
      box.append(v.cleaned.slice(cursor, e.start));
      const m = el('mark', { class: `ent ent-${e.label}`, 'data-label': e.label, tabindex: '-1', title: LABEL_NAMES[e.label] },
        v.cleaned.slice(e.start, e.end), el('span', { class: 'ent-label', text: e.label }));
      marks.push([e, m]);
      box.append(m);
      cursor = e.end;
    }
    box.append(v.cleaned.slice(cursor));
    return marks;
  }

  /** Where an entity of the list is found and how it is written there: "in 5 documents,
   *  written Putin ×36, Vladimir Putin ×8" (this document alone: "written ..."). */
  function scope(docs, aliases) {
    const where = docs > 1 ? `in ${docs} documents` : '';
    const how = aliases.length ? 'written ' + aliases.join(', ') : '';
    return [where, how].filter(Boolean).join(', ');
  }

  /** The entity list: canonical entities (merged across documents) mentioned here, or,
   *  before the corpus step, this document's own entities grouped by label and text. */
  function renderList(d, v, marks) {
    const groups = new Map();
    const canon = state.corpus ? state.corpus.entities : null;
    if (canon && d.widx >= 0) {
      for (const c of canon) {
        const mine = c.mentions.filter(([doc]) => doc === d.widx).map(([, m]) => m);
        // Keyed by position: two entities may share a name (a bare "Trump" that could be
        // either of two Trumps stays apart from both).
        if (mine.length) groups.set(groups.size, { name: c.name, label: c.label, labels: c.labels || [], aliases: c.aliases, mentions: mine, docs: c.documents.length });
      }
    } else {
      v.entities.forEach((e, i) => {
        const k = e.label + '\u0000' + e.text;
        if (!groups.has(k)) groups.set(k, { name: e.text, label: e.label, labels: [], aliases: [], mentions: [], docs: 1 });
        groups.get(k).mentions.push(i);
      });
    }
    const filter = $('entity-filter').value.trim().toLowerCase();
    const list = [...groups.values()].filter((g) => !filter || g.name.toLowerCase().includes(filter) || g.aliases.some(([a]) => a.toLowerCase().includes(filter)));
    list.sort($('entity-sort').value === 'name' ? (a, b) => a.name.localeCompare(b.name) : (a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
    for (const g of list) {
      const first = v.entities[g.mentions[0]];
      // Every spelling seen across the corpus, with its count, when there is more than one.
      const aliases = g.aliases.length > 1 ? g.aliases.map(([a, n]) => `${a} ×${n}`) : [];
      const labels = g.labels.length > 1 ? g.labels.map(([l, n]) => `${l} ${n}`).join(' · ') : '';
      $('entity-list').append(el('li', {},
        el('button', {
          type: 'button', class: 'entity-jump',
          onclick: () => {
            const hit = marks.find(([e]) => e === first);
            if (hit) { hit[1].scrollIntoView({ block: 'center' }); hit[1].focus(); hit[1].classList.add('flash'); setTimeout(() => hit[1].classList.remove('flash'), 1200); }
          },
        }, el('span', { class: `ent-label ent-${g.label}`, text: g.label }), ` ${g.name} `,
        el('span', { class: 'count', title: 'mentions in this document', text: `×${g.mentions.length}` })),
        // The spellings and labels are counted over every document the entity is in, so the
        // line says so: "×9" beside "Putin ×36" read as a contradiction.
        aliases.length || g.docs > 1 ? el('div', { class: 'muted aliases', text: scope(g.docs, aliases) }) : null,
        labels ? el('div', { class: 'muted', text: 'tagged ' + labels }) : null));
    }
  }

  function render(d) {
    const v = d && d.view;
    $('entities-text').replaceChildren();
    $('legend').replaceChildren();
    $('entity-list').replaceChildren();
    if (!v) return;
    renderLegend(v);
    const marks = renderText(v);
    renderList(d, v, marks);
  }

  function bind() {
    $('entity-filter').addEventListener('input', AA.views.render);
    $('entity-sort').addEventListener('change', AA.views.render);
  }

  AA.views.register({ tab: 'entities', render, bind });
})();
