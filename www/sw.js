// Service worker: after one visit the page works with the network off. The cache is
// versioned by the build (pkg/build-info.js, written by the build from the assets' hash);
// a new version waits until the user accepts the page's "reload" prompt.
/* global AA_BUILD, AA_PAGE_SCRIPTS */
importScripts('pkg/build-info.js');

const CACHE = 'article-analyzer-' + AA_BUILD;
// The page scripts (www/page/) are the ones index.html loads: the build lists them in
// pkg/build-info.js (AA_PAGE_SCRIPTS), so a new script is cached without an edit here.
const ASSETS = [
  './', 'index.html', 'worker.js', 'style.css', 'manifest.webmanifest', 'icon.svg',
  'pkg/article_analyzer.js', 'pkg/article_analyzer_bg.wasm', 'pkg/build-info.js',
  ...AA_PAGE_SCRIPTS,
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('article-analyzer-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  event.respondWith((async () => {
    const cached = await caches.match(event.request, { ignoreSearch: true });
    if (cached) return cached;
    return fetch(event.request);
  })());
});
