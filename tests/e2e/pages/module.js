// ES module host of module.html: `import { init } from 'pepite'` (the dist bundle), inline card.
import { init, version } from '/dist/pepite.mjs';

const w = /** @type {any} */ (window);
w.__events = [];
const on = {};
for (const t of ['ready', 'shown', 'answer', 'score', 'submit', 'sent', 'error', 'dismiss', 'close']) {
  on[t] = (d) => w.__events.push({ type: t, detail: d });
}
w.__widget = await init({
  survey: '/tests/fixtures/surveys/post-purchase.json',
  locale: 'en',
  position: 'inline',
  target: '#inline-target',
  properties: { orderId: 'M-1' },
  on,
});
w.__version = version;
