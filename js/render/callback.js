// The call-back offer on the step before sending (issue 16): consent, channel, contact. Drawn from
// the view's `callback` only; every change goes to the core as a `consent` action.

import { attr, errorLine, h, text } from './dom.js';

/**
 * @param {import('./card.js').QuestionContext} ctx
 */
export function createCallback(ctx) {
  const base = ctx.uid('callback');
  const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox' }));
  const offer = h('span');
  const legend = h('legend', { class: 'pp-q-text' });
  const list = h('div', { class: 'pp-choices' });
  /** The channel radios: [id, radio, its name]. */
  const channels = /** @type {Array<[string, HTMLInputElement, HTMLElement]>} */ (['phone', 'email'].map((id) => {
    const radio = /** @type {HTMLInputElement} */ (h('input', { type: 'radio', name: base, value: id }));
    const name = h('span');
    list.append(h('label', { class: 'pp-choice' }, [radio, name]));
    return [id, radio, name];
  }));
  const label = h('label', { class: 'pp-q-text', for: base + '-contact' });
  // dir="ltr": a number or an address reads left to right in an Arabic or Hebrew card too.
  const field = /** @type {HTMLInputElement} */ (h('input', { class: 'pp-input', id: base + '-contact', dir: 'ltr' }));
  const err = errorLine(base + '-error');
  const more = h('div', { hidden: true }, [h('fieldset', { class: 'pp-q' }, [legend, list]), label, field, err.el]);
  const el = h('div', { class: 'pp-q' }, [h('label', { class: 'pp-choice' }, [box, offer]), more]);

  const send = () => {
    const picked = channels.find((c) => c[1].checked);
    ctx.answer({ type: 'consent', value: box.checked, channel: picked ? picked[0] : null, contact: field.value });
  };
  el.addEventListener('change', send);

  return {
    el,
    /** @param {any} c the view's `callback` @param {any} ui */
    update(c, ui) {
      text(offer, c.label);
      box.checked = !!c.value;
      more.hidden = !c.channel;
      text(legend, ui.callbackChannel);
      for (const [id, radio, name] of channels) {
        text(name, ui[id === 'phone' ? 'callbackPhone' : 'callbackEmail']);
        radio.checked = c.channel === id;
      }
      const email = c.channel === 'email';
      const kind = email ? 'email' : 'tel';
      text(label, email ? ui.contactEmail : ui.contactPhone);
      for (const a of ['type', 'autocomplete', 'inputmode']) attr(field, a, kind);
      return err.update(c.error, field);
    },
    focus() {
      field.focus();
    },
    /** Hands the typed contact to the core (Send does first: Enter in the field has no change event). */
    flush() {
      if (box.checked) send();
    },
  };
}
