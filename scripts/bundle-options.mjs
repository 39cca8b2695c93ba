// esbuild options every bundle of the browser shell shares: dist/pepite.js and dist/pepite.mjs
// (scripts/build-js.mjs), and the benchmark's variants of pepite.js (bench/widget-parts.mjs).

import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

/**
 * Functions of the Emscripten glue (dist/pepite-core.cjs) that pepite.js leaves out, each made an
 * empty function (issue 19: 1.46 KB gzip less, 2026-12-07):
 * - embind registers these types as the core starts, but the bindings (wasm/bindings.cpp) take and
 *   give only `int` and `std::string`: no std::wstring (UTF-16/32), memory view, emscripten::val,
 *   bool, float or 64-bit integer is ever converted (a binding using one would fail with embind's
 *   "unbound type" error, loudly, in every test of the core);
 * - the glue's own download and instantiation: js/core.js always instantiates through
 *   `instantiateWasm` (a URL, or the bytes under Node).
 */
export const GLUE_UNUSED = [
  '__embind_register_std_wstring', 'UTF16ToString', 'stringToUTF16', 'lengthBytesUTF16', 'UTF32ToString',
  'stringToUTF32', 'lengthBytesUTF32', '__embind_register_memory_view', '__embind_register_emval', 'init_emval',
  'count_emval_handles', 'get_first_emval', '__embind_register_float', 'floatReadValueFromPointer',
  '__embind_register_bigint', '__embind_register_bool', 'dynCallLegacy',
  'instantiateAsync', 'instantiateArrayBuffer', 'getBinaryPromise', 'getBinary', 'receiveInstantiationResult',
];

/**
 * Text of the glue replaced as a whole: the browser's synchronous and XHR file readers and the
 * script's own folder, which only the glue's own download (left out above) used.
 * @type {Array<[RegExp, string]>}
 */
const GLUE_REPLACED = [[/var read_,readAsync,readBinary,setWindowTitle;if\(ENVIRONMENT_IS_WEB\|\|ENVIRONMENT_IS_WORKER\)\{.*?setWindowTitle=\(title=>document\.title=title\)\}else\{\}/s, '']];

/**
 * Replaces each `function name(…){…}` of `source` by an empty one (braces counted; the glue has
 * no braces in strings or regular expressions inside those functions). Throws when one is missing:
 * another Emscripten writes other glue, and this list must be looked at again.
 * @param {string} source
 * @param {string[]} names
 */
export function emptyFunctions(source, names) {
  let s = source;
  for (const [from, to] of GLUE_REPLACED) {
    if (!from.test(s)) throw new Error(`bundle-options: the core's glue has no ${from} (see GLUE_REPLACED)`);
    s = s.replace(from, to);
  }
  for (const name of names) {
    const at = s.indexOf(`function ${name}(`);
    if (at < 0) throw new Error(`bundle-options: the core's glue has no function ${name} (see GLUE_UNUSED)`);
    let depth = 0;
    let end = -1;
    for (let k = s.indexOf('{', at); k < s.length; k++) {
      if (s[k] === '{') depth++;
      else if (s[k] === '}' && --depth === 0) {
        end = k + 1;
        break;
      }
    }
    s = s.slice(0, at) + `function ${name}(){}` + s.slice(end);
  }
  return s;
}

/** @type {import('esbuild').Plugin} */
const glue_trim = {
  name: 'pepite-glue-trim',
  setup(b) {
    b.onLoad({ filter: /pepite-core\.cjs$/ }, (args) => ({ contents: emptyFunctions(readFileSync(args.path, 'utf8'), GLUE_UNUSED), loader: 'js' }));
  },
};

/** @param {string} root the project folder */
export function bundleOptions(root) {
  return {
    bundle: true,
    minify: true,
    platform: /** @type {const} */ ('browser'),
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    legalComments: /** @type {const} */ ('none'),
    // The Emscripten glue (ENVIRONMENT=web,node) mentions Node built-ins in branches a browser never takes.
    external: ['fs', 'path', 'crypto', 'url', 'ws'],
    logLevel: /** @type {const} */ ('warning'),
    absWorkingDir: root,
    plugins: [glue_trim],
  };
}

/**
 * A second minifier pass over an IIFE esbuild wrote (issue 19): terser's compressor, three
 * passes, drops what esbuild's single pass leaves in (functions only unused functions call, nested
 * glue functions, constants folded into their one use). dist/pepite.js: 29,841 → 27,833 B gzip
 * (−2,008; brotli 26,787 → 24,897, −1,890), 2026-12-07. Only the default, safe compress options
 * (no `unsafe*`, no `pure_getters`; `keep_fargs` stays on, so no function loses a parameter).
 * @param {string} file written by esbuild, rewritten in place
 */
export async function terse(file) {
  const out = await minify(readFileSync(file, 'utf8'), {
    ecma: 2020,
    compress: { passes: 3 },
    mangle: true,
    toplevel: true,
    format: { comments: false },
  });
  if (typeof out.code !== 'string') throw new Error(`bundle-options: terser wrote nothing for ${file}`);
  writeFileSync(file, out.code);
}

/**
 * Puts Chromium's explicit compile hint on the first line of a script (issue 19): every function
 * of it is compiled with the script, on the thread that streams it in, instead of lazily on the
 * main thread when first called (main-thread compile from pepite.js's evaluation to the card:
 * 2.3 → 0.2 ms at 1× CPU, 22.8 → 0.5 ms at 4×; bench/widget/phases.mjs). Other engines read a
 * comment. Written after the minifier, which drops comments.
 * @param {string} file rewritten in place
 */
export function compileHint(file) {
  writeFileSync(file, '//# allFunctionsCalledOnLoad\n' + readFileSync(file, 'utf8'));
}
