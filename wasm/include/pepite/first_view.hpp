// The first view computed ahead of time (issue 19): what a session's start shows, natively, so
// the shell can draw the card before pepite-core.wasm has arrived. Used by pepite-check and the
// collector; the shopper's wasm never links it (only the definition hash is in the wasm).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pepite/error.hpp"

namespace pepite {

/// One first view computed ahead of time, or why there is none.
struct first_view_result {
  /// The view JSON, exactly what a session's start report holds as `view` for the same
  /// definition and locales, but for `responseId`, which is `null` (the view belongs to no
  /// response yet). Empty when the first view is not precomputed.
  std::string view;
  std::string locale;           ///< the locale the view is in, resolved as a session resolves it
  std::string definition_hash;  ///< the definition's hash, also the view's `definitionHash`
  /// Why there is no view (errors: the definition's or the locales', `session.bad_options` at
  /// `locale`), and the definition's warnings.
  issues problems;
  bool ok() const { return !view.empty(); }
};

/// The first view a session on `definition_json` started with `locales` (as the session option
/// `locale`: tags in order of preference, 1 to 10; none = the survey's `defaultLocale`) shows.
/// Computed by a real session, so it cannot drift from the engine's. Pure: no clock, no I/O.
///
///     auto fv = pepite::first_view(text, {"fr-CA", "fr", "en"});
///     if (fv.ok()) serve(fv.view);  // fv.locale == "fr" for a survey written in fr and en
///
/// Every first view of today's definitions depends only on the definition and the locale. A
/// feature that lets it read host properties (a display condition on a property, a text that
/// interpolates one) must refuse here with `first_view.uses_properties`: such a view is drawn by
/// the core only.
first_view_result first_view(std::string_view definition_json,
                             const std::vector<std::string>& locales);

/// `fr-CA,fr,en` -> {"fr-CA", "fr", "en"}: the locales of a URL query or a command line, spaces
/// around tags dropped; none for an empty text. Tags are checked by first_view().
std::vector<std::string> locale_list(std::string_view comma_separated);

/// `definition_json` with its `firstView` member set (replaced when present) to
/// `{"definitionHash": h, "views": {locale: view, ...}}` from the results that are `ok()`, in
/// their order (one per locale: a later result for the same locale replaces the earlier one).
/// Compact JSON; the other members keep their order and values. Empty when no result is `ok()`
/// or `definition_json` is not a JSON object.
std::string with_first_views(std::string_view definition_json,
                             const std::vector<first_view_result>& views);

}  // namespace pepite
