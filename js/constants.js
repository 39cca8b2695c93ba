// Constants of the browser shell, one line of doc each.

/** Version of the shell, reported nowhere but in `pepite.version`. */
export const VERSION = '0.1.0';
/** File name of the core, looked up next to the script by default. */
export const WASM_FILE = 'pepite-core.wasm';
/** File name of the comment analysis (redaction, topics), looked up next to the core by default. */
export const TEXT_WASM_FILE = 'pepite-text.wasm';
/** UI strings of the languages the core leaves out: `pepite-ui-de.txt`…, next to the core (issue 20). */
export const UI_FILE_PREFIX = 'pepite-ui-';
/** Event names a widget emits (README, "JavaScript API"). */
export const EVENTS = ['ready', 'shown', 'answer', 'score', 'submit', 'sent', 'error', 'dismiss', 'close'];
/** Commands accepted by the `pepite(...)` queue function. */
export const COMMANDS = ['init', 'show', 'hide', 'destroy', 'on', 'off', 'setProperties', 'setLocale'];
/** Card positions. */
export const POSITIONS = ['bottom-right', 'bottom-left', 'center', 'inline'];
/** Colour schemes. */
export const SCHEMES = ['auto', 'light', 'dark'];
/** Default card position. */
export const DEFAULT_POSITION = 'bottom-right';
/** Storage area remembering answered/dismissed surveys per order. */
export const SEEN_NAMESPACE = 'seen';
/** Storage area remembering the sampling decision per survey. */
export const SAMPLE_NAMESPACE = 'sample';
/** Storage area of the delivery outbox. */
export const OUTBOX_NAMESPACE = 'outbox';
/** Most per-order records kept in the `seen` area; the oldest are dropped. */
export const SEEN_MAX = 50;
/** Milliseconds in a day, for `recontactDays`. */
export const DAY_MS = 86400000;
/** Quiet time before typed text is handed to the core. */
export const TEXT_DEBOUNCE_MS = 250;
/**
 * Longest wait, after Send, for the comment analysis still downloading: then the text goes as
 * typed (the collector analyses it on arrival). A shopper on a slow network waited up to 10 s.
 */
export const TEXT_WAIT_MS = 2500;
/** Shortest interval between two announcements of the character count. */
export const COUNT_ANNOUNCE_MS = 1500;
/** Longest time a survey definition fetch may take. */
export const FETCH_TIMEOUT_MS = 10000;
/** Name of the performance mark set when the first question is drawn. */
export const READY_MARK = 'widget-ready';
/** Tag name of the element hosting the shadow root. */
export const HOST_TAG = 'pepite-survey';
/** Prefix of console warnings. */
export const LOG_PREFIX = '[pepite]';
