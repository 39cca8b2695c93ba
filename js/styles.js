// The card's CSS (every class prefixed `pp-`), applied to the shadow root as constructable sheets.

/* Colours: light text #1f2328 on #fff (15.8:1), muted #4f5964 (7:1), accent #1a56db with white
   (6.6:1); dark text #eef1f4 on #1b1e23, muted #b3bcc6, accent #8ab4ff with #0d1117. All pass
   WCAG AA for text and 3:1 for borders of controls. */
export const CSS = `
:host{all:initial!important;display:contents!important}
.pp-root{all:initial;display:block;font-family:var(--pp-font-user,system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif);font-size:16px;line-height:1.4;color:var(--pp-text);text-align:start;overflow-wrap:anywhere;
--pp-accent:var(--pp-accent-user,#1a56db);--pp-on-accent:var(--pp-on-accent-user,#fff);--pp-radius:var(--pp-radius-user,12px);
--pp-bg:#fff;--pp-text:#1f2328;--pp-muted:#4f5964;--pp-border:#6e7781;--pp-soft:#eef2f7;--pp-error:#b42318;--pp-focus:#1a56db;--pp-shadow:0 8px 28px rgba(0,0,0,.22)}
.pp-dark{--pp-accent:var(--pp-accent-user,#8ab4ff);--pp-on-accent:var(--pp-on-accent-user,#0d1117);--pp-bg:#1b1e23;--pp-text:#eef1f4;--pp-muted:#b3bcc6;--pp-border:#8b949e;--pp-soft:#2a2f37;--pp-error:#ffa198;--pp-focus:#8ab4ff;--pp-shadow:0 8px 28px rgba(0,0,0,.6)}
@media (prefers-color-scheme:dark){.pp-auto{--pp-accent:var(--pp-accent-user,#8ab4ff);--pp-on-accent:var(--pp-on-accent-user,#0d1117);--pp-bg:#1b1e23;--pp-text:#eef1f4;--pp-muted:#b3bcc6;--pp-border:#8b949e;--pp-soft:#2a2f37;--pp-error:#ffa198;--pp-focus:#8ab4ff;--pp-shadow:0 8px 28px rgba(0,0,0,.6)}}
.pp-root *,.pp-root *::before,.pp-root *::after{box-sizing:border-box}
.pp-card{position:fixed;z-index:2147483000;right:16px;bottom:calc(16px + var(--pp-kb,0px));width:min(560px,calc(100vw - 32px));max-height:calc(var(--pp-vh,100vh) - 32px);overflow:auto;overscroll-behavior:contain;
background:var(--pp-bg);color:var(--pp-text);border:1px solid var(--pp-border);border-radius:var(--pp-radius);box-shadow:var(--pp-shadow);padding:12px 20px 20px;animation:pp-in .18s ease-out}
.pp-bottom-left .pp-card{right:auto;left:16px}
.pp-center .pp-card{right:auto;bottom:auto;left:50%;top:50%;transform:translate(-50%,-50%);animation-name:pp-fade}
.pp-inline .pp-card{position:relative;right:auto;bottom:auto;width:100%;max-width:560px;max-height:none;z-index:auto;box-shadow:none;animation:none}
.pp-backdrop{position:fixed;inset:0;z-index:2147482999;background:rgba(0,0,0,.5)}
@keyframes pp-in{from{opacity:0;translate:0 12px}}
@keyframes pp-fade{from{opacity:0}}
@media (prefers-reduced-motion:reduce){.pp-card{animation:none}}
@media (max-width:479.98px){.pp-root:not(.pp-inline) .pp-card{left:0;right:0;top:auto;bottom:var(--pp-kb,0px);transform:none;width:100%;max-height:calc(var(--pp-vh,100vh) - 16px);border-radius:var(--pp-radius) var(--pp-radius) 0 0;border-width:1px 0 0;padding:8px 16px 16px}}
@media (max-height:479.98px){.pp-root:not(.pp-inline):not(.pp-center) .pp-card{bottom:var(--pp-kb,0px);max-height:var(--pp-vh,100vh);border-bottom-width:0;border-end-start-radius:0;border-end-end-radius:0;padding-bottom:12px}}
.pp-head{display:flex;align-items:center;gap:8px;margin:0 0 8px;margin-inline-end:-8px}
.pp-title{flex:1;min-width:0;margin:0;font-size:17px;font-weight:700;line-height:1.3}
.pp-title:focus{outline:none}
.pp-close{flex:none;display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;margin:0;padding:0;border:0;border-radius:50%;background:transparent;color:var(--pp-text);font:inherit;font-size:24px;line-height:1;cursor:pointer}
.pp-close:hover{background:var(--pp-soft)}
.pp-root button:focus-visible,.pp-root input:focus-visible,.pp-root textarea:focus-visible,.pp-root a:focus-visible{outline:3px solid var(--pp-focus);outline-offset:2px}
.pp-form{margin:0;container-type:inline-size}
.pp-step{margin:0 0 8px;font-size:14px;color:var(--pp-muted)}
.pp-q{margin:0 0 16px;padding:0;border:0;min-width:0}
.pp-q-text{display:block;margin:0 0 8px;padding:0;font-size:16px;font-weight:600;color:var(--pp-text)}
.pp-tag{margin-inline-start:2px;font-weight:400;font-size:14px;color:var(--pp-muted)}
.pp-scale{display:grid;gap:3px}
.pp-n5{grid-template-columns:repeat(5,minmax(44px,1fr))}
.pp-n7{grid-template-columns:repeat(7,minmax(44px,1fr))}
.pp-n11{grid-template-columns:repeat(11,minmax(44px,1fr))}
@media (max-width:599.98px){.pp-n11{grid-template-columns:repeat(6,minmax(44px,1fr))}}
@media (max-width:357.98px){.pp-n7{grid-template-columns:repeat(4,minmax(44px,1fr))}}
@container (max-width:513.98px){.pp-n11{grid-template-columns:repeat(6,minmax(44px,1fr))}}
@container (max-width:325.98px){.pp-n7{grid-template-columns:repeat(4,minmax(44px,1fr))}}
@container (max-width:278.98px){.pp-n11{grid-template-columns:repeat(4,minmax(44px,1fr))}}
@container (max-width:231.98px){.pp-n5{grid-template-columns:repeat(3,minmax(44px,1fr))}}
@container (max-width:184.98px){.pp-n7,.pp-n11{grid-template-columns:repeat(3,minmax(44px,1fr))}}
@container (max-width:137.98px){.pp-n5,.pp-n7,.pp-n11{grid-template-columns:repeat(2,minmax(44px,1fr))}}
.pp-opt{display:flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;margin:0;padding:0 2px;border:1px solid var(--pp-border);border-radius:8px;background:var(--pp-bg);color:var(--pp-text);font:inherit;font-weight:600;cursor:pointer}
.pp-opt:hover{background:var(--pp-soft)}
.pp-opt[aria-checked=true]{background:var(--pp-accent);border-color:var(--pp-accent);color:var(--pp-on-accent)}
.pp-stars .pp-opt,.pp-faces .pp-opt{font-size:26px;font-weight:400;line-height:1}
.pp-stars .pp-opt{color:var(--pp-bg);-webkit-text-stroke:1.5px var(--pp-text);paint-order:stroke fill}
.pp-stars .pp-on{color:var(--pp-accent)}
.pp-stars .pp-opt[aria-checked=true]{background:var(--pp-bg);color:var(--pp-accent);border-width:2px}
.pp-ends{display:flex;justify-content:space-between;gap:12px;margin-top:6px;font-size:14px;color:var(--pp-muted)}
.pp-ends span:last-child{text-align:end}
.pp-choices{display:grid;grid-template-columns:minmax(0,1fr);gap:6px}
.pp-choice{display:flex;align-items:center;gap:10px;min-height:44px;padding:6px 10px;border:1px solid var(--pp-border);border-radius:8px;cursor:pointer}
.pp-choice>span{flex:1;min-width:0}
.pp-choice input{flex:none;width:24px;height:24px;margin:0;accent-color:var(--pp-accent)}
.pp-input,.pp-text{display:block;width:100%;text-align:start;margin:6px 0 0;padding:10px 12px;border:1px solid var(--pp-border);border-radius:8px;background:var(--pp-bg);color:var(--pp-text);font:inherit;min-height:44px}
.pp-text{min-height:96px;resize:vertical}
.pp-input::placeholder,.pp-text::placeholder{color:var(--pp-muted);opacity:1}
.pp-count{margin-top:4px;font-size:14px;color:var(--pp-muted);text-align:end}
.pp-count.pp-limit{color:var(--pp-error);font-weight:600}
.pp-error{margin:6px 0 0;font-size:14px;font-weight:600;color:var(--pp-error)}
.pp-actions{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px;margin-top:4px}
.pp-btn{min-height:44px;min-width:44px;margin:0;padding:10px 18px;border:1px solid var(--pp-accent);border-radius:8px;background:var(--pp-accent);color:var(--pp-on-accent);font:inherit;font-weight:700;cursor:pointer;text-decoration:none;overflow-wrap:break-word;display:inline-flex;align-items:center;justify-content:center}
.pp-btn[aria-disabled=true]{opacity:.6;cursor:progress}
.pp-btn-2{background:transparent;color:var(--pp-text);border-color:var(--pp-border)}
@media (max-width:479.98px){.pp-actions .pp-btn{flex:1}}
.pp-body{margin:0 0 12px}
.pp-note:empty{margin:0}
@media (forced-colors:active){
.pp-opt[aria-checked=true]{forced-color-adjust:none;background:Highlight;border-color:Highlight;color:HighlightText}
.pp-stars .pp-opt{forced-color-adjust:none;background:Canvas;border-color:ButtonText;color:Canvas;-webkit-text-stroke:1.5px CanvasText}
.pp-stars .pp-on{color:Highlight;-webkit-text-stroke-color:Highlight}
.pp-stars .pp-opt[aria-checked=true]{background:Canvas;border:3px solid Highlight;color:Highlight}
.pp-root button:focus-visible,.pp-root input:focus-visible,.pp-root textarea:focus-visible,.pp-root a:focus-visible{outline:3px solid Highlight;outline-offset:2px}
.pp-root .pp-opt[aria-checked=true]:focus-visible{outline-color:CanvasText}
}
.pp-sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
[hidden]{display:none!important}
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

/**
 * The sRGB channels (0–255) of a CSS colour as computed, or null.
 * @param {string} css a computed colour: `rgb(…)`, `rgba(…)`, or another syntax (drawn on a canvas)
 * @returns {[number, number, number] | null}
 */
function channels(css) {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  try {
    // oklch(), color(display-p3 …)…: a 1 × 1 canvas says what sRGB it draws.
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    if (!g) return null;
    g.fillStyle = css;
    g.fillRect(0, 0, 1, 1);
    const d = g.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2]];
  } catch (_) {
    return null;
  }
}

/** @param {[number, number, number]} rgb @returns {number} WCAG relative luminance */
function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Black or white, whichever reads better on `accent` (WCAG contrast), for a theme without
 * `accentText` (D02: white on #ffeb3b is 1.22:1). The accent is resolved by the browser on a
 * probe element in the shadow root: any CSS colour (names, hsl(), var() of the host page…).
 * @param {ShadowRoot} root connected
 * @param {string} accent
 * @returns {string | null}
 */
export function textForAccent(root, accent) {
  const probe = document.createElement('span');
  // CSSOM, not a style attribute: allowed under a strict CSP.
  probe.style.setProperty('color', accent);
  if (!probe.style.getPropertyValue('color')) return null;
  probe.hidden = true;
  root.appendChild(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  const rgb = computed ? channels(computed) : null;
  if (!rgb) return null;
  const l = luminance(rgb);
  // Contrast with black: (L + 0.05) / 0.05; with white: 1.05 / (L + 0.05).
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/**
 * Applies the card CSS and the theme to a shadow root. Constructable stylesheets work under a
 * strict CSP (`style-src 'self'`), <style> elements do not; the latter is only a fallback for
 * browsers without them. A theme with an accent but no `accentText` gets black or white text on
 * the accent, by contrast, once the root is in the page (it resolves the colour).
 * @param {ShadowRoot} root
 * @param {{ accent?: string, radius?: string, font?: string, accentText?: string }} theme
 */
export function applyStyles(root, theme) {
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
    for (const [name, value] of vars) if (typeof value === 'string' && value) style.setProperty(name, value);
    root.adoptedStyleSheets = [/** @type {CSSStyleSheet} */ (shared), sheet];
  } else {
    const el = document.createElement('style');
    el.textContent = CSS;
    root.appendChild(el);
    style = /** @type {HTMLElement} */ (root.host).style;
    for (const [name, value] of vars) if (typeof value === 'string' && value) style.setProperty(name, value);
  }
  const accent = theme.accent;
  if (typeof accent !== 'string' || !accent || (typeof theme.accentText === 'string' && theme.accentText)) return;
  const pick = () => {
    const on = textForAccent(root, accent);
    if (on) style.setProperty('--pp-on-accent-user', on);
  };
  // The widget puts the host in the page right after this call, in the same task.
  if (root.host.isConnected) pick();
  else Promise.resolve().then(() => {
    if (root.host.isConnected) pick();
  });
}
