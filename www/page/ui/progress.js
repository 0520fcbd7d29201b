// Owns: the progress bar of the analysis queue (with its Cancel button's box) and the status
// line under it (#status, a polite live region: what finished, what went wrong).
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $ } = AA.dom;

  let last = 0;

  AA.progress = {
    show(on) { $('progress-box').hidden = !on; },
    /** `done` of `total` documents analysed, `name` the latest. */
    step(done, total, name) {
      const now = performance.now();
      if (now - last < 100 && done < total) return; // the live region speaks at most 10×/s
      last = now;
      $('progress').max = total;
      $('progress').value = done;
      $('progress-text').textContent = `${done} of ${total} · ${name}`;
    },
    say(text) { $('status').textContent = text; },
  };
})();
