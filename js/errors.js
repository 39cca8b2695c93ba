// How failures are told: one message for anything thrown, one shape for `error` event details.

/** @param {unknown} err @returns {string} */
export function describe(err) {
  return err && typeof err === 'object' && 'message' in err ? String(/** @type {any} */ (err).message) : String(err);
}

/**
 * @param {string} code
 * @param {string} message
 * @param {object} [extra]
 */
export function errorDetail(code, message, extra) {
  return Object.assign({ code, message }, extra || {});
}

/**
 * The core's warnings about a definition or options (a dropped property…): console only, the
 * widget goes on.
 * @param {string} prefix the console prefix
 * @param {Array<{ code: string, message: string, path?: string }> | undefined} warnings
 */
export function warnAll(prefix, warnings) {
  for (const w of warnings || []) console.warn(prefix, `${w.code}: ${w.message}${w.path ? ` (at ${w.path})` : ''}`);
}
