// The manager's screens at scale (issue 16; a benchmark, not a test): 1,000,000 stored responses
// inserted straight through SQL (sqlite3, one transaction; the rollups' triggers run on every
// row), then the collector serves the overview (`GET /v1/stats`, with its period, complaint KPIs
// and topics) and the first page of each queue (`GET /v1/cases?queue=…`). Target: under 200 ms
// each. Prints the median and the slowest of 7 requests after one warm-up.
// Usage: node bench/dashboard-bench.mjs [rows=1000000]
// With PEPITE_BENCH_DB=postgresql://… (an empty database: `bash scripts/with-postgres.sh sh -c
// 'PEPITE_BENCH_DB=$PEPITE_TEST_DB node bench/dashboard-bench.mjs 10000000'`) the rows go into
// PostgreSQL instead, seeded with generate_series in chunks of 1,000,000 (the rollup triggers
// off while seeding, then each rollup added up in one statement, as the v7 and v8 migrations do).
// With PEPITE_BENCH_READ_DB=postgresql://… (the same database on a streaming replica: `
// PEPITE_PG_REPLICA=1 bash scripts/with-postgres.sh sh -c 'PEPITE_BENCH_DB=$PEPITE_TEST_DB
// PEPITE_BENCH_READ_DB=$PEPITE_TEST_READ_DB node bench/dashboard-bench.mjs'`, issue 18) each
// route is timed twice: the collector reading on the primary, then with `--read-db` once the
// replica has replayed the seed; and with PEPITE_BENCH_LOAD=20s, bench/collector-load.sh POSTs
// into the same database (its own collector) for that long, alone, then while 4 loops request
// the overview and the first call-back page from the dashboard's collector (on the primary, then
// on the replica): the POST throughput each time, and how many dashboard requests were answered.
// With PEPITE_BENCH_MIGRATE=1 the rows are written on a version 6 schema (no rollups), and the
// collector that serves the routes is the one that migrates it to the current version: printed,
// when it listened and was ready, when a second collector started 1 s later was ready (it waits
// for the first one's migration), what both /healthz said meanwhile (polled every 100 ms; from
// when to when, the slowest answer), and the slowest of the inserts an older collector would have
// made meanwhile (one every 100 ms, with sqlite3 or psql).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { backToVersion6 } from '../tests/collector/helpers.js';

const rows = Number(process.argv[2] || 1_000_000);
const bin = process.env.PEPITE_COLLECTOR || 'build/native/collector/pepite-collector';
if (!existsSync(bin)) throw new Error(`build ${bin} first`);
const work = mkdtempSync(path.join(tmpdir(), 'pepite-dash-bench-'));
const postgres = process.env.PEPITE_BENCH_DB || '';
const db = postgres || path.join(work, 'bench.db');
const token = `bench-${Math.random().toString(36).slice(2)}`;

const readDb = process.env.PEPITE_BENCH_READ_DB || '';
const load = process.env.PEPITE_BENCH_LOAD || '';

/**
 * Starts the collector on `db` (reading on `replica` when given); resolves with its URL and process
 * once its store is open ("ready"), or once it listens with `listening` (it listens before it
 * opens the store, issue 18); `ready` resolves with the time of its "ready" line.
 * @returns {Promise<{url: string, proc: import('node:child_process').ChildProcess, ready: Promise<number>}>}
 */
function start(replica = '', listening = false) {
  const proc = spawn(bin, ['--port', '0', '--db', db, '--surveys', 'demo/surveys', '--rate-limit', '0', '--no-access-log',
    ...(replica ? ['--read-db', replica] : [])],
    { env: { ...process.env, PEPITE_ADMIN_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let url = '';
    /** @type {(t: number) => void} */
    let readyAt = () => {};
    /** @type {Promise<number>} */
    const ready = new Promise((r) => { readyAt = r; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m && !url) {
        url = m[1];
        if (listening) resolve({ url, proc, ready });
      }
      if (url && /pepite-collector ready: /.test(out)) {
        readyAt(performance.now());
        resolve({ url, proc, ready });
      }
    });
    proc.on('exit', (code) => reject(new Error(`collector exited ${code}`)));
  });
}
/** CPU time (user + system) a process has used, in ms (Linux clock ticks of 10 ms). @param {number | undefined} pid */
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
/** @param {import('node:child_process').ChildProcess} proc */
const stop = (proc) => new Promise((r) => { proc.once('exit', r); proc.kill('SIGTERM'); });

// The schema: a collector creates it, then stops.
const first = /** @type {{url: string, proc: import('node:child_process').ChildProcess}} */ (await start());
await stop(first.proc);
const migrate = process.env.PEPITE_BENCH_MIGRATE === '1';
if (migrate) backToVersion6(db);

// 90 days back from today; 1 in 8 a detractor (with an alert, its case, half of them
// consented), 1 in 4 with a comment naming a topic, the rest promoters and passives.
const t0 = performance.now();
if (postgres) seedPostgres(); else seedSqlite();

function seedSqlite() {
  const insert = `
  PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
  BEGIN;
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
  INSERT INTO responses (response_id, survey_id, status, nps, category, alert, alert_priority,
    alert_reasons, callback_consent, order_id, comment, locale, submitted_at, received_at,
    updated_at, payload)
  SELECT printf('00000000-0000-4000-8000-%012d', i), 'post-purchase', 'complete', s,
    CASE WHEN s <= 6 THEN 'detractor' WHEN s <= 8 THEN 'passive' ELSE 'promoter' END,
    s <= 6, CASE WHEN s <= 3 THEN 'high' WHEN s <= 6 THEN 'normal' ELSE '' END,
    CASE WHEN s <= 6 THEN 'nps_detractor' ELSE '' END, s <= 6 AND i % 2 = 0, printf('CMD-%08d', i / 2),
    CASE WHEN i % 4 = 0 THEN 'Colis abîmé, livreur en retard' ELSE '' END, 'fr', at, at, at,
    '{"schema":"pepite.response/1","responseId":"' || printf('00000000-0000-4000-8000-%012d', i) ||
    '","surveyId":"post-purchase","status":"complete","answers":[{"questionId":"nps","type":"nps","value":' || s ||
    '}' || CASE WHEN s <= 6 THEN ',{"questionId":"wrong","type":"choice","value":["late","other"],"otherText":"Livreur impoli"}' ELSE '' END ||
    CASE WHEN i % 4 = 0 THEN ',{"questionId":"comment","type":"text","value":"Colis abîmé, livreur en retard"}' ELSE '' END ||
    '],"scores":{"nps":' || s || '},"callbackConsent":' || CASE WHEN s <= 6 AND i % 2 = 0 THEN 'true' ELSE 'false' END ||
    CASE WHEN i % 4 = 0 THEN ',"topics":["damaged_item","delivery_delay"]' ELSE '' END ||
    ',"properties":{"orderId":"' || printf('CMD-%08d', i / 2) || '"},"context":{"locale":"fr"}}'
  FROM (SELECT i, CASE WHEN i % 8 = 0 THEN i % 7 ELSE 7 + i % 4 END AS s,
          strftime('%Y-%m-%dT%H:%M:%fZ', 'now', printf('-%d seconds', (${rows} - i) * 7776000 / ${rows})) AS at
        FROM n);
  INSERT INTO cases (response_id, due_at, created_at, updated_at)
    SELECT response_id, strftime('%Y-%m-%dT%H:%M:%fZ', received_at, '+24 hours'), received_at, received_at
    FROM responses WHERE category = 'detractor' OR alert = 1;
  UPDATE responses SET follow_up = 'contacted', follow_up_at = received_at WHERE seq % 24 = 0;
  UPDATE cases SET contacted_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+5 hours')
    WHERE response_id IN (SELECT response_id FROM responses WHERE seq % 24 = 0);
  COMMIT;
  ANALYZE;
  PRAGMA wal_checkpoint(TRUNCATE);`;
  const r = spawnSync('sqlite3', [db], { input: insert, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const count = spawnSync('sqlite3', [db, 'SELECT count(*), sum(alert), (SELECT count(*) FROM cases) FROM responses'], { encoding: 'utf8' }).stdout.trim();
  console.log(`inserted ${rows.toLocaleString('en')} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s (responses|alerts|cases: ${count})`);
}

// Makes the new database a version 6 one (no rollups, no complaint rollup), as before issue 16's
// rollups.
// The migration to the current version: a collector started on the version 6 rows, a second
// one 1 s later, and an insert every 100 ms meanwhile, as an older collector still running would
// make (its slowest is how long POSTs stopped).
async function timeMigration() {
  const insert = (/** @type {number} */ i) => `INSERT INTO responses (response_id, survey_id, status, received_at, updated_at, payload) VALUES ('probe-${i}', 'probe', 'complete', '2026-12-07T00:00:00.000Z', '', '{}')`;
  /** One insert as an older collector would make; resolves when it is done. @param {number} i */
  const probe = (i) => new Promise((resolve, reject) => {
    const p = postgres ? spawn('psql', ['-qAtX', postgres, '-c', insert(i)], { stdio: 'ignore' })
      : spawn('sqlite3', ['-cmd', '.timeout 600000', db, insert(i)], { stdio: 'ignore' });
    p.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`probe insert: exit ${code}`))));
  });
  const t0 = performance.now();
  const s = (/** @type {number} */ t) => `${((t - t0) / 1000).toFixed(1)} s`;
  const a = await start('', true);
  const aListened = performance.now();
  await new Promise((r) => setTimeout(r, 1000));
  /** @type {{url: string, proc: import('node:child_process').ChildProcess, ready: Promise<number>} | null} */
  let b = null;
  let bFailed = '';
  const bStarted = start('', true).then((c) => { b = c; }, (e) => { bFailed = `${e.message} at ${s(performance.now())}`; });
  let aReady = 0;
  let bReady = 0;
  a.ready.then((t) => { aReady = t; });
  bStarted.then(() => b?.ready.then((t) => { bReady = t; }));
  // /healthz of each collector every 100 ms: what it says, from when to when, and how fast.
  /** @type {Record<string, {statuses: Record<string, [number, number]>, slowest: number, answers: number}>} */
  const seen = { first: { statuses: {}, slowest: 0, answers: 0 }, second: { statuses: {}, slowest: 0, answers: 0 } };
  let slowestInsert = 0;
  let inserts = 0;
  const done = () => aReady && (bReady || bFailed);
  const inserting = (async () => {
    while (!done()) {
      const t = performance.now();
      await probe(inserts++);
      slowestInsert = Math.max(slowestInsert, performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  while (!done()) {
    for (const [name, c] of /** @type {const} */ ([['first', a], ['second', b]])) {
      if (!c) continue;
      const t = performance.now();
      try {
        const res = await fetch(`${c.url}/healthz`);
        const body = await res.json();
        const ms = performance.now() - t;
        const what = res.status === 200 ? 'ok' : `${body.status} (${body.detail})`;
        const range = (seen[name].statuses[what] ||= [t, t]);
        range[1] = t;
        seen[name].slowest = Math.max(seen[name].slowest, ms);
        seen[name].answers += 1;
      } catch (e) {
        (seen[name].statuses[`no answer: ${/** @type {Error} */ (e).message}`] ||= [t, t])[1] = t;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await inserting;
  if (b) await stop(/** @type {{proc: import('node:child_process').ChildProcess}} */ (b).proc);
  const said = (/** @type {string} */ name) => Object.entries(seen[name].statuses)
    .map(([what, [from, to]]) => `${what} from ${s(from)} to ${s(to)}`).join('; ') +
    ` (${seen[name].answers} answers, slowest ${seen[name].slowest.toFixed(1)} ms)`;
  console.log(`migration of ${rows.toLocaleString('en')} version 6 rows: the first collector listened after ${s(aListened)}, ` +
    `ready after ${s(aReady)}; its /healthz said ${said('first')}`);
  console.log(`the second collector (started 1 s later): ${bFailed ? `failed: ${bFailed}` : `ready after ${s(bReady)}; its /healthz said ${said('second')}`}`);
  console.log(`${inserts} inserts meanwhile (as an older collector would make), the slowest ${(slowestInsert / 1000).toFixed(1)} s`);
  return a;
}

/** @param {string} sql */
function psql(sql) {
  const r = spawnSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-At', postgres], { input: sql, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

// The same rows as on SQLite, a million per statement.
function seedPostgres() {
  /** @param {string} t */
  const iso = (t) => `to_char((${t}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  /** The quarter of an hour of an ISO time, as the rollups key it. @param {string} t */
  const quarter = (t) => `substr(${t}, 1, 14) || CASE WHEN substr(${t}, 15, 2) < '15' THEN '00'
    WHEN substr(${t}, 15, 2) < '30' THEN '15' WHEN substr(${t}, 15, 2) < '45' THEN '30' ELSE '45' END`;
  psql('ALTER TABLE responses DISABLE TRIGGER USER; ALTER TABLE cases DISABLE TRIGGER USER');
  for (let lo = 1; lo <= rows; lo += 1_000_000) {
    const hi = Math.min(rows, lo + 999_999);
    psql(`
INSERT INTO responses (response_id, survey_id, status, nps, category, alert, alert_priority,
  alert_reasons, callback_consent, order_id, comment, locale, submitted_at, received_at,
  updated_at, payload)
SELECT '00000000-0000-4000-8000-' || lpad(i::text, 12, '0'), 'post-purchase', 'complete', s,
  CASE WHEN s <= 6 THEN 'detractor' WHEN s <= 8 THEN 'passive' ELSE 'promoter' END,
  (s <= 6)::int, CASE WHEN s <= 3 THEN 'high' WHEN s <= 6 THEN 'normal' ELSE '' END,
  CASE WHEN s <= 6 THEN 'nps_detractor' ELSE '' END, (s <= 6 AND i % 2 = 0)::int, 'CMD-' || lpad((i / 2)::text, 8, '0'),
  CASE WHEN i % 4 = 0 THEN 'Colis abîmé, livreur en retard' ELSE '' END, 'fr', at, at, at,
  '{"schema":"pepite.response/1","responseId":"00000000-0000-4000-8000-' || lpad(i::text, 12, '0') ||
  '","surveyId":"post-purchase","status":"complete","answers":[{"questionId":"nps","type":"nps","value":' || s ||
  '}' || CASE WHEN s <= 6 THEN ',{"questionId":"wrong","type":"choice","value":["late","other"],"otherText":"Livreur impoli"}' ELSE '' END ||
  CASE WHEN i % 4 = 0 THEN ',{"questionId":"comment","type":"text","value":"Colis abîmé, livreur en retard"}' ELSE '' END ||
  '],"scores":{"nps":' || s || '},"callbackConsent":' || CASE WHEN s <= 6 AND i % 2 = 0 THEN 'true' ELSE 'false' END ||
  CASE WHEN i % 4 = 0 THEN ',"topics":["damaged_item","delivery_delay"]' ELSE '' END ||
  ',"properties":{"orderId":"CMD-' || lpad((i / 2)::text, 8, '0') || '"},"context":{"locale":"fr"}}'
FROM (SELECT i, CASE WHEN i % 8 = 0 THEN i % 7 ELSE 7 + i % 4 END AS s,
        ${iso(`now() - make_interval(secs => (${rows} - i)::float8 * 7776000 / ${rows})`)} AS at
      FROM generate_series(${lo}, ${hi}) AS i) AS x;`);
    console.log(`  rows ${lo.toLocaleString('en')}–${hi.toLocaleString('en')} inserted after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const rollups = migrate ? '' : `
INSERT INTO response_rollups SELECT substr(received_at, 1, 14) || CASE WHEN substr(received_at, 15, 2) < '15' THEN '00'
    WHEN substr(received_at, 15, 2) < '30' THEN '15' WHEN substr(received_at, 15, 2) < '45' THEN '30' ELSE '45' END,
  survey_id, status, category, alert, 0, count(*),
  ${Array.from({ length: 11 }, (_, k) => `count(*) FILTER (WHERE nps = ${k})`).join(', ')},
  0, 0, 0, 0 FROM responses GROUP BY 1, 2, 3, 4, 5;
INSERT INTO topic_rollups SELECT substr(received_at, 1, 14) || CASE WHEN substr(received_at, 15, 2) < '15' THEN '00'
    WHEN substr(received_at, 15, 2) < '30' THEN '15' WHEN substr(received_at, 15, 2) < '45' THEN '30' ELSE '45' END,
  survey_id, status, category, alert, 0, t, count(*)
  FROM responses, jsonb_array_elements_text(payload::jsonb -> 'topics') AS t
  WHERE payload LIKE '%"topics"%' GROUP BY 1, 2, 3, 4, 5, 7;
INSERT INTO complaint_rollups SELECT ${quarter('received_at')}, survey_id, status, category, 1, 0,
  CASE WHEN m < 0 THEN -1 WHEN m < 4320 THEN m WHEN m < 43200 THEN m - m % 60 ELSE m - m % 1440 END,
  CASE WHEN m < 0 THEN ${quarter('due')} ELSE '' END, count(*),
  count(*) FILTER (WHERE m >= 0 AND substr(contacted_at, 1, 19) <= substr(due, 1, 19)),
  count(*) FILTER (WHERE follow_up = 'resolved')
  FROM (SELECT r.received_at, r.survey_id, r.status, r.category, r.follow_up,
      COALESCE(c.contacted_at, '') AS contacted_at,
      COALESCE(NULLIF(c.due_at, ''), ${iso("r.received_at::timestamptz + interval '24 hours'")}) AS due,
      CASE WHEN COALESCE(c.contacted_at, '') = '' THEN -1 ELSE GREATEST(0, floor(extract(epoch FROM c.contacted_at::timestamptz))::bigint
        - floor(extract(epoch FROM r.received_at::timestamptz))::bigint) / 60 END AS m
    FROM responses r LEFT JOIN cases c ON c.response_id = r.response_id WHERE r.alert = 1) x
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;`;
  psql(`
INSERT INTO cases (response_id, due_at, created_at, updated_at)
  SELECT response_id, ${iso("received_at::timestamptz + interval '24 hours'")}, received_at, received_at
  FROM responses WHERE category = 'detractor' OR alert = 1;
UPDATE responses SET follow_up = 'contacted', follow_up_at = received_at WHERE seq % 24 = 0;
UPDATE cases SET contacted_at = ${iso("created_at::timestamptz + interval '5 hours'")}
  FROM responses r WHERE r.response_id = cases.response_id AND r.seq % 24 = 0;${rollups}
ALTER TABLE responses ENABLE TRIGGER USER;
ALTER TABLE cases ENABLE TRIGGER USER;
VACUUM ANALYZE;`);
  const count = psql('SELECT count(*), sum(alert), (SELECT count(*) FROM cases) FROM responses');
  console.log(`inserted ${rows.toLocaleString('en')} responses into PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(1)} s (responses|alerts|cases: ${count})`);
}

// The migration is timed with the collectors it starts; the routes are then timed as below.
if (migrate) await stop((await timeMigration()).proc);
const routes = [
  ['overview: GET /v1/stats', '/v1/stats'],
  ['overview on a clock UTC+1 (the dashboard\'s tzOffset=60)', '/v1/stats?tzOffset=60'],
  ['overview of a survey: GET /v1/stats?survey=post-purchase', '/v1/stats?survey=post-purchase'],
  ['To call back, first page', '/v1/cases?queue=callback&limit=50'],
  ['To read, first page', '/v1/cases?queue=read&limit=50'],
  ['history, first page', '/v1/cases?queue=history&limit=50'],
  ['history search q=retard', '/v1/cases?queue=history&q=retard&limit=50'],
  ['call-back list of before (GET /v1/responses?callback=1)', '/v1/responses?callback=1&followUp=open&limit=100'],
];
/** GETs `route` as the manager; throws unless 200. @param {string} url @param {string} route */
async function fetchRoute(url, route) {
  const res = await fetch(url + route, { headers: { Authorization: `Bearer ${token}` } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${route}: ${res.status} ${body.slice(0, 200)}`);
}
/** `bench/collector-load.sh` into the same database for `load`: its output's figures. */
function postLoad() {
  return new Promise((resolve, reject) => {
    const p = spawn('bash', ['bench/collector-load.sh', load, '32'], { env: { ...process.env, PEPITE_BENCH_DB: db }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`collector-load.sh: ${code} ${out}`))));
  });
}
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const modes = readDb ? ['primary', 'replica'] : [''];
if (load) {
  console.log(`POST load alone (load average ${loadAverage()}):`);
  console.log((await postLoad()).split('\n').filter((l) => /Requests\/sec|Latency|RESULT|CPU/.test(l)).join('\n'));
}
for (const mode of modes) {
  const { url, proc } = /** @type {{url: string, proc: import('node:child_process').ChildProcess}} */ (await start(mode === 'replica' ? readDb : ''));
  try {
    if (mode === 'replica') {
      // After the seed, the standby replays it before the collector reads there.
      const t = performance.now();
      for (;;) {
        const side = (await (await fetch(`${url}/healthz`)).json()).readDb;
        if (side === 'replica') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      console.log(`replica usable after ${((performance.now() - t) / 1000).toFixed(1)} s of replay`);
    }
    if (mode) console.log(`reads on the ${mode} (load average ${loadAverage()}):`);
    for (const [name, route] of routes) {
      /** @type {number[]} */
      const times = [];
      let cpu0 = 0;
      for (let i = 0; i < 8; i++) {
        if (i === 1) cpu0 = cpuMs(proc.pid);
        const t = performance.now();
        await fetchRoute(url, route);
        if (i > 0) times.push(performance.now() - t);
      }
      // The collector's own CPU time per request (user + system, from /proc): what the route costs
      // whatever else runs on the shared cores, where wall times stretch with the load.
      const cpu = (cpuMs(proc.pid) - cpu0) / times.length;
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const verdict = median < 200 ? 'under 200 ms' : 'OVER 200 ms';
      console.log(`${name.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms, slowest ${times[times.length - 1].toFixed(1).padStart(7)} ms, collector CPU ${cpu.toFixed(0).padStart(4)} ms  ${verdict}`);
    }
    if (load) {
      // 4 managers reloading the overview and the call-back queue while shoppers POST.
      const state = { stop: false, answered: 0 };
      const loops = Array.from({ length: 4 }, async (_, i) => {
        while (!state.stop) {
          await fetchRoute(url, i % 2 ? '/v1/stats' : '/v1/cases?queue=callback&limit=50');
          state.answered++;
        }
      });
      const t = performance.now();
      const out = /** @type {string} */ (await postLoad());
      state.stop = true;
      await Promise.all(loops);
      const seconds = (performance.now() - t) / 1000;
      console.log(`POST load while the dashboard reads on the ${mode || 'primary'} (load average ${loadAverage()}): ${state.answered} dashboard requests in ${seconds.toFixed(0)} s`);
      console.log(out.split('\n').filter((l) => /Requests\/sec|Latency|RESULT|CPU/.test(l)).join('\n'));
    }
  } finally {
    await stop(proc);
  }
}
if (process.env.PEPITE_BENCH_KEEP && !postgres) console.log(`kept ${db}`); else rmSync(work, { recursive: true, force: true });
