// Owns: how documents come in: the paste box (a page's clipboard HTML goes in at once) and its button, the file picker, and files or
// whole folders dropped anywhere on the page (with the drop overlay). Each hands a list of
// items ({ name, size, text } or { name, size, file }) to the `add` given to bind(); files
// are added in name order.
(() => {
  'use strict';
  const AA = (self.AA = self.AA || {});
  const { $ } = AA.dom;

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

  // A folder is walked only when one was dropped: plain files come straight from `files`.
  async function filesFromDrop(dt) {
    const entries = [...(dt.items || [])].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (entries.some((e) => e.isDirectory)) {
      const out = [];
      for (const e of entries) await entriesToFiles(e, out);
      return out;
    }
    return [...dt.files];
  }

  function bind(add) {
    const addFiles = (files) => add([...files].sort((a, b) => a.name.localeCompare(b.name)).map((f) => ({ name: f.name, size: f.size, file: f })));

    $('add-paste').addEventListener('click', () => {
      const text = $('paste').value;
      if (!text.trim()) { AA.progress.say('Nothing to analyse: the paste box is empty.'); return; }
      const first = text.trim().split('\n')[0].slice(0, 60);
      add([{ name: `Pasted: ${first}`, size: new Blob([text]).size, text }]);
      $('paste').value = '';
    });
    // A page copied from a browser carries its HTML beside the plain text: the HTML is
    // analysed (the article found from the page's structure), not the flattened text.
    $('paste').addEventListener('paste', (e) => {
      const html = e.clipboardData && e.clipboardData.getData('text/html');
      if (!html || !html.trim()) return; // plain text: pasted into the box as usual
      e.preventDefault();
      // Named by its plain text's first line (the page's own title is shown from its metadata;
      // parsing the HTML here would apply its inline styles, which the CSP forbids).
      const first = (e.clipboardData.getData('text/plain') || '').trim().split('\n')[0];
      add([{ name: `Pasted page: ${(first || 'untitled').slice(0, 60)}`, size: new Blob([html]).size, html }]);
    });
    $('files').addEventListener('change', (e) => { addFiles(e.target.files); e.target.value = ''; });

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
  }

  AA.input = { bind };
})();
