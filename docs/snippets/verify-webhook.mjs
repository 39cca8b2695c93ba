// Checks a Pépite webhook's `Pepite-Signature` header (docs/webhooks.md), Node 18+ without
// dependencies. `rawBody` is the request body exactly as received (a Buffer or string): parse the
// JSON only after this returns true.
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * @param {string} secret the collector's --webhook-secret
 * @param {string | undefined} header the Pepite-Signature header
 * @param {Buffer | string} rawBody
 * @param {number} [toleranceSeconds] refuse signatures older (or newer) than this: replays
 * @param {number} [nowSeconds]
 */
export function verifyWebhook(secret, header, rawBody, toleranceSeconds = 300, nowSeconds = Date.now() / 1000) {
  const parts = Object.fromEntries(String(header || '').split(',').map((kv) => kv.split('=', 2)));
  const t = Number(parts.t);
  if (!/^\d+$/.test(parts.t || '') || !/^[0-9a-f]{64}$/.test(parts.v1 || '')) return false;
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.`).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}

// As a command: node verify-webhook.mjs SECRET HEADER < body; exit 0 when valid.
if (import.meta.url === `file://${process.argv[1]}`) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const ok = verifyWebhook(process.argv[2], process.argv[3], Buffer.concat(chunks));
  console.log(ok ? 'valid' : 'INVALID');
  process.exit(ok ? 0 : 1);
}
