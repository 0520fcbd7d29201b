// Builds the offline single file: one HTML page with the stylesheet, the page scripts, the
// worker (wasm-bindgen glue + worker.js, started from a blob) and the wasm (base64) inlined.
// Its CSP allows exactly its one inline script, by sha256 hash. The page scripts are the
// classic scripts index.html loads (www/page/, one namespace): concatenated in index.html's
// order they make that one script, so index.html's list is the only list to keep.
// Also writes pkg/build-info.js for the service worker: the build's hash (which versions
// its cache) and that list of page scripts (which it caches).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const [pkg, out] = process.argv.slice(2);
const www = join(root, 'www');
const read = (p) => readFileSync(p, 'utf8');

const glue = read(join(pkg, 'article_analyzer.js'));
const wasm = readFileSync(join(pkg, 'article_analyzer_bg.wasm'));
const workerJs = read(join(www, 'worker.js'));
const css = read(join(www, 'style.css'));
let html = read(join(www, 'index.html'));
// The page's scripts, in the order index.html loads them.
const SCRIPT_TAG = /<script src="([^"]+)" defer><\/script>\n/g;
const scripts = [...html.matchAll(SCRIPT_TAG)].map((m) => m[1]);
if (!scripts.length) throw new Error('single-file build: index.html loads no page script');
const app = scripts.map((s) => read(join(www, s))).join('\n');
// Inlined as is, so they must not close the inline script early.
if (/<\/script|<!--/i.test(app)) throw new Error('single-file build: a page script contains "</script" or "<!--"');

const build = createHash('sha256').update(glue).update(wasm).update(workerJs).update(app)
  .update(css).update(html).update(read(join(www, 'sw.js'))).digest('hex').slice(0, 16);
writeFileSync(join(pkg, 'build-info.js'), `self.AA_BUILD = ${JSON.stringify(build)};\n` +
  `self.AA_PAGE_SCRIPTS = ${JSON.stringify(scripts)};\n`);

const strip = workerJs.split('\n').filter((l) => !l.includes('@single-file-strip')).join('\n');
const embed = { worker: glue + '\n' + strip, wasm: wasm.toString('base64') };
// "</script" can never appear inside the inline script: escape every "<".
const script = `const AA_EMBED = ${JSON.stringify(embed).replace(/</g, '\\u003c')};\n${app}`;
const hash = createHash('sha256').update(script).digest('base64');
const styleText = `\n${css}`;
const styleHash = createHash('sha256').update(styleText).digest('base64');
const csp = "default-src 'none'; script-src 'sha256-" + hash + "' 'wasm-unsafe-eval'; " +
  "style-src 'sha256-" + styleHash + "'; img-src data: blob:; worker-src blob:; connect-src 'none'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'";

const replace = (pattern, value) => {
  if (!pattern.test(html)) throw new Error('single-file build: pattern not found: ' + pattern);
  html = html.replace(pattern, () => value);
};
replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
replace(/<link rel="manifest"[^>]*>\n/, '');
replace(/<link rel="icon"[^>]*>\n/, '');
replace(/<link rel="stylesheet" href="style.css">/, `<style>${styleText}</style>`);
replace(/<!-- The page scripts[^]*?-->\n/, '');
replace(new RegExp(SCRIPT_TAG.source, 'g'), '');
replace(/<\/body>/, `<script>${script}</script>\n</body>`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.error(`single file: ${out} (${(html.length / 1048576).toFixed(2)} MB), build ${build}`);
