// Owns: the served page's offline support: registers the service worker (sw.js: the page
// works with the network off after one visit) and shows the "new version" banner, whose
// Reload swaps to the new version only when the user asks. The single file has no service
// worker (it is already offline) and hides its own download link.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $, embed } = AA.dom;

  function bind() {
    if (embed) $('single-file-link').parentElement.hidden = true;
    if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http') || embed) return;
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

  AA.offline = { bind };
})();
