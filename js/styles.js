// The card's CSS (every class prefixed `pp-`), applied to the shadow root as constructable sheets.

/* Colours: light text #1f2328 on #fff (15.8:1), muted #4f5964 (7:1), accent #1a56db with white
   (6.6:1); dark text #eef1f4 on #1b1e23, muted #b3bcc6, accent #8ab4ff with #0d1117. All pass
   WCAG AA for text and 3:1 for borders of controls. The card's own custom properties have
   one-letter names (--a accent, --o text on it, --r radius, --b background, --t text, --m muted,
   --l lines, --s soft, --e error, --h shadow): .pp-root sets them all, so the page's cannot leak
   in; those read from the page side keep the --pp- prefix. The page's own font and text colour come in
   as --pp-font-page and --pp-text-page (pageLook, below; the text colour only where it reads on
   the card), the dark scheme when the page's background is dark (issue 19). The focus ring is
   the accent around a 2px ring of the card's text colour (box-shadow in the outline's offset):
   the inner ring keeps at least 4.5:1 on the card whatever the accent (#ffeb3b on white is
   1.2:1), so the ring meets 3:1 (WCAG 1.4.11, 2.4.13; the two-colour indicator of technique C40). */
export const CSS = `\
:host{all:initial!important;display:contents!important}\
.pp-root{all:initial;display:block;font:16px/1.4 var(--pp-font-user,var(--pp-font-page,system-ui,sans-serif));color:var(--t);text-align:start;overflow-wrap:anywhere;\
--a:var(--pp-accent-user,#1a56db);--o:var(--pp-on-accent-user,#fff);--r:var(--pp-radius-user,12px);\
--b:#fff;--t:var(--pp-text-page,#1f2328);--m:#4f5964;--l:#6e7781;--s:#eef2f7;--e:#b42318;--h:rgba(0,0,0,.22)}\
.pp-dark{--a:var(--pp-accent-user,#8ab4ff);--o:var(--pp-on-accent-user,#0d1117);--b:#1b1e23;--t:var(--pp-text-page,#eef1f4);--m:#b3bcc6;--l:#8b949e;--s:#2a2f37;--e:#ffa198;--h:rgba(0,0,0,.6)}\
.pp-root *{box-sizing:border-box}\
.pp-card{position:fixed;z-index:2147483000;right:16px;bottom:calc(16px + var(--pp-kb,0px));width:min(440px,calc(100vw - 32px));max-height:min(var(--pp-room,100vh),70vh,calc(var(--pp-vh,100vh) - 32px));overflow:auto;overscroll-behavior:contain;\
background:var(--b);color:var(--t);border:1px solid var(--l);border-radius:var(--r);box-shadow:0 8px 28px var(--h);padding:12px 16px 16px}\
.pp-left .pp-card{right:auto;left:16px}\
.pp-top .pp-card{bottom:auto;top:16px}\
.pp-center .pp-card{right:auto;bottom:auto;left:50%;top:50%;transform:translate(-50%,-50%)}\
.pp-inline .pp-card{position:relative;inset:auto;width:100%;max-width:440px;max-height:none;z-index:auto;box-shadow:none}\
.pp-backdrop{position:fixed;inset:0;z-index:2147482999;background:rgba(0,0,0,.5)}\
@media (max-width:479.98px){.pp-root:not(.pp-inline) .pp-card{left:0;right:0;top:auto;bottom:var(--pp-kb,0px);transform:none;width:100%;max-height:min(var(--pp-room,100vh),60vh,calc(var(--pp-vh,100vh) - 16px));border-radius:var(--r) var(--r) 0 0;border-width:1px 0 0;padding:8px 16px 12px}\
.pp-top:not(.pp-inline) .pp-card{top:0;bottom:auto;border-radius:0 0 var(--r) var(--r);border-width:0 0 1px}.pp-actions .pp-btn{flex:1}}\
@media (max-height:479.98px){.pp-root:not(.pp-inline):not(.pp-center) .pp-card{bottom:var(--pp-kb,0px);max-height:var(--pp-vh,100vh);border-bottom-width:0;border-radius:var(--r) var(--r) 0 0;padding-bottom:12px}}\
.pp-head{position:absolute;top:2px;inset-inline-end:2px}\
.pp-title{margin:0;font-size:17px;font-weight:700;line-height:1.3}\
.pp-titled .pp-head{position:static;display:flex;align-items:center;gap:8px;margin:-4px 0 8px;margin-inline-end:-12px}\
.pp-titled .pp-title{flex:1}\
.pp-step,.pp-questions>:first-child>.pp-q-text{padding-inline-end:36px}\
.pp-close{display:flex;align-items:center;justify-content:center;width:44px;height:44px;margin:0;padding:0;border:0;border-radius:50%;background:none;color:var(--t);font:inherit;font-size:24px;line-height:1;cursor:pointer}\
.pp-close:hover,.pp-opt:hover{background:var(--s)}\
.pp-root :focus-visible{outline:3px solid var(--a);outline-offset:2px;box-shadow:0 0 0 2px var(--t)}\
.pp-title:focus{outline:none;box-shadow:none}\
.pp-form{margin:0;container-type:inline-size}\
.pp-step{margin:0 0 8px;font-size:14px;color:var(--m)}\
.pp-q{margin:0 0 12px;padding:0;border:0;min-width:0}\
.pp-q-text{display:block;margin:0 0 8px;padding:0;font-weight:600}\
.pp-tag,.pp-ends,.pp-count{font-size:14px;font-weight:400;color:var(--m)}\
.pp-scale{display:grid;gap:3px}\
.pp-n5{grid-template-columns:repeat(5,minmax(44px,1fr))}\
.pp-n7{grid-template-columns:repeat(7,minmax(44px,1fr))}\
.pp-n11{grid-template-columns:repeat(11,minmax(24px,1fr));gap:2px}\
@media (max-width:357.98px){.pp-n7{grid-template-columns:repeat(4,minmax(44px,1fr))}}\
@container (max-width:325.98px){.pp-n7{grid-template-columns:repeat(4,minmax(44px,1fr))}}\
@container (max-width:283.98px){.pp-n11{grid-template-columns:repeat(4,minmax(44px,1fr))}}\
@container (max-width:231.98px){.pp-n5{grid-template-columns:repeat(3,minmax(44px,1fr))}}\
@container (max-width:184.98px){.pp-n7,.pp-n11{grid-template-columns:repeat(3,minmax(44px,1fr))}}\
@container (max-width:137.98px){.pp-scale{grid-template-columns:repeat(2,minmax(44px,1fr))}}\
.pp-opt,.pp-choice,.pp-input,.pp-text{min-height:44px;margin:0;border:1px solid var(--l);border-radius:8px;background:var(--b);color:var(--t);font:inherit}\
.pp-opt{display:flex;align-items:center;justify-content:center;padding:0;font-weight:600;cursor:pointer}\
.pp-opt[aria-checked=true]{background:var(--a);border-color:var(--a);color:var(--o)}\
.pp-stars .pp-opt,.pp-faces .pp-opt{font-size:26px;font-weight:400;line-height:1}\
.pp-stars .pp-opt{color:var(--b);-webkit-text-stroke:1.5px var(--t);paint-order:stroke fill}\
.pp-stars .pp-on{color:var(--a)}\
.pp-stars .pp-opt[aria-checked=true]{background:var(--b);color:var(--a);border-width:2px}\
.pp-ends{display:flex;justify-content:space-between;gap:12px;margin-top:4px}\
.pp-ends span:last-child{text-align:end}\
.pp-choices{display:grid;gap:6px}\
.pp-choice{display:flex;align-items:center;gap:10px;padding:6px 10px;cursor:pointer}\
.pp-choice>span{flex:1;min-width:0}\
.pp-choice input{flex:none;width:24px;height:24px;margin:0;accent-color:var(--a)}\
.pp-input,.pp-text{display:block;width:100%;text-align:start;margin-top:6px;padding:10px 12px}\
.pp-text{min-height:80px;resize:vertical}\
.pp-input::placeholder,.pp-text::placeholder{color:var(--m);opacity:1}\
.pp-count{margin-top:4px;text-align:end}\
.pp-count.pp-limit,.pp-error{color:var(--e);font-weight:600}\
.pp-error{margin:6px 0 0;font-size:14px}\
.pp-actions{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px}\
.pp-btn{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;margin:0;padding:10px 18px;border:1px solid var(--a);border-radius:8px;background:var(--a);color:var(--o);font:inherit;font-weight:700;cursor:pointer;text-decoration:none}\
.pp-btn[aria-disabled=true]{opacity:.6;cursor:progress}\
.pp-btn-2{background:none;color:var(--t);border-color:var(--l)}\
.pp-body{margin:0 0 12px}\
@media (forced-colors:active){\
.pp-opt[aria-checked=true]{forced-color-adjust:none;background:Highlight;border-color:Highlight;color:HighlightText}\
.pp-stars .pp-opt{forced-color-adjust:none;background:Canvas;border-color:ButtonText;color:Canvas;-webkit-text-stroke:1.5px CanvasText}\
.pp-stars .pp-on{color:Highlight;-webkit-text-stroke-color:Highlight}\
.pp-stars .pp-opt[aria-checked=true]{background:Canvas;border:3px solid Highlight;color:Highlight}\
.pp-root :focus-visible{outline-color:Highlight}\
.pp-root .pp-opt[aria-checked=true]:focus-visible{outline-color:CanvasText}\
}\
.pp-sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}\
[hidden]{display:none!important}\
`;

/** @type {CSSStyleSheet | null} one parsed copy shared by every widget of the page */
let shared = null;

/** @returns {boolean} */
function constructable() {
  try {
    return typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype;
  } catch (_) {
    return false;
  }
}

/** Parses the card CSS once, ahead of the first card (the widget calls it while the core loads). */
export function prepareStyles() {
  if (!shared && constructable()) {
    shared = new CSSStyleSheet();
    shared.replaceSync(CSS);
  }
}

/** @type {CanvasRenderingContext2D | null} made once, on the first colour not in rgb() */
let g = null;

/**
 * The sRGB channels (0–255) and alpha (0–1) of a CSS colour, or null; alpha 0 for a colour the
 * canvas does not take (var(), …). Computed rgb()/rgba() values are read as they are; the other
 * syntaxes (oklch(), color(display-p3 …), names, hex…) are drawn on one 1 × 1 canvas.
 * @param {string} css
 * @returns {number[] | null}
 */
function channels(css) {
  const m = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(css);
  if (m) return [m[1], m[2], m[3], m[4] || 1].map(Number);
  try {
    g = g || /** @type {CanvasRenderingContext2D} */ (document.createElement('canvas').getContext('2d', { willReadFrequently: true }));
    g.clearRect(0, 0, 1, 1);
    g.fillStyle = '#0000';
    g.fillStyle = css;
    g.fillRect(0, 0, 1, 1);
    const d = g.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  } catch (_) {
    return null;
  }
}

/** @param {number[]} rgb @returns {number} WCAG relative luminance */
function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** @param {number} a @param {number} b luminances @returns {number} their WCAG contrast ratio */
const contrast = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * Black or white, whichever reads better on a colour (WCAG contrast).
 * @param {number[]} rgb
 */
const readable_on = (rgb) => {
  const l = luminance(rgb);
  return contrast(l, 0) >= contrast(l, 1) ? '#000' : '#fff';
};

/**
 * How the page around the card looks (issue 19), from computed styles, so a shop's own CSS
 * (hostile or not) only informs it: the font family and text colour of the element the card
 * goes into, and whether its background (the first opaque one up to <html>) is dark.
 * @param {Element} at the card's parent
 * @returns {{ font: string, text: number[] | null, dark: boolean }}
 */
export function pageLook(at) {
  const cs = getComputedStyle(at);
  let dark = false;
  // One computed-style read per ancestor, before the card is attached: the page's style is
  // resolved once, and the card's once, at its first paint (issue 19: 70 ms at 4× CPU before).
  for (let e = /** @type {Element | null} */ (at); e; e = e.parentElement) {
    const bg = channels(getComputedStyle(e).backgroundColor);
    if (bg && bg[3] > 0.5) {
      // Dark: white text reads better on it.
      dark = readable_on(bg) == '#fff';
      break;
    }
  }
  return { font: cs.fontFamily, text: channels(cs.color), dark };
}

/**
 * Applies the card CSS and the theme to a shadow root, before its host goes into the page, so
 * the card's first style and paint already have the final colours. Constructable stylesheets
 * work under a strict CSP (`style-src 'self'`), <style> elements do not; the latter is only a
 * fallback for browsers without them. A theme with an accent but no `accentText` gets black or
 * white text on the accent, by contrast; the card takes the page's font family, its text
 * colour where it reads at 4.5:1 on the card, and with the `auto` scheme the dark one on a dark
 * page (pageLook of `at`; the theme's own `font` and `scheme` win).
 * @param {ShadowRoot} root
 * @param {{ accent?: string, radius?: string, font?: string, accentText?: string, scheme?: string }} theme
 * @param {Element} at the element the host will go into
 * @returns {string} the card's scheme class(es): the theme's scheme, `auto pp-dark` on a dark page
 */
export function applyStyles(root, theme, at) {
  /** @type {Array<[string, string | undefined]>} */
  const vars = [
    ['--pp-accent-user', theme.accent],
    ['--pp-on-accent-user', theme.accentText],
    ['--pp-radius-user', theme.radius],
    ['--pp-font-user', theme.font],
  ];
  /** @type {CSSStyleDeclaration} */
  let style;
  if (constructable()) {
    prepareStyles();
    const sheet = new CSSStyleSheet();
    sheet.insertRule(':host{}');
    // The CSSOM escapes values: a theme string cannot inject rules.
    style = /** @type {CSSStyleRule} */ (sheet.cssRules[0]).style;
    root.adoptedStyleSheets = [/** @type {CSSStyleSheet} */ (shared), sheet];
  } else {
    const el = document.createElement('style');
    el.textContent = CSS;
    root.appendChild(el);
    style = /** @type {HTMLElement} */ (root.host).style;
  }
  const set = (/** @type {string} */ name, /** @type {any} */ value) => {
    if (typeof value === 'string' && value) style.setProperty(name, value);
  };
  for (const [name, value] of vars) set(name, value);
  const accent = theme.accent;
  const on_accent = (/** @type {number[] | null} */ rgb) => rgb && set('--pp-on-accent-user', readable_on(rgb));
  // A theme with an accent but no `accentText` (D02: white on #ffeb3b is 1.22:1): black or white
  // text on it. An accent the canvas cannot draw (var() of the host page…) is read from the Send
  // button the browser styled with it, once the card is in the page (before its first paint).
  if (accent && !theme.accentText) {
    const rgb = channels(accent);
    if (rgb && rgb[3]) on_accent(rgb);
    else Promise.resolve().then(() => on_accent(channels(getComputedStyle(/** @type {Element} */ (root.querySelector('.pp-submit'))).backgroundColor)));
  }
  const look = pageLook(at);
  const scheme = theme.scheme || 'auto';
  const dark = scheme == 'dark' || (scheme == 'auto' && look.dark);
  set('--pp-font-page', look.font);
  // The card's background: #fff, or #1b1e23 (luminance 0.0125). A translucent text colour is
  // taken opaque: the card draws and checks rgb() alone.
  if (look.text && contrast(luminance(look.text), dark ? 0.0125 : 1) >= 4.5) {
    set('--pp-text-page', `rgb(${look.text.slice(0, 3)})`);
  }
  return scheme == 'auto' && dark ? 'auto pp-dark' : scheme;
}
