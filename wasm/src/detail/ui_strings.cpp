// Built-in UI strings of the widget in French and English (the view's `ui`, see contracts.md).
#include "detail/ui_strings.hpp"

namespace pepite::detail {

namespace {

constexpr ui_string strings[] = {
    {"title", "Votre avis compte", "Your opinion matters"},
    {"dialogLabel", "Enquête de satisfaction", "Satisfaction survey"},
    {"submit", "Envoyer", "Send"},
    {"close", "Fermer", "Close"},
    {"next", "Suivant", "Next"},
    {"back", "Retour", "Back"},
    {"required", "Obligatoire", "Required"},
    {"optional", "Facultatif", "Optional"},
    {"requiredError", "Cette question est obligatoire.", "This question is required."},
    {"responseTooLong",
     "Vos réponses sont trop longues pour être envoyées : raccourcissez celle-ci.",
     "Your answers are too long to be sent: please shorten this one."},
    {"charCount", "{n} / {max}", "{n} / {max}"},
    {"tooLong", "{max} caractères au maximum.", "At most {max} characters."},
    {"scaleHint", "{low} à {high}", "{low} to {high}"},
    {"stepOf", "Question {n} sur {total}", "Question {n} of {total}"},
    {"other", "Autre", "Other"},
    {"otherPlaceholder", "Précisez…", "Please specify…"},
    {"npsLow", "Pas du tout probable", "Not at all likely"},
    {"npsHigh", "Très probable", "Extremely likely"},
    {"csatLow", "Très insatisfait·e", "Very dissatisfied"},
    {"csatHigh", "Très satisfait·e", "Very satisfied"},
    {"csat1", "Très insatisfait·e", "Very dissatisfied"},
    {"csat2", "Insatisfait·e", "Dissatisfied"},
    {"csat3", "Neutre", "Neutral"},
    {"csat4", "Satisfait·e", "Satisfied"},
    {"csat5", "Très satisfait·e", "Very satisfied"},
    {"cesLow", "Très difficile", "Very difficult"},
    {"cesHigh", "Très facile", "Very easy"},
    {"thanksTitle", "Merci !", "Thank you!"},
    {"thanksBody", "Votre avis nous aide à nous améliorer.", "Your feedback helps us improve."},
    {"consent", "J'accepte d'être recontacté·e", "I agree to be contacted"},
    {"consentSaved", "C'est noté, merci.", "Noted, thank you."},
    {"callbackPromise", "Nous vous rappelons {delay}.", "We will call you back {delay}."},
};

}  // namespace

const ui_string* ui_strings_begin() {
  return strings;
}

const ui_string* ui_strings_end() {
  return strings + sizeof(strings) / sizeof(strings[0]);
}

bool is_french(std::string_view locale) {
  return locale.size() >= 2 && (locale[0] == 'f' || locale[0] == 'F') &&
         (locale[1] == 'r' || locale[1] == 'R') &&
         (locale.size() == 2 || locale[2] == '-' || locale[2] == '_');
}

std::string_view builtin_ui(std::string_view key, std::string_view locale) {
  const bool french = is_french(locale);
  for (const ui_string* it = ui_strings_begin(); it != ui_strings_end(); ++it) {
    if (it->key == key) return french ? it->fr : it->en;
  }
  return {};
}

}  // namespace pepite::detail
