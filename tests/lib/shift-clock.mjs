// Moves this process's clock PEPITE_TEST_CLOCK_SHIFT_DAYS days ahead (loaded with `node --import`),
// so that a test comparing a fixed date with the real clock fails the day it is written (#21).
const days = Number(process.env.PEPITE_TEST_CLOCK_SHIFT_DAYS || 0);
if (!Number.isFinite(days)) throw new Error('PEPITE_TEST_CLOCK_SHIFT_DAYS must be a number of days');
if (days) {
  const shift = days * 24 * 3600 * 1000;
  const RealDate = Date;
  /** `Date` whose "now" (`Date.now()`, `new Date()`) is `shift` ms ahead; any given time is kept. */
  class ShiftedDate extends RealDate {
    /** @param {...any} args */
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...(/** @type {[any]} */ (args)));
    }
    static now() {
      return RealDate.now() + shift;
    }
  }
  globalThis.Date = /** @type {DateConstructor} */ (ShiftedDate);
}
