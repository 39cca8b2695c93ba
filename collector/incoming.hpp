// What the collector does to a payload between its validation and its storage: the survey it
// names, and the analysis of its texts, properties and page path by the core.
#pragma once

#include <string>

#include "pepite/definition.hpp"
#include "pepite/payload.hpp"

namespace pepite::collector {

/// The `surveyId` of a payload, to pick the definition it is validated against ("" when none).
std::string survey_id_of(const std::string& body);

/// The single place where incoming texts are analysed before storage: redaction (issue 7), and
/// the topics and urgency a payload lacks when the browser could not analyse it (issue 4: its
/// pepite-text.wasm failed to load); the host's properties (but `orderId`) and the page path are
/// redacted too (issue 18). `definition` may be null when no surveys are configured.
void analyse_incoming(const survey* definition, payload_summary& summary, std::string& payload);

}  // namespace pepite::collector
