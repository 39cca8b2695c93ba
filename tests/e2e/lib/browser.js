// Launches Debian's Chromium through playwright-core, with the flags that work on these machines.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The strict policy of issue 4. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/**
 * A stricter one still (the framework pages, issue 19): nothing by default, every kind of
 * resource from the page's own origin only, no inline script or style, no `data:` image or font,
 * and Trusted Types enforced on script sinks. 'wasm-unsafe-eval' is what compiling
 * pepite-core.wasm needs (no JavaScript eval).
 */
export const STRICTEST_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; require-trusted-types-for 'script'";

/** @returns {Promise<import('playwright-core').Browser>} */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Starts the browser and the static server over the repository.
 * @param {Record<string, Record<string, string>>} [headers] more response headers per path
 */
export async function setup(headers = {}) {
  const server = await startStaticServer({
    root: ROOT,
    headers: { '/tests/e2e/pages/csp.html': { 'content-security-policy': STRICT_CSP }, ...headers },
  });
  const browser = await launch();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** axe-core's source, injected into pages. */
export const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) over the page, shadow roots included.
 * @param {import('playwright-core').Page} page
 * @param {string} [only] a selector: that element (and its shadow tree) alone, not the host page
 * @returns {Promise<Array<{ id: string, help: string, nodes: string[] }>>}
 */
export async function axe(page, only) {
  // Evaluated through the DevTools protocol, not an inline <script>: a strict policy refuses those.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE + '\n;void 0');
  return page.evaluate(async (only) => {
    const r = await /** @type {any} */ (window).axe.run(only ? { include: [only] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((/** @type {any} */ v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((/** @type {any} */ n) => JSON.stringify(n.target) + ' ' + n.failureSummary) }));
  }, only);
}

/**
 * Opens a page and collects console warnings, page errors and the widget's events.
 * @param {import('playwright-core').Browser | import('playwright-core').BrowserContext} where
 * @param {string} url
 * @param {object} [contextOptions]
 */
export async function open(where, url, contextOptions) {
  const context = 'newContext' in where ? await where.newContext(contextOptions) : where;
  const page = await context.newPage();
  const warnings = [];
  const pageErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(url);
  return { context, page, warnings, pageErrors };
}

/**
 * Waits until the page recorded an event of that type; returns its detail.
 * @param {import('playwright-core').Page} page
 * @param {string} type
 * @param {number} [count] wait for the count-th one
 */
export async function waitEvent(page, type, count = 1) {
  await page.waitForFunction(([t, n]) => (/** @type {any} */ (window).__events || []).filter((e) => e.type === t).length >= n, [type, count], { timeout: 10000 });
  return page.evaluate(([t, n]) => (/** @type {any} */ (window).__events).filter((e) => e.type === t)[n - 1].detail, [type, count]);
}

/** The event types recorded so far. @param {import('playwright-core').Page} page */
export function eventTypes(page) {
  return page.evaluate(() => (/** @type {any} */ (window).__events || []).map((e) => e.type));
}

/**
 * The focused element inside the widget's shadow root, described for assertions.
 * @param {import('playwright-core').Page} page
 */
export function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return '';
    const id = a.getAttribute('data-pepite-score') ?? a.getAttribute('data-value') ?? a.getAttribute('value') ?? a.id ?? '';
    return `${a.tagName.toLowerCase()}${a.className ? '.' + String(a.className).split(' ').join('.') : ''}[${id}]`;
  });
}

/**
 * Waits (in the test, not the page) until `check()` holds, or fails after 10 s.
 * @param {() => boolean} check
 * @param {string} what named in the failure
 */
export async function until(check, what) {
  const end = Date.now() + 10000;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The bodies POSTed to the static server's /collect for one order, parsed.
 * @param {{ posts: Array<{ body: string }> }} server
 * @param {string} order
 */
export function postedFor(server, order) {
  return server.posts.map((p) => JSON.parse(p.body)).filter((b) => b.properties && b.properties.orderId === order);
}

/**
 * Holds back every response matching `glob` by `ms` in this context: a slow network for that file.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} glob
 * @param {number} ms
 */
export function slowRoute(context, glob, ms) {
  return context.route(glob, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    // The page may be gone by then (the test closed its context).
    await route.continue().catch(() => {});
  });
}
