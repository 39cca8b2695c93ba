// What both widget benchmarks serve (bench/widget-bench.mjs, bench/widget-parts.mjs): a copy of
// the shared harness, and our pages with the files a shopper downloads under build/bench-peers/ours.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where the harness copy runs (measure.mjs, its pages and node_modules). */
export const work = path.join(root, 'build/bench-peers');

/** `--cpu-throttle N` from the command line (Chromium's CPU slowdown), 1 by default. */
export const cpuThrottle = process.argv.includes('--cpu-throttle') ? process.argv[process.argv.indexOf('--cpu-throttle') + 1] : '1';
/** `--runs N` from the command line: 20 by default, 10 with a CPU throttle (issue 19). */
export const runs = process.argv.includes('--runs') ? process.argv[process.argv.indexOf('--runs') + 1] : cpuThrottle === '1' ? '20' : '10';

/**
 * The shared harness: $PEPITE_SHARED/bench/peers, else ../shared beside the checkout (the main
 * one), else /work/shared (a worktree elsewhere).
 */
function peers_dir() {
  if (process.env.PEPITE_SHARED) return path.join(process.env.PEPITE_SHARED, 'bench/peers');
  const beside = path.resolve(root, '../shared/bench/peers');
  return existsSync(beside) ? beside : '/work/shared/bench/peers';
}

/**
 * The bench page with its first view computed ahead of time (issue 19): the inline definition as
 * `pepite-check --first-view --locale en` writes it.
 * @param {string} page nps.html
 */
function with_first_view(page) {
  const open = '<script type="application/json" id="pepite-survey">';
  const start = page.indexOf(open) + open.length;
  const end = page.indexOf('</script>', start);
  const file = path.join(work, 'nps-survey.json');
  writeFileSync(file, page.slice(start, end));
  const check = process.env.PEPITE_CHECK || path.join(root, 'build/native/pepite-check');
  const out = execFileSync(check, ['--first-view', '--locale', 'en', file], { encoding: 'utf8' });
  return page.slice(0, start) + '\n' + out.trim() + '\n' + page.slice(end);
}

/**
 * Copies the shared harness once (shared/ is read-only), with its own node_modules (exact
 * versions from its lock), then writes our pages afresh from dist/:
 * - `nps.html`: the bench page, one script tag;
 * - `nps-first-view.html`: the same with the definition's first view (issue 19): the card is
 *   drawn before the core has arrived;
 * - `nps-preload.html`: the README's optional hint, the wasm downloading while pepite.js does
 *   (not the official figure: the page has one script tag);
 * - `floor.html`: the same page whose async script only marks ready. The harness sees the blank
 *   page ready as soon as its marker is parsed; any async script runs later than that, so this
 *   row shows the part of "ready over blank" no widget loaded by an async script tag can avoid.
 * @returns {string} the folder of our pages, to mount as /ours
 */
export function preparePages() {
  if (!existsSync(path.join(work, 'node_modules/playwright-core'))) {
    mkdirSync(work, { recursive: true });
    const peers = peers_dir();
    for (const f of ['measure.mjs', 'package.json', 'package-lock.json', 'pages', 'pages.json']) {
      cpSync(path.join(peers, f), path.join(work, f), { recursive: true });
    }
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: work, stdio: 'inherit' });
  }
  const ours = path.join(work, 'ours');
  rmSync(ours, { recursive: true, force: true });
  mkdirSync(path.join(ours, 'dist'), { recursive: true });
  const page = readFileSync(path.join(root, 'bench/widget/nps.html'), 'utf8');
  writeFileSync(path.join(ours, 'nps.html'), page);
  writeFileSync(path.join(ours, 'nps-first-view.html'), with_first_view(page));
  const preload = '<link rel="preload" href="./dist/pepite-core.wasm" as="fetch" type="application/wasm" crossorigin>\n';
  writeFileSync(path.join(ours, 'nps-preload.html'), page.replace('<script async src=', preload + '<script async src='));
  cpSync(path.join(root, 'bench/widget/floor.js'), path.join(ours, 'floor.js'));
  writeFileSync(path.join(ours, 'floor.html'), page.replace('src="./dist/pepite.js"', 'src="./floor.js"'));
  for (const f of ['pepite.js', 'pepite-core.wasm', 'pepite-text.wasm']) cpSync(path.join(root, 'dist', f), path.join(ours, 'dist', f));
  return ours;
}
