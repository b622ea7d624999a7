// First load of each page in Chromium, driven through its DevTools protocol: a fresh browser
// context per page (cold cache, cache disabled), the network throttled to 1.6 Mbit/s with a 150 ms
// round trip. Prints the bytes transferred (as sent: compressed) per kind — document, JavaScript,
// wasm, CSS, other — and the time from navigation until the page is hydrated (the app sets
// `data-hydrated` on <html> once the wasm has taken over), once as Chromium asks (Brotli where it
// accepts it) and once accepting gzip only.
//   node bench/first-load.cjs BASE_URL PAGES_JSON
// PAGES_JSON: [{"name": "...", "path": "/...", "cookie": "passerelle_session=..." | ""}, ...]
const { chromium } = require('playwright-core');

const [base, pagesJson] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);
const THROTTLE = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 1_600_000 / 8,
};

function kind(type, url) {
  if (url.endsWith('.wasm')) return 'wasm';
  switch (type) {
    case 'Document': return 'html';
    case 'Script': return 'js';
    case 'Stylesheet': return 'css';
    case 'Fetch': case 'XHR': return url.endsWith('.json') ? 'json' : 'api';
    default: return 'other';
  }
}

async function load(browser, page, encoding) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  if (page.cookie) {
    const [name, value] = page.cookie.split('=');
    await context.addCookies([{ name, value, url: base }]);
  }
  // The moment <html> gets data-hydrated, on the page's own clock (0 = navigation start).
  await context.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.documentElement.hasAttribute('data-hydrated')) {
        window.__hydratedAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
  });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  if (encoding) {
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } });
  }
  const requests = new Map();
  const bytes = {};
  const files = [];
  cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, e));
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    const k = kind(r.type, r.response.url);
    bytes[k] = (bytes[k] ?? 0) + e.encodedDataLength;
    files.push({ url: r.response.url.replace(base, ''), bytes: e.encodedDataLength, at: Date.now() - started,
                 encoding: r.response.headers['content-encoding'] ?? r.response.headers['Content-Encoding'] ?? '' });
  });
  const errors = [];
  let started = Date.now();
  tab.on('pageerror', (e) => errors.push(String(e)));
  started = Date.now();
  await tab.goto(base + page.path, { waitUntil: 'commit', timeout: 120_000 });
  await tab.waitForFunction(() => window.__hydratedAt !== undefined, null, { timeout: 120_000 });
  const hydratedAt = await tab.evaluate(() => window.__hydratedAt);
  // Whatever the page still fetches once hydrated (nothing, normally) counts too.
  await tab.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => {});
  await context.close();
  return { hydratedAt, bytes, files, errors };
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const kib = (n) => (n / 1024).toFixed(1);
  let failed = false;
  for (const [label, encoding] of [['as Chromium asks', null], ['gzip only', 'gzip']]) {
    console.log(`\n${label} (1.6 Mbit/s, 150 ms round trip, cold cache)`);
    console.log('page'.padEnd(34) + 'hydrated   total KiB  js+wasm+css KiB  (html / js / wasm / css / other)');
    for (const page of pages) {
      const r = await load(browser, page, encoding);
      const b = (k) => r.bytes[k] ?? 0;
      const total = Object.values(r.bytes).reduce((a, n) => a + n, 0);
      const code = b('js') + b('wasm') + b('css');
      console.log(
        page.name.padEnd(34) + `${(r.hydratedAt / 1000).toFixed(2)} s`.padStart(8) +
        kib(total).padStart(12) + kib(code).padStart(17) +
        `  (${kib(b('html'))} / ${kib(b('js'))} / ${kib(b('wasm'))} / ${kib(b('css'))} / ${kib(b('other') + b('json') + b('api'))})`);
      if (process.env.VERBOSE) {
        for (const f of r.files) console.log(`    ${kib(f.bytes).padStart(8)} KiB ${f.encoding.padEnd(4)} at ${(f.at / 1000).toFixed(2)} s ${f.url}`);
      }
      for (const e of r.errors) { console.log(`    page error: ${e}`); failed = true; }
    }
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
