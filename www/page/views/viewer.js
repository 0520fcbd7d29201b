// Owns: the viewer of the selected document: the tabs (Cleaned, Entities, Duplicates), the
// title line, and the registry of views. A view is one file in views/ that registers
// { tab, render(d), bind?(actions) }: `render` redraws it from the store's state (d: the
// selected document, or undefined); `bind` hooks up its own controls once. Views read state
// and never call the worker: what needs analysis goes through `actions` (main.js gives the
// analysis queue's), and a view only writes its own view choices to state.
//
// A new view (say Quotes) is a views/quotes.js registering { tab: 'quotes', ... }, its script
// tag in index.html, and a tab and panel in index.html (#tab-quotes, #view-quotes).
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $ } = AA.dom;
  const { state } = AA.store;

  const views = [];
  // Tabs in the order their first view registered (index.html's script order).
  const tabs = [];

  /** Adds a view. `tab: null` renders on every redraw, whatever the tab. */
  function register(view) {
    views.push(view);
    if (view.tab && !tabs.includes(view.tab)) tabs.push(view.tab);
  }

  function render() {
    const d = state.docs[state.selected];
    // An HTML page's own title, byline and date (from its <meta>, <time> and JSON-LD).
    const m = (d && d.view && d.view.metadata) || {};
    const about = [m.title, m.byline && `by ${m.byline}`, m.date].filter(Boolean).join(' · ');
    $('doc-title').textContent = d ? `${d.name} — ${d.status === 'error' ? 'error: ' + d.error : d.status}${about ? ' — ' + about : ''}` : 'No document yet: paste text or drop files.';
    for (const t of tabs) {
      const on = state.tab === t;
      $('tab-' + t).setAttribute('aria-selected', String(on));
      $('tab-' + t).tabIndex = on ? 0 : -1;
      $('view-' + t).hidden = !on;
    }
    for (const v of views) if (!v.tab || v.tab === state.tab) v.render(d);
  }

  /** Binds the tabs (click; ← / → between them) and every view's controls. */
  function bind(actions) {
    for (const t of tabs) {
      $('tab-' + t).addEventListener('click', () => { state.tab = t; render(); });
      $('tab-' + t).addEventListener('keydown', (e) => {
        const k = tabs.indexOf(t) + (e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0);
        if (k !== tabs.indexOf(t)) { state.tab = tabs[(k + tabs.length) % tabs.length]; render(); $('tab-' + state.tab).focus(); }
      });
    }
    for (const v of views) if (v.bind) v.bind(actions);
  }

  AA.views = { register, render, bind };
})();
