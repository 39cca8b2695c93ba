// JSON text that the host page's own `toJSON` methods cannot change.

/** Captured when pepite.js loads, before later scripts may replace it. */
const stringify = JSON.stringify;

/** Prototypes an old library may give a `toJSON` (Prototype.js on Magento 1 shops does). */
const PROTOTYPES = [Array.prototype, String.prototype, Number.prototype, Boolean.prototype, Object.prototype];

/**
 * `JSON.stringify(value)` as the standard defines it. Prototype.js's `Array.prototype.toJSON`
 * turns every array into a string ("[1,2]" in quotes): payloads left the page as invalid, the
 * outbox stored a string, a checkbox answer named an option that does not exist. Those methods
 * are set aside for the call and put back as they were (synchronously: no host code runs between).
 * @param {unknown} value
 * @returns {string}
 */
export function toJson(value) {
  /** @type {Array<[object, PropertyDescriptor]>} */
  const saved = [];
  for (const proto of PROTOTYPES) {
    const d = Object.getOwnPropertyDescriptor(proto, 'toJSON');
    if (d && d.configurable) {
      saved.push([proto, d]);
      delete (/** @type {any} */ (proto)).toJSON;
    }
  }
  try {
    return stringify(value);
  } finally {
    for (const [proto, d] of saved) Object.defineProperty(proto, 'toJSON', d);
  }
}
