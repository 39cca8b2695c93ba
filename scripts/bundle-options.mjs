// esbuild options every bundle of the browser shell shares: dist/pepite.js and dist/pepite.mjs
// (scripts/build-js.mjs), and the benchmark's variants of pepite.js (bench/widget-parts.mjs).

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
  };
}
