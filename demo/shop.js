// Demo shop script: a new order id on each load, shown on the page and given to the widget
// through its command queue (the widget script itself is the plain async tag in index.html).

(() => {
  const digits = new Uint32Array(1);
  crypto.getRandomValues(digits);
  const orderId = `CMD-${String(digits[0] % 100000000).padStart(8, '0')}`;

  // The queue stub every shop pastes: calls are buffered until pepite.js has loaded.
  const w = /** @type {any} */ (window);
  // typeof, not ||: a page element with id="pepite" is also window.pepite.
  w.pepite = typeof w.pepite === 'function' ? w.pepite : function (/** @type {any[]} */ ...args) {
    (w.pepite.q = w.pepite.q || []).push(args);
  };
  w.pepite('init', { properties: { orderId } });

  document.addEventListener('DOMContentLoaded', () => {
    const slot = document.getElementById('shop-order-id');
    if (slot) slot.textContent = orderId;
    document.documentElement.dataset.orderId = orderId;
  });
})();
