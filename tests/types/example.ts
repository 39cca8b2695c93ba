// Type check of the public API (js/pepite.d.ts) as a shop developer would use it: tsc --noEmit -p tsconfig.json.
import { init, type InitOptions, type PepiteCommand, type ResponsePayload, type Widget } from 'pepite';

const options: InitOptions = {
  survey: '/pepite/surveys/post-purchase.json',
  endpoint: 'https://shop.example/api/feedback',
  locale: 'auto',
  properties: { orderId: 'A-10023', channel: 'web', total: 59.9, firstOrder: true },
  position: 'bottom-right',
  theme: { accent: '#0a7d55', accentText: '#ffffff', radius: '8px', scheme: 'auto' },
  delayMs: 2000,
  sampling: 0.5,
  recontactDays: 30,
  on: { error: (e) => console.warn(e.code, e.message) },
};

async function main(): Promise<void> {
  const widget: Widget = await init(options);
  widget
    .on('submit', (payload: ResponsePayload) => {
      const status: 'partial' | 'complete' = payload.status;
      console.log(payload.responseId, status);
    })
    .on('score', (s) => console.log(s.category, s.nps, s.topics))
    .on('sent', (d) => console.log(d.responseId, d.payload.redactions, d.payload.topics))
    .on('error', (e) => console.log(e.serverMessage))
    .on('ready', (r) => console.log(r.eligible, r.reason))
    .on('close', (c) => console.log(c.reason));
  const shown: boolean = await widget.show({ force: true });
  console.log(shown);
  widget.setProperties({ orderId: 'A-10024' });
  widget.setLocale('fr');
  widget.hide();
  widget.destroy();

  // Custom transport instead of a URL.
  await init({ survey: { schema: 'pepite.survey/1', id: 'inline' }, endpoint: async (p) => ({ ok: p.status === 'complete' }) });
}

// The README's snippet in TypeScript: the stub only queues, so it is cast to the command type.
window.pepite = typeof window.pepite === 'function' ? window.pepite
  : (function () { (pepite.q = pepite.q || []).push(arguments); } as unknown as PepiteCommand);
// The script-tag global with its command queue.
window.pepite('init', { survey: '#survey', position: 'center' });
window.pepite('on', 'error', (e) => console.warn(e.code));
window.pepite('show');
console.log(pepite.version);

// @ts-expect-error: unknown position
const bad: InitOptions = { survey: 'x', position: 'top' };
// @ts-expect-error: unknown event
window.pepite('on', 'clicked', () => {});

void main;
void bad;
