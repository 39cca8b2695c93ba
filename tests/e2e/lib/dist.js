// Makes sure the widget build an end-to-end suite drives exists: builds dist/ when it is missing,
// and fails clearly for another directory (a suite never skips itself silently: issue 15).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './browser.js';

/** Files a widget build must have to be driven in Chromium. */
const NEEDED = ['pepite.js', 'pepite-core.wasm', 'pepite-text.wasm'];

/**
 * @param {string} dir the build directory, relative to the repository (`dist` unless PEPITE_DIST)
 * @returns {void} throws when the build is missing and cannot be made here
 */
export function ensureDist(dir) {
  const missing = () => NEEDED.filter((f) => !existsSync(join(ROOT, dir, f)));
  if (!missing().length) return;
  if (dir !== 'dist') throw new Error(`${dir}/ lacks ${missing().join(', ')}: build that variant first (PEPITE_DIST=${dir})`);
  execFileSync('bash', ['scripts/build-wasm.sh'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-js.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (missing().length) throw new Error(`dist/ still lacks ${missing().join(', ')} after building it`);
}
