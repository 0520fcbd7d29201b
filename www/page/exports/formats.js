// Owns: the export formats, as pure functions of the analysed documents (no DOM, no state):
// exports/download.js turns their results into downloads, and the browser tests parse them
// back. Offsets in every export are Unicode code points (what Python, spaCy and displaCy
// count), converted from the UTF-16 offsets the page works with, and sit next to the span
// text.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});

  /** UTF-16 offset → code point offset in `str` (every unit but low surrogates counts). The
   *  count carries on from the last offset asked, so ascending offsets (entities, applied
   *  edits) cost one pass over the text, not one each. */
  function codePoints(str) {
    let at = 0;
    let n = 0;
    return (u16) => {
      if (u16 < at) { at = 0; n = 0; }
      for (; at < u16; at++) { const c = str.charCodeAt(at); if (c < 0xdc00 || c > 0xdfff) n++; }
      return n;
    };
  }

  /** One CSV row (RFC 4180 quoting). Text starting with = or + gets a leading ' so a
   *  spreadsheet never runs it as a formula (@ and - are left alone: handles and negative
   *  numbers are real data here). */
  function csv(cells) {
    return cells.map((c) => {
      let s = String(c);
      if (typeof c === 'string' && /^[=+\t\r]/.test(s)) s = "'" + s;
      return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }).join(',');
  }

  const jsonl = (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');

  // ---- .zip (stored, no compression): small, and needs no library ------------------------
  const CRC_TABLE = (() => {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();
  function crc32(bytes) {
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  /** A file name safe inside an archive: no directories, no control characters, not empty. */
  function safeName(name) {
    const s = String(name).replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_').replace(/^[.\s]+/, '').slice(0, 120);
    return s || 'document';
  }

  /** Names made unique ("a.txt", "a (2).txt"), in order. */
  function uniqueNames(names) {
    const seen = new Set();
    return names.map((n) => {
      let out = n;
      for (let k = 2; seen.has(out.toLowerCase()); k++) out = n.replace(/(\.[^.]*)?$/, (ext) => ` (${k})${ext || ''}`);
      seen.add(out.toLowerCase());
      return out;
    });
  }

  /** A .zip of UTF-8 text files: [{ name, text }] → Uint8Array. Entries are stored (method 0)
   *  with UTF-8 names (flag bit 11) and a fixed date, so the same input gives the same bytes. */
  function zip(files) {
    const enc = new TextEncoder();
    const parts = [];
    const central = [];
    let offset = 0;
    const DOS_TIME = 0;
    const DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1; // 2026-01-01
    for (const f of files) {
      const name = enc.encode(f.name);
      const data = enc.encode(f.text);
      const crc = crc32(data);
      if (data.length > 0xfffffffe || offset > 0xfffffffe) throw new Error('archive too large for .zip (4 GB)');
      // The central header repeats the local header's fields from "version needed" to the
      // name length; they are written by one function at either offset.
      const shared = (v, at) => {
        v.setUint16(at, 20, true); // version needed
        v.setUint16(at + 2, 0x0800, true); // UTF-8 names
        v.setUint16(at + 4, 0, true); // stored
        v.setUint16(at + 6, DOS_TIME, true);
        v.setUint16(at + 8, DOS_DATE, true);
        v.setUint32(at + 10, crc, true);
        v.setUint32(at + 14, data.length, true); // compressed size
        v.setUint32(at + 18, data.length, true); // size
        v.setUint16(at + 22, name.length, true);
      };
      const local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true);
      shared(local, 4);
      const cen = new DataView(new ArrayBuffer(46));
      cen.setUint32(0, 0x02014b50, true);
      cen.setUint16(4, 20, true); // made by
      shared(cen, 6);
      cen.setUint32(42, offset, true);
      parts.push(new Uint8Array(local.buffer), name, data);
      central.push(new Uint8Array(cen.buffer), name);
      offset += 30 + name.length + data.length;
    }
    if (files.length > 0xfffe) throw new Error('too many files for one .zip (65,534)');
    const cenSize = central.reduce((n, p) => n + p.length, 0);
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, files.length, true);
    end.setUint16(10, files.length, true);
    end.setUint32(12, cenSize, true);
    end.setUint32(16, offset, true);
    const all = [...parts, ...central, new Uint8Array(end.buffer)];
    const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of all) { out.set(p, at); at += p.length; }
    return out;
  }

  // ---- The exports -----------------------------------------------------------------------
  // `docs`: analysed documents { widx, name, view, cluster, canonical(i) }; view offsets are UTF-16.

  const stem = (name) => name.replace(/\.[^.]*$/, '');

  /** Cleaned text of every document, one .txt each, in one .zip. */
  function cleanedZip(docs) {
    const names = uniqueNames(docs.map((d) => safeName(stem(d.name)) + '.txt'));
    return zip(docs.map((d, i) => ({ name: names[i], text: d.view.cleaned })));
  }

  /** Everything: id, name, cleaned text, applied edits and flags (flags are never applied:
   *  spinner phrases and keyword stuffing for a reader to look at; offsets in the original), entities
   *  (offsets in the cleaned text) with their canonical entity, and the duplicate cluster. */
  function everything(docs) {
    return jsonl(docs.map((d) => {
      const inOriginal = codePoints(d.view.original);
      const inCleaned = codePoints(d.view.cleaned);
      return {
        id: d.widx,
        name: d.name,
        cleaned: d.view.cleaned,
        cluster: d.cluster,
        edits: d.view.edits.filter((e) => e.applied || e.kind === 'flag').map((e) => ({
          start: inOriginal(e.start), end: inOriginal(e.end),
          kind: e.kind, rule: e.rule, reason: e.reason, before: e.before, after: e.after,
        })),
        entities: d.view.entities.map((e, i) => ({
          start: inCleaned(e.start), end: inCleaned(e.end), label: e.label, text: e.text, canonical: d.canonical(i),
        })),
      };
    }));
  }

  function entitiesCsv(docs) {
    const rows = [csv(['document', 'start', 'end', 'label', 'text', 'canonical'])];
    for (const d of docs) {
      const at = codePoints(d.view.cleaned);
      d.view.entities.forEach((e, i) => rows.push(csv([d.name, at(e.start), at(e.end), e.label, e.text, d.canonical(i)])));
    }
    return rows.join('\n') + '\n';
  }

  /** spaCy / doccano training lines: {text, entities: [[start, end, label]]}. */
  function spacy(docs) {
    return jsonl(docs.map((d) => {
      const at = codePoints(d.view.cleaned);
      return { text: d.view.cleaned, entities: d.view.entities.map((e) => [at(e.start), at(e.end), e.label]) };
    }));
  }

  /** displaCy's manual input: [{text, ents: [{start, end, label}], title}] (displacy.render(..., manual=True)). */
  function displacy(docs) {
    return JSON.stringify(docs.map((d) => {
      const at = codePoints(d.view.cleaned);
      return { text: d.view.cleaned, ents: d.view.entities.map((e) => ({ start: at(e.start), end: at(e.end), label: e.label })), title: d.name };
    }), null, 1) + '\n';
  }

  /** Candidate pairs with their scores; `duplicate` at the given threshold. */
  function pairsCsv(pairs, nameOf, threshold) {
    const rows = [csv(['a', 'b', 'name_a', 'name_b', 'similarity', 'jaccard', 'containment', 'duplicate'])];
    for (const p of pairs) {
      rows.push(csv([p.a, p.b, nameOf(p.a), nameOf(p.b), p.similarity.toFixed(4), p.jaccard.toFixed(4), p.containment.toFixed(4), p.similarity >= threshold]));
    }
    return rows.join('\n') + '\n';
  }

  /** The first document of every cluster (documents without a duplicate are their own). */
  function keepOne(docs) {
    const seen = new Set();
    return jsonl(docs.filter((d) => !seen.has(d.cluster) && seen.add(d.cluster)).map((d) => ({ id: d.widx, name: d.name, text: d.view.cleaned })));
  }

  /** One JSON object per line (rows already in their export shape, e.g. the core's diff
   *  export: {cluster, source, copy, summary, ops: [{op, a, b, a_text, b_text}]}, code
   *  points). */
  function jsonLines(rows) {
    return rows.map((r) => JSON.stringify(r) + '\n').join('');
  }

  /** Code point offset of each UTF-16 offset in `offsets`, one walk over `str`: Map. */
  function codePointMap(str, offsets) {
    const at = codePoints(str);
    const out = new Map();
    for (const o of [...new Set(offsets)].sort((a, b) => a - b)) out.set(o, at(o));
    return out;
  }

  /** One row per quote of every document (offsets in the cleaned text, code points): the
   *  speaker as written and whom it resolves to, the canonical speaker (alias merging), the
   *  cue, and every document that runs the same quote (the core's grouping; `group` numbers
   *  the shared ones, `conflict` flags a quote given to different speakers). */
  function quoteRows(docs, corpus) {
    if (!corpus || !corpus.quotes) return [];
    const byWidx = new Map(docs.map((d) => [d.widx, d]));
    const byDoc = new Map();
    for (const q of corpus.quotes) {
      if (!byDoc.has(q.document)) byDoc.set(q.document, []);
      byDoc.get(q.document).push(q);
    }
    const shared = new Map(); // quote → its shared group's index
    corpus.shared_quotes.forEach((s, g) => s.occurrences.forEach(([d, i]) => { const q = (byDoc.get(d) || [])[i]; if (q) shared.set(q, g); }));
    const rows = [];
    for (const [widx, quotes] of byDoc) {
      const d = byWidx.get(widx);
      if (!d) continue;
      const spans = quotes.flatMap((q) => [[q.start, q.end], ...(q.fragments || []), q.speaker ? [q.speaker.start, q.speaker.end] : [], q.cue ? [q.cue.start, q.cue.end] : []]);
      const cp = codePointMap(d.view.cleaned, spans.flat());
      for (const q of quotes) {
        const g = shared.has(q) ? shared.get(q) : null;
        rows.push({
          id: widx, document: d.name, start: cp.get(q.start), end: cp.get(q.end), text: q.text, direct: q.direct,
          fragments: (q.fragments || []).map(([a, b]) => [cp.get(a), cp.get(b)]),
          speaker: q.speaker ? { start: cp.get(q.speaker.start), end: cp.get(q.speaker.end), text: q.speaker.text, name: q.speaker.name } : null,
          canonical_speaker: q.canonical || (q.speaker && q.speaker.name) || null,
          cue: q.cue ? { start: cp.get(q.cue.start), end: cp.get(q.cue.end), text: q.cue.text } : null,
          documents: (g === null ? [widx] : corpus.shared_quotes[g].documents).map((w) => (byWidx.get(w) || { name: '#' + w }).name),
          group: g, conflict: g !== null && corpus.shared_quotes[g].conflict,
        });
      }
    }
    return rows;
  }

  const quotesJsonl = (docs, corpus) => jsonl(quoteRows(docs, corpus));

  function quotesCsv(docs, corpus) {
    const rows = [csv(['document', 'start', 'end', 'text', 'direct', 'speaker', 'speaker_start', 'speaker_end', 'speaker_name', 'canonical_speaker', 'cue', 'cue_start', 'cue_end', 'documents', 'group', 'conflict'])];
    for (const r of quoteRows(docs, corpus)) {
      const s = r.speaker || {};
      const c = r.cue || {};
      rows.push(csv([r.document, r.start, r.end, r.text, r.direct, s.text || '', s.start ?? '', s.end ?? '', s.name || '', r.canonical_speaker || '', c.text || '', c.start ?? '', c.end ?? '', r.documents.join('; '), r.group ?? '', r.conflict]));
    }
    return rows.join('\n') + '\n';
  }

  AA.formats = { codePoints, csv, crc32, zip, safeName, uniqueNames, cleanedZip, everything, entitiesCsv, spacy, displacy, pairsCsv, keepOne, jsonLines, quoteRows, quotesJsonl, quotesCsv };
})();
