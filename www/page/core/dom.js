// Owns: the page's one namespace (`AA`), the DOM helpers every page script uses, and
// whether this page is the offline single file. Loaded first (see index.html).
//
// The page is classic scripts on one namespace, not ES modules, because the offline single
// file (scripts/build-single.mjs) must be one inline script allowed by its sha256 hash:
// classic scripts inline by plain concatenation, in index.html's order, with no bundler.
// Each script is an IIFE that adds one entry to `AA` and leaks nothing else. index.html
// loads them in dependency order: core/, analysis/, ui/, views/ (viewer.js first: the
// views register with it), exports/, and main.js last, which wires them and starts.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});

  const $ = (id) => document.getElementById(id);

  /** Creates an element; `props.text` sets textContent, `on*` add listeners. Children are
   *  nodes or strings (appended as text nodes: user text never becomes markup). */
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

  // The offline single file defines AA_EMBED = { worker, wasm } before the page scripts.
  const embed = typeof AA_EMBED !== 'undefined' ? AA_EMBED : null; // eslint-disable-line no-undef

  AA.dom = { $, el, embed };
})();
