// Test page script: builds a delivery from the query string and exposes hooks for the e2e tests.
import { createDelivery } from '../../../js/delivery.js';
import { createStorage } from '../../../js/storage.js';

const q = new URLSearchParams(location.search);
/** @type {{ type: string, detail: any, at: number }[]} */
const events = [];
const delivery = createDelivery({
  endpoint: q.get('endpoint') || '/collect',
  emit: (type, detail) => {
    events.push({ type, detail, at: Date.now() });
    // Tests also read events from the console, which outlives a reload.
    console.log('pepite-event ' + type + ' ' + (detail.responseId || ''));
  },
  storage: createStorage('delivery'),
  retryBaseMs: Number(q.get('base') || 50),
  timeoutMs: q.get('timeout') ? Number(q.get('timeout')) : undefined,
  headers: q.get('shopKey') ? { 'X-Shop-Key': q.get('shopKey') } : undefined,
});

/**
 * A payload as the core builds it (docs/contracts.md, pepite.response/1).
 * @param {string} id @param {'partial' | 'complete'} status
 */
function payload(id, status) {
  const t = new Date().toISOString();
  return {
    schema: 'pepite.response/1',
    responseId: id,
    surveyId: 'post-purchase',
    status,
    answers: [
      { questionId: 'nps', type: 'nps', value: 3 },
      ...(status === 'complete' ? [{ questionId: 'comment', type: 'text', value: 'Colis arrivé abîmé.' }] : []),
    ],
    scores: { nps: 3, npsCategory: 'detractor', csat: null, csatSatisfied: null, ces: null, cesLowEffort: null },
    alert: { priority: 'high', reasons: ['nps_detractor'] },
    callbackConsent: false,
    properties: { orderId: 'A-10023', channel: 'web' },
    context: { locale: 'fr', pageUrl: location.origin + location.pathname, startedAt: t, updatedAt: t, submittedAt: status === 'complete' ? t : null, durationMs: 8287 },
  };
}

Object.assign(window, {
  __events: events,
  __delivery: delivery,
  /** @param {string} id @param {'partial' | 'complete'} status */
  __send: (id, status) => delivery.send(payload(id, status)),
  __ready: true,
});
