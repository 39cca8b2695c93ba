// Test page script: queues `init` for the real widget with the endpoint and order from the query string, then loads dist/pepite.js.
const q = new URLSearchParams(location.search);
const w = /** @type {any} */ (window);
w.pepite =
  w.pepite ||
  function () {
    (w.pepite.q = w.pepite.q || []).push(arguments);
  };
w.__events = [];
w.pepite('init', {
  survey: '/tests/fixtures/surveys/post-purchase.json',
  endpoint: q.get('endpoint'),
  locale: 'en',
  delayMs: 0,
  orderId: q.get('order') || 'A-1',
  delivery: { retryBaseMs: Number(q.get('base') || 50) },
});
for (const type of ['ready', 'shown', 'submit', 'sent', 'error']) {
  w.pepite('on', type, (/** @type {any} */ detail) => {
    w.__events.push({ type, detail });
    console.log('pepite-event ' + type + ' ' + ((detail && detail.responseId) || ''));
  });
}
const s = document.createElement('script');
// ?dist= lets a test point at another build of the same sources (default: the repository's dist/).
s.src = (q.get('dist') || '/dist') + '/pepite.js';
s.async = true;
document.head.append(s);
