// The words of the shopper's pages (issue 17): the hosted survey page's messages, the status
// page and the "is it solved?" survey, in the twelve languages of the card (fr, en, de, es, it,
// nl, pt-BR, pl, sv, ja, ar, he). One table; the sentences the core already has (the call-back
// promise, the card's own buttons and labels) come from the core, not from here.
#pragma once

#include <string_view>

namespace pepite::collector {

struct page_text {
  const char* code;  // the page's `lang`: fr, en, …, pt-BR
  bool rtl;          // written right to left (ar, he): `dir="rtl"`
  const char* title;
  const char* order;  // followed by the order id
  const char* unknown_survey;
  const char* no_tokens;
  const char* missing;
  const char* invalid;
  const char* expired;
  const char* answered;
  // The status page.
  const char* status_title;
  const char* follow_link;  // the link to the status page
  const char* step_received;
  const char* step_contacted;
  const char* step_resolved;
  const char* step_reopened;
  const char* step_confirmed;  // followed by the shopper's answer
  const char* not_yet;
  const char* received_only;
  const char* due;  // followed by the promised time
  const char* overdue;
  const char* notes_title;
  const char* unknown_order;
  const char* answer_link;
  const char* yes;  // what the shopper said, on the status page
  const char* partly;
  const char* no;
  const char* date;  // {d} day, {m} month name, {y} year, {t} hh:mm
  const char* months[12];
  // The "is it solved?" survey (its NPS labels and thanks are the core's own).
  const char* solved_question;
  const char* option_yes;
  const char* option_partly;
  const char* option_no;
  const char* comment_question;
  const char* nps_question;  // when the base survey has no NPS wording of its own
};

/// The twelve languages, French first.
const page_text* page_texts_begin();
const page_text* page_texts_end();

/// The texts of `locale`'s language (`pt`, `pt-BR`, `FR_ca` …), or null when it is not one of
/// the twelve.
const page_text* page_text_of(std::string_view locale);

/// The texts of the language an Accept-Language header prefers among the twelve (by q, then
/// order), English when it names none.
const page_text& page_text_for_header(std::string_view accept_language);

/// `locale`'s language as the survey definitions key it: the code up to its first `-`.
std::string_view definition_language(const page_text& t);

}  // namespace pepite::collector
