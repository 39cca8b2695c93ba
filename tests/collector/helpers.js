// Helpers for the collector's HTTP tests: start the real binary on a free port, build payloads.

import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOKEN = 'test-admin-token-0123456789';

/** The collector binary: $PEPITE_COLLECTOR, else the first build found. */
export function collectorBinary() {
  const candidates = [
    process.env.PEPITE_COLLECTOR,
    path.join(ROOT, 'build/native/collector/pepite-collector'),
    path.join(ROOT, 'build/collector/collector/pepite-collector'),
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(/** @type {string} */ (p)));
  if (!found) throw new Error('pepite-collector not built (set PEPITE_COLLECTOR)');
  return /** @type {string} */ (found);
}

/**
 * The PostgreSQL server the suites run against when PEPITE_TEST_DB holds a database URL
 * (scripts/with-postgres.sh sets it), else '' and SQLite files.
 */
export const POSTGRES = process.env.PEPITE_TEST_DB || '';

/** A new, empty PostgreSQL database on the PEPITE_TEST_DB server; returns its URL. */
export function createDatabase() {
  const name = `pepite_${randomUUID().replaceAll('-', '')}`;
  const r = spawnSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', POSTGRES, '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot create a test database: ${r.stderr}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return url.href;
}

/**
 * Runs one SQL statement on a collector's database (a SQLite file with the sqlite3 shell, a
 * PostgreSQL URL with psql) and returns its output, one row a line.
 * @param {string} db
 * @param {string} sql
 */
export function sql(db, sql) {
  const r = db.startsWith('postgres')
    ? spawnSync('psql', ['-qAt', '-v', 'ON_ERROR_STOP=1', db, '-c', sql], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${sql}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Takes a collector's database back to schema version 6 (before the rollups of versions 7 to 10):
 * the next collector started on it migrates it (issue 18's tests and bench/dashboard-bench.mjs).
 * @param {string} db
 */
export function backToVersion6(db) {
  if (db.startsWith('postgres')) {
    sql(db, `SET client_min_messages = warning; DROP TABLE response_rollups, topic_rollups,
      complaint_rollups; DROP FUNCTION IF EXISTS pepite_rollup, pepite_complaint, pepite_rollups,
      pepite_case_complaint CASCADE; DROP FUNCTION IF EXISTS
      pepite_rollup_add, pepite_complaint_response, pepite_complaint_case; DROP INDEX
      responses_complaints, cases_kpis, responses_callback_queue, responses_solved;
      UPDATE meta SET value = '6' WHERE key = 'schema_version'`);
    return;
  }
  const triggers = ['responses_rollup_insert', 'responses_rollup_update', 'responses_rollup_delete',
    'responses_complaint_insert', 'responses_complaint_update', 'responses_complaint_delete',
    'cases_complaint_insert', 'cases_complaint_update', 'cases_complaint_delete'];
  const indexes = ['responses_complaints', 'cases_kpis', 'responses_callback_queue', 'responses_solved'];
  sql(db, ['response_rollups', 'topic_rollups', 'complaint_rollups'].map((t) => `DROP TABLE ${t};`).join('') +
    triggers.map((t) => `DROP TRIGGER ${t};`).join('') + indexes.map((i) => `DROP INDEX ${i};`).join('') +
    'PRAGMA user_version = 6;');
}

/**
 * Starts the collector on 127.0.0.1 with `--port 0` and waits for its "ready" line (its store
 * open), or only for its "listening" line with `listening: true` (it listens before it opens
 * the store: 503 meanwhile, issue 18); `ready()` then waits for the store.
 * @param {{args?: string[], env?: Record<string, string>, dir?: string, db?: string,
 *   listening?: boolean, timeout?: number}} [o]
 */
export async function startCollector(o = {}) {
  const dir = o.dir || mkdtempSync(path.join(tmpdir(), 'pepite-collector-'));
  const db = o.db || (POSTGRES ? createDatabase() : path.join(dir, 'test.db'));
  const args = ['--port', '0', '--db', db, '--surveys', path.join(ROOT, 'demo/surveys'),
    '--static', path.join(ROOT, 'demo'), '--widget', path.join(ROOT, 'dist'),
    // The dashboard of this tree, whichever build's binary runs it (its default is the build's
    // own source directory).
    '--dashboard', path.join(ROOT, 'collector/dashboard'), ...(o.args || [])];
  const env = { ...process.env, PEPITE_ADMIN_TOKEN: TOKEN, ...(o.env || {}) };
  const proc = spawn(collectorBinary(), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  /** Resolves with the first match of `pattern` in the output. @param {RegExp} pattern @param {number} ms */
  const waitFor = (pattern, ms) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not print ${pattern}: ${out} ${err}`)), ms);
    const look = () => {
      const m = pattern.exec(out);
      if (!m) return false;
      clearTimeout(timer);
      proc.stdout.off('data', look);
      resolve(m);
      return true;
    };
    proc.stdout.on('data', look);
    // 'close': its stderr read to the end, so the message of a failed start is in the error.
    proc.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited (${code}): ${out} ${err}`));
    });
    look();
  });
  proc.stdout.on('data', (d) => { out += d; });
  const url = (await waitFor(/listening on (http:\/\/[\d.]+:\d+)/, o.timeout ?? 10000))[1];
  /** Waits for the store to be open (the "ready" line). @param {number} [ms] */
  const ready = (ms = 10000) => waitFor(/pepite-collector ready: /, ms);
  if (!o.listening) await ready(o.timeout ?? 10000);
  return {
    url,
    ready,
    dir,
    db,
    proc,
    output: () => out,
    errors: () => err,
    /** Stops with SIGTERM and waits for the exit. */
    async stop(removeDir = !o.dir) {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      if (removeDir) rmSync(dir, { recursive: true, force: true });
    },
    /** kill -9: no chance to flush anything. */
    async kill9() {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A valid pepite.response/1 payload for the demo's post-purchase survey.
 * `other` answers "What went wrong?" (a detractor's question) with the "other" option and that
 * text.
 * @param {{id?: string, nps?: number, status?: 'partial'|'complete', comment?: string,
 *   other?: string, orderId?: string, consent?: boolean, at?: number}} [o]
 */
export function makePayload(o = {}) {
  const nps = o.nps ?? 3;
  const status = o.status || 'complete';
  const started = o.at ?? Date.UTC(2026, 10, 25, 9, 0, 0);
  const updated = started + 8000;
  /** @type {Record<string, unknown>[]} */
  const answers = [{ questionId: 'nps', type: 'nps', value: nps }];
  if (o.other !== undefined) answers.push({ questionId: 'wrong', type: 'choice', value: ['late', 'other'], otherText: o.other });
  if (o.comment !== undefined) answers.push({ questionId: 'comment', type: 'text', value: o.comment });
  const category = nps <= 6 ? 'detractor' : nps <= 8 ? 'passive' : 'promoter';
  // As the core builds it: a score alone is never `high` (the tiers of issue 16).
  const alert = nps <= 6 ? { priority: 'normal', reasons: ['nps_detractor'] } : null;
  return {
    schema: 'pepite.response/1',
    responseId: o.id || randomUUID(),
    surveyId: 'post-purchase',
    status,
    answers,
    scores: { nps, npsCategory: category, csat: null, csatSatisfied: null, ces: null, cesLowEffort: null },
    alert,
    callbackConsent: o.consent ?? false,
    properties: { orderId: o.orderId || 'CMD-00000001', channel: 'web' },
    context: {
      locale: 'fr',
      pageUrl: 'https://shop.example/merci',
      startedAt: new Date(started).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      submittedAt: status === 'complete' ? new Date(updated).toISOString() : null,
      durationMs: 8000,
    },
  };
}

/**
 * POSTs a payload.
 * @param {string} url
 * @param {unknown} payload
 * @param {Record<string, string>} [headers]
 */
export function post(url, payload, headers = {}) {
  return fetch(`${url}/v1/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

/** @param {string} [token] */
export const auth = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });

/**
 * Load through a balancer's round robin over two collectors: `workers` loops POST `make(w, i)`
 * until `load.stop`; once `load.aDead`, only to `b`; a POST that fails on one collector (its
 * connection died with it) is sent to the other, the same payload, as a shopper's outbox does.
 * Acknowledged ids go to `load.acknowledged`. Resolves when every loop has stopped.
 * @param {{url: string}} a
 * @param {{url: string}} b
 * @param {(w: number, i: number) => ReturnType<typeof makePayload>} make
 * @param {{acknowledged: Set<string>, sent: number, aDead: boolean, stop: boolean}} load
 */
export function balancedLoad(a, b, make, load, workers = 16) {
  return Promise.all(Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; !load.stop; i++) {
      const p = make(w, i);
      load.sent += 1;
      for (const target of (w + i) % 2 && !load.aDead ? [a, b] : [b]) {
        try {
          const res = await post(target.url, p);
          await res.arrayBuffer();
          if (res.status === 200) {
            load.acknowledged.add(p.responseId);
            break;
          }
        } catch {
          // the connection died with the collector: try the next one
        }
      }
    }
  }));
}

/**
 * Records a browser page's CSP violations and errors, from before its first script runs; the
 * array fills as they happen (assert it is empty at the end).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export async function watchPage(page) {
  /** @type {string[]} */
  const problems = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load: CSP violation ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

/** Debian's Chromium, headless, as every browser suite of the collector launches it. */
export const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/**
 * axe-core's WCAG 2.2 AA violations on the page (`id: nodes`), injected through the DevTools
 * protocol, so the page's CSP (no inline script) still holds.
 * @param {import('playwright-core').Page} page
 */
export async function axeViolations(page) {
  await page.evaluate(readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const r = await /** @type {any} */ (window).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.length}`);
  });
}
