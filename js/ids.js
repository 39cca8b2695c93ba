// Response ids: UUID v4 from crypto.randomUUID, or built from crypto.getRandomValues; and the
// sender's key binding a response to this browser (issue 17).

const hex = (/** @type {Uint8Array} */ b) => Array.from(b, (n) => n.toString(16).padStart(2, '0')).join('');

/**
 * 32 random bytes as 64 hex digits: the secret the collector binds a response to on its first
 * version (it keeps a hash); later versions must carry it. Kept in each payload, so in its
 * outbox entry. Nothing without crypto.getRandomValues (the response is then unbound).
 * @returns {string | undefined}
 */
export function newSenderKey() {
  const c = globalThis.crypto;
  if (c && typeof c.getRandomValues === 'function') return hex(c.getRandomValues(new Uint8Array(32)));
}

/** @returns {string} */
export function newResponseId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch (_) {
      // randomUUID needs a secure context; getRandomValues does not.
    }
  }
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = hex(b);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
