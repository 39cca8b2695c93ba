// Probe script: on pagehide, sends one request with the mechanism named in ?variant= to ?endpoint=.
const q = new URLSearchParams(location.search);
const variant = q.get('variant');
const id = q.get('id');
const url = q.get('endpoint') + '?tag=' + variant;
const body = JSON.stringify({ responseId: id, status: 'complete', probe: variant });

/** @type {Record<string, () => unknown>} */
const variants = {
  'beacon-text': () => navigator.sendBeacon(url, body),
  'beacon-json': () => navigator.sendBeacon(url, new Blob([body], { type: 'application/json' })),
  'keepalive-text': () =>
    fetch(url, { method: 'POST', keepalive: true, credentials: 'omit', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }),
  'keepalive-json': () =>
    fetch(url, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      body,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id },
    }),
  'fetch-json': () =>
    fetch(url, { method: 'POST', credentials: 'omit', body, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id } }),
};

/** @type {any[]} */
const log = [];
Object.assign(window, { __log: log, __ready: true });
window.addEventListener('pagehide', () => {
  try {
    const r = variants[variant]();
    log.push(typeof r === 'boolean' ? r : 'promise');
    if (r && typeof r.then === 'function') r.catch(() => {});
  } catch (err) {
    log.push('threw: ' + err);
  }
});
