// article-analyzer page UI. Runs on the main thread and does DOM work only: every analysis
// happens in the worker (worker.js). User text is only ever put in the page with
// textContent / text nodes, never parsed as markup.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  /** Creates an element; `props.text` sets textContent, `on*` add listeners. */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  // The offline single file defines AA_EMBED = { worker, wasm } before this script.
  const EMBED = typeof AA_EMBED !== 'undefined' ? AA_EMBED : null; // eslint-disable-line no-undef

  /** Largest file the page analyses; larger ones are refused with a message. */
  const MAX_FILE_BYTES = 32 * 1024 * 1024;

  const LABEL_NAMES = {
    PER: 'person', ORG: 'organisation', LOC: 'place', MISC: 'other name', DATE: 'date',
    TIME: 'time', MONEY: 'money', PERCENT: 'percent', QUANTITY: 'quantity',
    HANDLE: 'handle', URL: 'web address', EMAIL: 'e-mail',
  };

  // ---- State --------------------------------------------------------------------------
  const state = {
    docs: [], // { key, name, size, status, error, source, text, view, widx, restored:Set, row }
    byWidx: [], // the worker's document index → doc
    selected: -1,
    tab: 'cleaned',
    rules: [], // [name, kind]
    disabled: new Set(),
    hiddenLabels: new Set(),
    corpus: null,
    clusters: null,
    threshold: 0.3,
    showRemoved: false,
    cancel: false,
    busy: false,
    nextKey: 1,
  };

  // ---- Worker bridge -------------------------------------------------------------------
  let worker = null;
  let pending = new Map();
  let nextId = 1;
  let workerReady = null;

  function wasmSource() {
    if (EMBED) return Uint8Array.from(atob(EMBED.wasm), (c) => c.charCodeAt(0));
    return new URL('pkg/article_analyzer_bg.wasm', location.href).href;
  }

  function startWorker() {
    if (worker) worker.terminate();
    for (const p of pending.values()) p.reject(Object.assign(new Error('worker restarted'), { fatal: true, skipped: true }));
    pending = new Map();
    if (EMBED) {
      const url = URL.createObjectURL(new Blob([EMBED.worker], { type: 'text/javascript' }));
      worker = new Worker(url);
    } else {
      worker = new Worker('worker.js');
    }
    worker.onmessage = (e) => {
      const { id, ok, result, error, fatal } = e.data;
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      if (ok) p.resolve(result);
      else p.reject(Object.assign(new Error(error), { fatal, skipped: e.data.skipped }));
    };
    // An uncaught failure (e.g. out of memory) kills every pending request.
    worker.onerror = (e) => {
      e.preventDefault();
      // The oldest request is the one that was running; the others are sent again.
      let first = true;
      for (const p of pending.values()) {
        p.reject(Object.assign(new Error(e.message || 'worker failed'), { fatal: true, skipped: !first }));
        first = false;
      }
      pending = new Map();
    };
    workerReady = call('init', { wasm: wasmSource() }).then((r) => { state.rules = r.rules; });
    return workerReady;
  }

  function call(type, args, transfer) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, type, args }, transfer || []);
    });
  }

  /** After a crash: a fresh worker, and every analysed document given to it again. */
  async function recover() {
    await startWorker();
    let n = 0;
    state.byWidx = [];
    for (const d of state.docs) {
      if (d.status !== 'done') continue;
      d.widx = n++;
      state.byWidx[d.widx] = d;
      await call('addText', { name: d.name, text: d.text, disabled: [...state.disabled] });
      if (d.restored.size) d.view = await call('reclean', { index: d.widx, disabled: [...state.disabled], restored: [...d.restored] });
    }
    return n;
  }

  // ---- Adding documents ----------------------------------------------------------------
  function addDocs(items) {
    for (const it of items) {
      const d = { key: state.nextKey++, name: it.name, size: it.size, status: 'queued', error: '', source: it, text: '', view: null, widx: -1, restored: new Set(), row: null };
      state.docs.push(d);
      $('docs').append(makeRow(d));
    }
    updateCount();
    if (state.selected < 0 && state.docs.length) select(0);
    persist();
    runQueue();
  }

  /** Sends one document to the worker. Never rejects: resolves { d, view } or { d, err }. */
  async function analyse(d) {
    try {
      await workerReady;
      if (d.source.text !== undefined) {
        return { d, view: await call('addText', { name: d.name, text: d.source.text, disabled: [...state.disabled] }) };
      }
      if (d.size > MAX_FILE_BYTES) {
        throw new Error(`${d.name} is ${(d.size / 1048576).toFixed(0)} MB; the page analyses files up to ${MAX_FILE_BYTES / 1048576} MB (use the article-analyzer CLI for larger files)`);
      }
      const bytes = await d.source.file.arrayBuffer();
      return { d, view: await call('addBytes', { name: d.name, bytes, disabled: [...state.disabled] }, [bytes]) };
    } catch (err) {
      return { d, err };
    }
  }

  // A few documents are in flight at once so the worker never waits for the page (which may
  // be busy drawing a long document list) between two documents.
  const WINDOW_DOCS = 8;
  const WINDOW_BYTES = 8 * 1048576;

  async function runQueue() {
    if (state.busy) return;
    state.busy = true;
    state.cancel = false;
    const todo = () => state.docs.filter((d) => d.status === 'queued');
    let total = todo().length;
    let done = 0;
    showProgress(true);
    const started = performance.now();
    // Documents are only appended while this runs, so a cursor finds the next queued one
    // (it goes back to the start when a crash puts documents back in the queue).
    let cursor = 0;
    const next = () => {
      while (cursor < state.docs.length && state.docs[cursor].status !== 'queued') cursor++;
      return state.docs[cursor];
    };
    const inflight = [];
    let inflightBytes = 0;
    for (;;) {
      for (let d = next(); d && !state.cancel && (!inflight.length || (inflight.length < WINDOW_DOCS && inflightBytes < WINDOW_BYTES)); d = next()) {
        setStatus(d, 'analysing');
        const size = Math.min(d.size || 0, MAX_FILE_BYTES);
        inflightBytes += size;
        inflight.push(analyse(d).then((r) => { inflightBytes -= size; return r; }));
      }
      if (!inflight.length) break;
      const { d, view, err } = await inflight.shift();
      setProgress(done, Math.max(total, done + inflight.length + 1), d.name);
      if (err && err.skipped) {
        // Sent to a worker that crashed on an earlier document: analysed again by the new one.
        setStatus(d, 'queued');
        cursor = 0;
        continue;
      }
      if (err && err.fatal) {
        d.error = `analysis failed: ${err.message}; the analyser was restarted and the other documents kept`;
        setStatus(d, 'error');
        await recover(); // also ends every request still in flight (as skipped)
      } else if (err) {
        d.error = err.message;
        setStatus(d, 'error');
      } else {
        d.widx = view.index;
        state.byWidx[d.widx] = d;
        d.view = view;
        d.text = view.original;
        d.source = { text: view.original };
        setStatus(d, 'done');
        // Restorations saved from an earlier session apply as soon as the document is back.
        if (d.restored.size) await reclean(d);
      }
      done++;
      if (done > total) total = done;
      if (state.docs[state.selected] === d) render();
    }
    if (state.cancel) {
      for (const d of todo()) { d.status = 'cancelled'; d.error = 'cancelled'; setStatus(d, 'cancelled'); }
    }
    await finish();
    state.busy = false;
    showProgress(false);
    const secs = ((performance.now() - started) / 1000).toFixed(2);
    $('status').textContent = `${done} of ${total} analysed in ${secs} s` + (state.cancel ? ' (cancelled)' : '');
    document.body.dataset.analysed = String(state.docs.filter((d) => d.status === 'done').length);
    persist();
    if (todo().length) runQueue();
  }

  async function finish() {
    if (!state.docs.some((d) => d.status === 'done')) { state.corpus = null; render(); return; }
    try {
      const r = await call('finish', { threshold: state.threshold });
      state.corpus = r.corpus;
      state.clusters = r.corpus.clusters;
      for (const i of r.changed) {
        const d = docByWidx(i);
        if (d) d.view = await call('document', { index: i });
      }
    } catch (err) {
      $('status').textContent = 'Corpus analysis failed: ' + err.message;
      if (err.fatal) await recover();
    }
    updateBadges();
    render();
  }

  // ---- Document list -------------------------------------------------------------------
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

  function setStatus(d, status) {
    d.status = status;
    d.row.className = 'doc ' + status + (state.docs[state.selected] === d ? ' selected' : '');
    d.row._status.textContent = status === 'error' ? 'error: ' + d.error : status;
  }

  function updateCount() {
    $('doc-count').textContent = state.docs.length ? `(${state.docs.length})` : '';
  }

  function clusterOf(d) {
    if (!state.clusters || d.widx < 0 || d.status !== 'done') return null;
    return state.clusters[d.widx];
  }

  function updateBadges() {
    const sizes = new Map();
    for (const d of state.docs) {
      const c = clusterOf(d);
      if (c !== null) sizes.set(c, (sizes.get(c) || 0) + 1);
    }
    for (const d of state.docs) {
      const c = clusterOf(d);
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
    render();
  }

  // ---- Rendering -----------------------------------------------------------------------
  function render() {
    const d = state.docs[state.selected];
    $('doc-title').textContent = d ? `${d.name} — ${d.status === 'error' ? 'error: ' + d.error : d.status}` : 'No document yet: paste text or drop files.';
    for (const t of ['cleaned', 'entities', 'duplicates']) {
      const on = state.tab === t;
      $('tab-' + t).setAttribute('aria-selected', String(on));
      $('tab-' + t).tabIndex = on ? 0 : -1;
      $('view-' + t).hidden = !on;
    }
    renderRuleSwitches();
    const v = d && d.view;
    if (state.tab === 'cleaned') renderCleaned(d, v);
    else if (state.tab === 'entities') renderEntities(d, v);
    else renderDuplicates(d);
  }

  function renderRuleSwitches() {
    const box = $('rule-switches');
    if (box.childElementCount > 1 || !state.rules.length) return;
    for (const [name, kind] of state.rules) {
      const input = el('input', { type: 'checkbox', 'data-rule': name, checked: !state.disabled.has(name) });
      input.addEventListener('change', () => {
        if (input.checked) state.disabled.delete(name); else state.disabled.add(name);
        recleanAll();
      });
      box.append(el('label', { class: 'rule' }, input, ` ${name} `, el('span', { class: 'muted', text: `(${kind})` })));
    }
  }

  /** Re-cleans one document with the current rule switches and its restorations. */
  async function reclean(d) {
    try {
      d.view = await call('reclean', { index: d.widx, disabled: [...state.disabled], restored: [...d.restored] });
    } catch (err) {
      d.error = err.message; setStatus(d, 'error');
      if (err.fatal) await recover();
    }
  }

  async function recleanAll() {
    for (const d of state.docs) if (d.status === 'done') await reclean(d);
    persist();
    await finish();
  }

  async function toggleRestore(d, id) {
    if (d.restored.has(id)) d.restored.delete(id); else d.restored.add(id);
    await reclean(d);
    persist();
    render();
    finish();
  }

  function renderCleaned(d, v) {
    const box = $('cleaned-text');
    box.replaceChildren();
    $('edit-summary').textContent = '';
    if (!v) return;
    const applied = v.edits.filter((e) => e.applied);
    const count = (k) => applied.filter((e) => e.kind === k).length;
    $('edit-summary').textContent = `${count('remove')} removals, ${count('repair')} repairs, ${v.edits.filter((e) => e.kind === 'flag').length} flags, ${d.restored.size} restored`;
    if (!state.showRemoved) {
      // The cleaned text, with repairs marked where they landed.
      let cursor = 0;
      for (const e of applied) {
        if (e.kind !== 'repair' || e.clean_start < cursor) continue;
        box.append(v.cleaned.slice(cursor, e.clean_start));
        box.append(el('ins', { class: 'repair', title: `${e.reason}: was “${e.before}”`, text: e.after }));
        cursor = e.clean_start + e.after.length;
      }
      box.append(v.cleaned.slice(cursor));
      return;
    }
    // The original, with removed text struck through (and its reason) and repairs as diffs.
    const text = v.original;
    let cursor = 0;
    for (const e of v.edits) {
      // Blank-line and trailing-space tidying is not worth a badge each: the original
      // whitespace simply shows through.
      if (e.start < cursor || e.rule === 'whitespace') continue;
      const restored = d.restored.has(e.id);
      if (!e.applied && !restored) continue;
      box.append(text.slice(cursor, e.start));
      if (restored) {
        box.append(el('button', { type: 'button', class: 'mini', title: `restored: ${e.reason}`, text: '↺ undo restore', onclick: () => toggleRestore(d, e.id) }));
        cursor = e.start;
        continue;
      }
      if (e.kind === 'remove') {
        box.append(el('span', { class: 'removed-block' },
          el('span', { class: 'reason', text: `${e.rule}: ${e.reason}` }),
          el('button', { type: 'button', class: 'mini', text: 'Restore', 'aria-label': `Restore text removed as ${e.reason}`, onclick: () => toggleRestore(d, e.id) }),
          el('del', { title: e.reason, tabindex: '0', text: e.before })));
      } else if (e.kind === 'repair') {
        box.append(el('del', { class: 'repair-old', title: e.reason, text: e.before }),
          el('ins', { class: 'repair', title: e.reason, text: e.after }),
          el('button', { type: 'button', class: 'mini', text: 'undo', 'aria-label': `Undo repair: ${e.reason}`, onclick: () => toggleRestore(d, e.id) }));
      } else {
        box.append(el('mark', { class: 'flag', title: e.reason, tabindex: '0', text: e.before }),
          el('span', { class: 'reason', text: e.reason }));
      }
      cursor = e.end;
    }
    box.append(text.slice(cursor));
  }

  function labelCounts(v) {
    const c = {};
    for (const e of v.entities) c[e.label] = (c[e.label] || 0) + 1;
    return c;
  }

  function renderEntities(d, v) {
    const box = $('entities-text');
    const legend = $('legend');
    box.replaceChildren();
    legend.replaceChildren();
    $('entity-list').replaceChildren();
    $('corpus-entities').replaceChildren();
    if (!v) return;
    const counts = labelCounts(v);
    for (const label of Object.keys(LABEL_NAMES)) {
      if (!counts[label]) continue;
      const on = !state.hiddenLabels.has(label);
      legend.append(el('button', {
        type: 'button', class: `legend-item ent-${label}`, 'aria-pressed': String(on),
        title: `${LABEL_NAMES[label]}: click to ${on ? 'hide' : 'show'}`,
        onclick: () => { if (on) state.hiddenLabels.add(label); else state.hiddenLabels.delete(label); render(); },
      }, el('span', { class: 'ent-label', text: label }), ` ${LABEL_NAMES[label]} (${counts[label]})`));
    }
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

    // The entity list: canonical entities (merged across documents) mentioned here.
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
    let list = [...groups.values()].filter((g) => !filter || g.name.toLowerCase().includes(filter) || g.aliases.some(([a]) => a.toLowerCase().includes(filter)));
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
        }, el('span', { class: `ent-label ent-${g.label}`, text: g.label }), ` ${g.name} `, el('span', { class: 'count', text: `×${g.mentions.length}` })),
        aliases.length ? el('div', { class: 'muted aliases', text: 'written: ' + aliases.join(', ') }) : null,
        labels ? el('div', { class: 'muted', text: 'tagged ' + labels }) : null,
        g.docs > 1 ? el('div', { class: 'muted', text: `in ${g.docs} documents` }) : null));
    }
    if (canon) renderCorpusEntities(canon);
  }

  /** Which entities appear in which documents: a matrix of mention counts (numbers, not
   *  colour) when the corpus is small enough to show one, else a list of documents. */
  function renderCorpusEntities(canon) {
    const table = $('corpus-entities');
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
        row.append(el('td', { text: c.documents.map((i) => { const x = docByWidx(i); return x ? x.name : '#' + i; }).join(', ') }));
      }
      body.append(row);
    }
    table.append(body);
  }

  function docByWidx(i) {
    const d = state.byWidx[i];
    return d && d.widx === i && d.status === 'done' ? d : undefined;
  }

  function renderDuplicates(d) {
    const box = $('clusters');
    const pbox = $('passages');
    box.replaceChildren();
    pbox.replaceChildren();
    if (!state.corpus || !state.clusters) { box.append(el('p', { class: 'muted', text: 'Results appear when the analysis finishes.' })); return; }
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
    // Related stories: the same event reported differently (not copies).
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
    // Repeated passages touching this document, each shown side by side where it occurs.
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

  // ---- Progress ------------------------------------------------------------------------
  function showProgress(on) { $('progress-box').hidden = !on; }
  let lastProgress = 0;
  function setProgress(done, total, name) {
    const now = performance.now();
    if (now - lastProgress < 100 && done < total) return; // the live region speaks at most 10×/s
    lastProgress = now;
    $('progress').max = total;
    $('progress').value = done;
    $('progress-text').textContent = `${done} of ${total} · ${name}`;
  }

  // ---- Exports (formats in exports.js) -----------------------------------------------
  const X = self.AAExports;
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
  function exportAs(kind) {
    const index = canonicalIndex();
    const docs = state.docs.filter((d) => d.status === 'done').map((d) => ({
      widx: d.widx, name: d.name, view: d.view, cluster: clusterOf(d),
      canonical: (i) => (index.get(d.widx) && index.get(d.widx).get(i)) || '',
    }));
    const d = state.docs[state.selected];
    if (!docs.length) { $('status').textContent = 'Nothing to export yet: add articles first.'; return; }
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
      default: break;
    }
  }

  // ---- Persistence (IndexedDB): documents and choices survive a reload ------------------
  const DB = 'article-analyzer';
  function db() {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('workspace');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  // Saves run one after another; `saving` is the latest (tests wait on it).
  let saving = Promise.resolve();
  function persist() {
    const saved = {
      disabled: [...state.disabled],
      docs: state.docs.filter((d) => d.status === 'done' || d.source.text !== undefined)
        .map((d) => ({ name: d.name, size: d.size, text: d.text || d.source.text, restored: [...d.restored] })),
    };
    saving = saving.then(() => store((s) => s.put(saved, 'current')));
    return saving;
  }
  async function store(op) {
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
  // The saved workspace comes back before anything the user adds, so nothing is doubled.
  let restoring = Promise.resolve();
  function whenRestored(items) {
    restoring = restoring.then(() => addDocs(items));
  }
  async function restore() {
    try {
      const h = await db();
      const saved = await new Promise((resolve) => {
        const req = h.transaction('workspace').objectStore('workspace').get('current');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(null);
      });
      h.close();
      if (!saved || !saved.docs || !saved.docs.length) return;
      state.disabled = new Set(saved.disabled || []);
      addDocs(saved.docs.map((s) => ({ name: s.name, size: s.size, text: s.text })));
      state.docs.forEach((d, i) => { if (saved.docs[i]) d.restored = new Set(saved.docs[i].restored); });
    } catch { /* nothing saved */ }
  }
  async function clearAll() {
    state.cancel = true;
    while (state.busy) await new Promise((r) => setTimeout(r, 50));
    state.docs = [];
    state.byWidx = [];
    state.selected = -1;
    state.corpus = null;
    state.clusters = null;
    $('docs').replaceChildren();
    updateCount();
    saving = saving.then(() => store((s) => s.delete('current')));
    await saving;
    await startWorker();
    $('status').textContent = 'Cleared.';
    render();
  }

  // ---- Files and folders ---------------------------------------------------------------
  function formatSize(n) {
    if (n < 1024) return n + ' B';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }
  async function entriesToFiles(entry, out) {
    if (entry.isFile) {
      await new Promise((resolve) => entry.file((f) => { out.push(f); resolve(); }, resolve));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve) => reader.readEntries(resolve, () => resolve([])));
        if (!batch.length) break;
        for (const e of batch) await entriesToFiles(e, out);
      }
    }
  }
  async function filesFromDrop(dt) {
    const entries = [...(dt.items || [])].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (entries.some((e) => e.isDirectory)) {
      const out = [];
      for (const e of entries) await entriesToFiles(e, out);
      return out;
    }
    return [...dt.files];
  }
  function addFiles(files) {
    whenRestored([...files].sort((a, b) => a.name.localeCompare(b.name)).map((f) => ({ name: f.name, size: f.size, file: f })));
  }

  // ---- Wiring --------------------------------------------------------------------------
  function init() {
    if (EMBED) $('single-file-link').parentElement.hidden = true;
    $('add-paste').addEventListener('click', () => {
      const text = $('paste').value;
      if (!text.trim()) { $('status').textContent = 'Nothing to analyse: the paste box is empty.'; return; }
      const first = text.trim().split('\n')[0].slice(0, 60);
      whenRestored([{ name: `Pasted: ${first}`, size: new Blob([text]).size, text }]);
      $('paste').value = '';
    });
    $('files').addEventListener('change', (e) => { addFiles(e.target.files); e.target.value = ''; });
    $('clear-all').addEventListener('click', clearAll);
    $('cancel').addEventListener('click', () => { state.cancel = true; });
    $('show-removed').addEventListener('change', (e) => { state.showRemoved = e.target.checked; render(); });
    $('entity-filter').addEventListener('input', render);
    $('entity-sort').addEventListener('change', render);
    const tabs = ['cleaned', 'entities', 'duplicates'];
    for (const t of tabs) {
      $('tab-' + t).addEventListener('click', () => { state.tab = t; render(); });
      $('tab-' + t).addEventListener('keydown', (e) => {
        const k = tabs.indexOf(t) + (e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0);
        if (k !== tabs.indexOf(t)) { state.tab = tabs[(k + 3) % 3]; render(); $('tab-' + state.tab).focus(); }
      });
    }
    $('threshold').addEventListener('input', async (e) => {
      state.threshold = Number(e.target.value);
      $('threshold-value').textContent = Math.round(state.threshold * 100) + '%';
      if (!state.corpus) return;
      state.clusters = await call('recluster', { threshold: state.threshold });
      updateBadges();
      render();
    });
    for (const b of document.querySelectorAll('[data-export]')) b.addEventListener('click', () => exportAs(b.dataset.export));

    // Drop anywhere on the page.
    let depth = 0;
    window.addEventListener('dragenter', (e) => { e.preventDefault(); depth++; $('drop-overlay').hidden = false; });
    window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; $('drop-overlay').hidden = true; } });
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', async (e) => {
      e.preventDefault();
      depth = 0;
      $('drop-overlay').hidden = true;
      addFiles(await filesFromDrop(e.dataTransfer));
    });

    // Keyboard: j / k (or Alt+↓ / Alt+↑) for the next / previous document.
    window.addEventListener('keydown', (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      const next = (e.altKey && e.key === 'ArrowDown') || (!typing && e.key === 'j');
      const prev = (e.altKey && e.key === 'ArrowUp') || (!typing && e.key === 'k');
      if (next || prev) { e.preventDefault(); select(state.selected + (next ? 1 : -1)); }
    });

    // Service worker (served page only): offline after one visit, user-confirmed updates.
    if ('serviceWorker' in navigator && location.protocol.startsWith('http') && !EMBED) {
      navigator.serviceWorker.register('sw.js').then((reg) => {
        const offer = (w) => {
          $('update-banner').hidden = false;
          $('update-reload').onclick = () => w.postMessage('skip-waiting');
        };
        if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
        reg.addEventListener('updatefound', () => {
          const w = reg.installing;
          w.addEventListener('statechange', () => { if (w.state === 'installed' && navigator.serviceWorker.controller) offer(w); });
        });
        let reloaded = false;
        navigator.serviceWorker.addEventListener('controllerchange', () => { if (!reloaded && !$('update-banner').hidden) { reloaded = true; location.reload(); } });
      }).catch(() => { /* no offline cache; the page still works */ });
    }

    restoring = restore();
    startWorker().then(render).catch((err) => { $('status').textContent = 'Could not start the analyser: ' + err.message; });
    render();
  }

  // Test hook for the browser tests (never used by the UI): `fault('panic' | 'oom')` makes
  // the next document added fault inside the wasm.
  window.__articleAnalyzer = {
    fault: (kind) => workerReady.then(() => call('fault', { kind })),
    state,
    saved: () => saving,
  };

  init();
})();
