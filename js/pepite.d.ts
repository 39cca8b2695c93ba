// Public types of Pépite's browser widget: the `pepite` global (script tag) and the ES module.

/** A survey definition `pepite.survey/1` (docs/contracts.md); checked by the core, not by types. */
export interface SurveyDefinition {
  /** Always `pepite.survey/1`. */
  schema: 'pepite.survey/1';
  /** Survey id, `[a-z0-9_-]{1,40}`. */
  id: string;
  /** Other keys: see docs/contracts.md. */
  [key: string]: unknown;
}

/** Values allowed in `properties` (at most 20 keys). */
export type PropertyValue = string | number | boolean;

/** Look of the card, applied through CSS custom properties. */
export interface Theme {
  /** Accent colour (buttons, selected score, focus ring), any CSS colour. */
  accent?: string;
  /** Text colour on the accent (default white in light mode); keep 4.5:1 contrast. */
  accentText?: string;
  /** Corner radius of the card, a CSS length. */
  radius?: string;
  /** Font family of the card (default: the page's own, as computed where the card goes). */
  font?: string;
  /** Colour scheme; `auto` (default) follows the page's own background colour: dark on a dark page. */
  scheme?: 'auto' | 'light' | 'dark';
}

/** A structured error, as the `error` event carries it. */
export interface PepiteError {
  /** Stable code, e.g. `core.load_failed`, `definition.duplicate_id` (docs/errors.md). */
  code: string;
  /** Human-readable message (also printed with console.warn). */
  message: string;
  /** Where in the input the problem is, when known. */
  path?: string;
  /** Every error when there were several. */
  errors?: Array<{ code: string; path?: string; message: string }>;
  /** HTTP status (delivery errors). */
  status?: number;
  /** The response concerned (delivery errors). */
  responseId?: string;
  /** What the endpoint said when it refused a payload (`delivery.rejected`). */
  serverMessage?: string;
}

/** A response payload `pepite.response/1` (docs/contracts.md). */
export interface ResponsePayload {
  /** Always `pepite.response/1`. */
  schema: 'pepite.response/1';
  /** UUID made by the widget; partial and complete versions share it. */
  responseId: string;
  /** The survey's id. */
  surveyId: string;
  /** `partial` as soon as a score is given, `complete` on submit. */
  status: 'partial' | 'complete';
  /** The answers given. */
  answers: Array<{ questionId: string; type: string; value: unknown; otherText?: string }>;
  /** Local scoring. */
  scores: Record<string, unknown>;
  /** Alert raised for the customer-care team, or null. */
  alert: { priority: 'high' | 'normal'; reasons: string[] } | null;
  /** Whether the shopper accepted a call back. */
  callbackConsent: boolean;
  /** The consented call-back contact (issue 16), never redacted; only with `callbackConsent: true`. */
  contact?: { channel: 'phone' | 'email'; value: string };
  /** Properties from the host page (order id…). */
  properties: Record<string, PropertyValue>;
  /** Locale, page URL, timestamps, duration. */
  context: Record<string, unknown>;
  /** Personal data replaced in the texts, by kind (`{ phone: 1, email: 1 }`), when any. */
  redactions?: Record<string, number>;
  /** Topics found in the texts (`delivery_delay`, `damaged_item`…), when any. */
  topics?: string[];
  /** The order token of `init({ token })`, when given. */
  token?: string;
  /** The secret binding this response to this browser (64 hex digits; the collector keeps a hash). */
  senderKey?: string;
}

/** The local scoring result, as the `score` event carries it. */
export interface ScoreResult {
  /** NPS answer, or null. */
  nps: number | null;
  /** `promoter`, `passive` or `detractor`, or null. */
  category: 'promoter' | 'passive' | 'detractor' | null;
  /** CSAT answer, or null. */
  csat: number | null;
  /** CES answer, or null. */
  ces: number | null;
  /** Alert for the customer-care team, or null. */
  alert: { priority: 'high' | 'normal'; reasons: string[] } | null;
  /** Topics found in the texts so far, when the comment analysis has run. */
  topics?: string[];
}

/** Detail of each event. */
export interface PepiteEvents {
  /** The survey and the core are loaded; `eligible` tells whether the card may be shown. */
  ready: { surveyId: string; eligible: boolean; reason: 'ok' | 'answered' | 'dismissed' | 'recontact' | 'sampled_out' };
  /**
   * The shopper can see the card: at once for a floating or modal card; an inline card drawn
   * below the fold, once half of it is on screen (or focus goes into it). Its response's
   * `startedAt` and `durationMs` count from then.
   */
  shown: { surveyId: string; responseId: string };
  /** An answer was accepted by the core. */
  answer: { questionId: string; value: unknown; otherText?: string };
  /** The local scoring changed. */
  score: ScoreResult;
  /** The complete payload (on submit). */
  submit: ResponsePayload;
  /**
   * The endpoint acknowledged the complete version of a response (once per response).
   */
  sent: { responseId: string; payload: ResponsePayload };
  /** Something failed; the host page is not affected. */
  error: PepiteError;
  /** The shopper closed the card before finishing. */
  dismiss: { surveyId: string; responseId: string };
  /** The card left the screen. */
  close: { surveyId: string; reason: 'done' | 'dismiss' | 'hide' };
}

/** Names of the events. */
export type PepiteEventName = keyof PepiteEvents;

/** Options of `init` (and `pepite('init', …)`); script tags give the same through data-* attributes. */
export interface InitOptions {
  /** The definition: an object, JSON text, a URL, or `#id` of an inline `<script type="application/json">`. */
  survey: SurveyDefinition | string;
  /** Where payloads are POSTed, or a function doing it (delivery, issue 5). No endpoint: nothing is sent. */
  endpoint?: string | ((payload: ResponsePayload) => Promise<void | boolean | { ok: boolean }>);
  /** Extra request headers for the endpoint. */
  headers?: Record<string, string>;
  /** May change a payload before it is sent, or return false to drop it. */
  beforeSend?: (payload: ResponsePayload) => ResponsePayload | false | void | Promise<ResponsePayload | false | void>;
  /** `auto` (default: `<html lang>`, then the browser's languages) or a language tag. */
  locale?: string;
  /** Host data copied into every payload, e.g. `{ orderId: 'A-10023' }`. */
  properties?: Record<string, PropertyValue>;
  /** Shortcut for `properties.orderId`. */
  orderId?: string;
  /**
   * The shop's signed order token for this order (docs/tokens.md; script tag `data-token`), made
   * on the shop's server. Put in every payload; the collector checks it and takes the order id
   * from it.
   */
  token?: string;
  /** Where the card goes (default `bottom-right`); below 480 px wide it is a bottom sheet. */
  position?: 'bottom-right' | 'bottom-left' | 'center' | 'inline';
  /** Host element (or selector) for `inline`. */
  target?: Element | string;
  /**
   * CSS selectors (a selector list) of page elements a floating card must not cover (the order total…), besides
   * the page's `h1`; script tag `data-keep-clear`. The card takes the corner (on a phone, the
   * edge) that covers none of them, else the one that covers the least, and checks again on
   * resize, scroll and when it grows.
   */
  keepClear?: string;
  /** Look of the card. */
  theme?: Theme | 'auto' | 'light' | 'dark';
  /** Wait before showing, in ms (default 0); cancelled if the page navigates. */
  delayMs?: number;
  /** Share of visitors who see the survey, 0–1 (default 1), drawn once per visitor. */
  sampling?: number;
  /** Days without asking again after an answer or dismissal (default 0: only the same order is never asked twice). */
  recontactDays?: number;
  /** Show as soon as ready (default true); false waits for `show()`. */
  autoShow?: boolean;
  /** URL of pepite-core.wasm (default: next to pepite.js / pepite.mjs). */
  wasmUrl?: string;
  /** URL of pepite-text.wasm, the comment analysis loaded on the first answer or focus in the card (default: next to `wasmUrl`). */
  textWasmUrl?: string;
  /** Options of the delivery engine, e.g. `{ retryBaseMs: 1000 }`. */
  delivery?: Record<string, unknown>;
  /** Listeners attached before loading starts (hears loading errors). */
  on?: { [K in PepiteEventName]?: (detail: PepiteEvents[K]) => void };
}

/** A survey widget on the page. No method throws. */
export interface Widget {
  /** Resolves when loading ended (successfully or not: see the `error` event). */
  readonly ready: Promise<void>;
  /** Shows the card now; respects "not asked twice" unless `force`. Resolves to whether it is on screen. */
  show(options?: { force?: boolean }): Promise<boolean>;
  /** Hides the card without dismissing it; cancels a pending delayed show. */
  hide(): void;
  /** Removes every node, listener and timer. */
  destroy(): void;
  /** Adds a listener. */
  on<K extends PepiteEventName>(type: K, listener: (detail: PepiteEvents[K]) => void): Widget;
  /** Removes a listener (all of that type without `listener`). */
  off<K extends PepiteEventName>(type: K, listener?: (detail: PepiteEvents[K]) => void): Widget;
  /** Merges properties into those sent with the payload. */
  setProperties(properties: Record<string, PropertyValue>): void;
  /** Changes the locale (`auto` or a tag); an open card is redrawn. */
  setLocale(locale: string): void;
}

/** Creates a widget; resolves once loaded. Never rejects. */
export function init(options: InitOptions): Promise<Widget>;
/** Creates a widget synchronously (it loads in the background). */
export function createWidget(options: InitOptions): Widget;
/** Changes the default wasm URL for later widgets. */
export function setDefaultWasmUrl(url: string): void;
/** Version of the widget. */
export const version: string;

/** The `pepite` global of the script tag: a command function. */
export interface PepiteCommand {
  (command: 'init', options: InitOptions): Promise<Widget>;
  (command: 'show', options?: { force?: boolean }): Promise<boolean> | undefined;
  (command: 'hide' | 'destroy'): void;
  <K extends PepiteEventName>(command: 'on' | 'off', type: K, listener: (detail: PepiteEvents[K]) => void): void;
  (command: 'setProperties', properties: Record<string, PropertyValue>): void;
  (command: 'setLocale', locale: string): void;
  /** Version of the widget (absent on the snippet's stub, before pepite.js has loaded). */
  readonly version?: string;
  /** Calls buffered by the snippet before the script loaded. */
  q?: IArguments[];
}

declare global {
  /** The only global of pepite.js. */
  // eslint-disable-next-line no-var
  var pepite: PepiteCommand;
}
