// Owns: the Cleaned tab: the cleaned text with its repairs marked, or (Show removed) the
// original with every removal and repair, its reason and an undo; the rule switches; the
// edit summary. Restoring an edit or switching a rule goes through `actions` (re-cleaning
// is the worker's).
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, el } = AA.dom;
  const { state } = AA.store;

  let actions = null;

  // The switches are built once, as soon as the worker has said which rules it has.
  function renderRuleSwitches() {
    const box = $('rule-switches');
    if (box.childElementCount > 1 || !state.rules.length) return;
    for (const [name, kind] of state.rules) {
      const input = el('input', { type: 'checkbox', 'data-rule': name, checked: !state.disabled.has(name) });
      input.addEventListener('change', () => actions.setRule(name, input.checked));
      box.append(el('label', { class: 'rule' }, input, ` ${name} `, el('span', { class: 'muted', text: `(${kind})` })));
    }
  }

  function render(d) {
    const v = d && d.view;
    const box = $('cleaned-text');
    box.replaceChildren();
    $('edit-summary').textContent = '';
    if (!v) return;
    const applied = v.edits.filter((e) => e.applied);
    const count = (k) => applied.filter((e) => e.kind === k).length;
    $('edit-summary').textContent = `${count('remove')} removals, ${count('repair')} repairs, ${v.edits.filter((e) => e.kind === 'flag').length} flags, ${d.restored.size} restored`;
    if (!state.showRemoved) {
      // The cleaned text, with repairs marked where they landed and flags (never applied:
      // spinner phrases, keyword stuffing) marked over the text they flag, when that text
      // is in the cleaned text as it was.
      const flagged = v.edits.filter((e) => e.kind === 'flag'
        && v.cleaned.slice(e.clean_start, e.clean_start + e.before.length) === e.before);
      const marks = applied.filter((e) => e.kind === 'repair').concat(flagged)
        .sort((a, b) => a.clean_start - b.clean_start);
      let cursor = 0;
      for (const e of marks) {
        if (e.clean_start < cursor) continue;
        box.append(v.cleaned.slice(cursor, e.clean_start));
        if (e.kind === 'flag') {
          box.append(el('mark', { class: 'flag', title: e.reason, tabindex: '0', text: e.before }));
          cursor = e.clean_start + e.before.length;
        } else {
          box.append(el('ins', { class: 'repair', title: `${e.reason}: was “${e.before}”`, text: e.after }));
          cursor = e.clean_start + e.after.length;
        }
      }
      box.append(v.cleaned.slice(cursor));
      return;
    }
    // The original, with removed text struck through (and its reason) and repairs as diffs.
    const restore = (e) => () => actions.toggleRestore(d, e.id);
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
        box.append(el('button', { type: 'button', class: 'mini', title: `restored: ${e.reason}`, text: '↺ undo restore', onclick: restore(e) }));
        cursor = e.start;
        continue;
      }
      if (e.kind === 'remove') {
        box.append(el('span', { class: 'removed-block' },
          el('span', { class: 'reason', text: `${e.rule}: ${e.reason}` }),
          el('button', { type: 'button', class: 'mini', text: 'Restore', 'aria-label': `Restore text removed as ${e.reason}`, onclick: restore(e) }),
          el('del', { title: e.reason, tabindex: '0', text: e.before })));
      } else if (e.kind === 'repair') {
        box.append(el('del', { class: 'repair-old', title: e.reason, text: e.before }),
          el('ins', { class: 'repair', title: e.reason, text: e.after }),
          el('button', { type: 'button', class: 'mini', text: 'undo', 'aria-label': `Undo repair: ${e.reason}`, onclick: restore(e) }));
      } else {
        box.append(el('mark', { class: 'flag', title: e.reason, tabindex: '0', text: e.before }),
          el('span', { class: 'reason', text: e.reason }));
      }
      cursor = e.end;
    }
    box.append(text.slice(cursor));
  }

  function bind(a) {
    actions = a;
    $('show-removed').addEventListener('change', (e) => { state.showRemoved = e.target.checked; AA.views.render(); });
  }

  // The rule switches live in this tab's panel but are drawn on every redraw (tab: null), so
  // they exist as soon as the rules are known, whichever tab is open.
  AA.views.register({ tab: null, render: renderRuleSwitches });
  AA.views.register({ tab: 'cleaned', render, bind });
})();
