// Built-in UI strings of the widget in twelve languages (the view's `ui`, see contracts.md).
//
// One block per language, one line per key in the order of `keys` (each line names its key).
// Register: the formal one where a shop would use it (vous, Sie, usted, Lei, u, Państwo,
// です・ます); sentences avoid plural-dependent nouns after `{max}`, so no plural rule is needed.
#include "detail/ui_strings.hpp"

#include <array>
#include <utility>

namespace pepite::detail {

namespace {

/// The order of the lines of pepite-ui-<xx>.txt: add keys at the end, never reorder.
constexpr std::string_view keys[] = {
    "title",         "dialogLabel",
    "submit",        "close",
    "next",          "back",
    "required",      "optional",
    "requiredError", "responseTooLong",
    "charCount",     "tooLong",
    "scaleHint",     "stepOf",
    "other",         "otherPlaceholder",
    "npsLow",        "npsHigh",
    "csatLow",       "csatHigh",
    "csat1",         "csat2",
    "csat3",         "csat4",
    "csat5",         "cesLow",
    "cesHigh",       "thanksTitle",
    "thanksBody",    "callbackPromise",
    "callbackOffer", "callbackChannel",
    "callbackPhone", "callbackEmail",
    "contactPhone",  "contactEmail",
    "contactError",
};
constexpr std::size_t key_count = sizeof(keys) / sizeof(keys[0]);

using texts = std::array<std::string_view, key_count>;

constexpr std::string_view languages[] = {"fr", "en", "de", "es", "it", "nl",
                                          "pt", "pl", "sv", "ja", "ar", "he"};

constexpr texts fr = {{
    "Votre avis compte",                                                            // title
    "Enquête de satisfaction",                                                      // dialogLabel
    "Envoyer",                                                                      // submit
    "Fermer",                                                                       // close
    "Suivant",                                                                      // next
    "Retour",                                                                       // back
    "Obligatoire",                                                                  // required
    "Facultatif",                                                                   // optional
    "Cette question est obligatoire.",                                              // requiredError
    "Vos réponses sont trop longues pour être envoyées : raccourcissez celle-ci.",  // responseTooLong
    "{n} / {max}",                                                                  // charCount
    "{max} caractères au maximum.",                                                 // tooLong
    "{low} à {high}",                                                               // scaleHint
    "Question {n} sur {total}",                                                     // stepOf
    "Autre",                                                                        // other
    "Précisez…",                                                               // otherPlaceholder
    "Pas du tout probable",                                                    // npsLow
    "Très probable",                                                           // npsHigh
    "Très insatisfait·e",                                                      // csatLow
    "Très satisfait·e",                                                        // csatHigh
    "Très insatisfait·e",                                                      // csat1
    "Insatisfait·e",                                                           // csat2
    "Neutre",                                                                  // csat3
    "Satisfait·e",                                                             // csat4
    "Très satisfait·e",                                                        // csat5
    "Très difficile",                                                          // cesLow
    "Très facile",                                                             // cesHigh
    "Merci !",                                                                 // thanksTitle
    "Votre avis nous aide à nous améliorer.",                                  // thanksBody
    "Nous vous rappelons {delay}.",                                            // callbackPromise
    "Souhaitez-vous être recontacté·e {delay} ?",                              // callbackOffer
    "Comment vous joindre ?",                                                  // callbackChannel
    "Téléphone",                                                               // callbackPhone
    "E-mail",                                                                  // callbackEmail
    "Numéro de téléphone",                                                     // contactPhone
    "Adresse e-mail",                                                          // contactEmail
    "Indiquez un numéro de téléphone ou une adresse e-mail où vous joindre.",  // contactError
}};

constexpr texts en = {{
    "Your opinion matters",                                            // title
    "Satisfaction survey",                                             // dialogLabel
    "Send",                                                            // submit
    "Close",                                                           // close
    "Next",                                                            // next
    "Back",                                                            // back
    "Required",                                                        // required
    "Optional",                                                        // optional
    "This question is required.",                                      // requiredError
    "Your answers are too long to be sent: please shorten this one.",  // responseTooLong
    "{n} / {max}",                                                     // charCount
    "At most {max} characters.",                                       // tooLong
    "{low} to {high}",                                                 // scaleHint
    "Question {n} of {total}",                                         // stepOf
    "Other",                                                           // other
    "Please specify…",                                                 // otherPlaceholder
    "Not at all likely",                                               // npsLow
    "Extremely likely",                                                // npsHigh
    "Very dissatisfied",                                               // csatLow
    "Very satisfied",                                                  // csatHigh
    "Very dissatisfied",                                               // csat1
    "Dissatisfied",                                                    // csat2
    "Neutral",                                                         // csat3
    "Satisfied",                                                       // csat4
    "Very satisfied",                                                  // csat5
    "Very difficult",                                                  // cesLow
    "Very easy",                                                       // cesHigh
    "Thank you!",                                                      // thanksTitle
    "Your feedback helps us improve.",                                 // thanksBody
    "We will call you back {delay}.",                                  // callbackPromise
    "Shall we get back to you {delay}?",                               // callbackOffer
    "How can we reach you?",                                           // callbackChannel
    "Phone",                                                           // callbackPhone
    "E-mail",                                                          // callbackEmail
    "Phone number",                                                    // contactPhone
    "E-mail address",                                                  // contactEmail
    "Enter a phone number or e-mail address where we can reach you.",  // contactError
}};

// The shopper's wasm core stops here; the languages below reach it as pepite-ui-<xx>.txt.
#ifndef PEPITE_UI_FR_EN_ONLY

constexpr texts de = {{
    "Ihre Meinung zählt",                  // title
    "Zufriedenheitsumfrage",               // dialogLabel
    "Senden",                              // submit
    "Schließen",                           // close
    "Weiter",                              // next
    "Zurück",                              // back
    "Pflichtfeld",                         // required
    "optional",                            // optional
    "Bitte beantworten Sie diese Frage.",  // requiredError
    "Ihre Antworten sind zu lang, um gesendet zu werden: Bitte kürzen Sie diese "
    "Antwort.",                                             // responseTooLong
    "{n} / {max}",                                          // charCount
    "Höchstens {max} Zeichen.",                             // tooLong
    "{low} bis {high}",                                     // scaleHint
    "Frage {n} von {total}",                                // stepOf
    "Sonstiges",                                            // other
    "Bitte angeben …",                                      // otherPlaceholder
    "Äußerst unwahrscheinlich",                             // npsLow
    "Äußerst wahrscheinlich",                               // npsHigh
    "Sehr unzufrieden",                                     // csatLow
    "Sehr zufrieden",                                       // csatHigh
    "Sehr unzufrieden",                                     // csat1
    "Unzufrieden",                                          // csat2
    "Neutral",                                              // csat3
    "Zufrieden",                                            // csat4
    "Sehr zufrieden",                                       // csat5
    "Sehr schwierig",                                       // cesLow
    "Sehr einfach",                                         // cesHigh
    "Vielen Dank!",                                         // thanksTitle
    "Ihr Feedback hilft uns, besser zu werden.",            // thanksBody
    "Wir rufen Sie {delay} zurück.",                        // callbackPromise
    "Möchten Sie, dass wir uns {delay} bei Ihnen melden?",  // callbackOffer
    "Wie sollen wir Sie kontaktieren?",                     // callbackChannel
    "Per Telefon",                                          // callbackPhone
    "Per E-Mail",                                           // callbackEmail
    "Ihre Telefonnummer",                                   // contactPhone
    "Ihre E-Mail-Adresse",                                  // contactEmail
    "Bitte geben Sie eine Telefonnummer oder E-Mail-Adresse an, unter der wir Sie "
    "erreichen.",  // contactError
}};

constexpr texts es = {{
    "Su opinión es importante",                                                     // title
    "Encuesta de satisfacción",                                                     // dialogLabel
    "Enviar",                                                                       // submit
    "Cerrar",                                                                       // close
    "Siguiente",                                                                    // next
    "Atrás",                                                                        // back
    "Obligatoria",                                                                  // required
    "Opcional",                                                                     // optional
    "Esta pregunta es obligatoria.",                                                // requiredError
    "Sus respuestas son demasiado largas para enviarlas: acorte esta, por favor.",  // responseTooLong
    "{n} / {max}",                                                                  // charCount
    "Máximo {max} caracteres.",                                                     // tooLong
    "De {low} a {high}",                                                            // scaleHint
    "Pregunta {n} de {total}",                                                      // stepOf
    "Otro",                                                                         // other
    "Especifique…",                                                            // otherPlaceholder
    "Nada probable",                                                           // npsLow
    "Extremadamente probable",                                                 // npsHigh
    "Muy insatisfecho",                                                        // csatLow
    "Muy satisfecho",                                                          // csatHigh
    "Muy insatisfecho",                                                        // csat1
    "Insatisfecho",                                                            // csat2
    "Neutral",                                                                 // csat3
    "Satisfecho",                                                              // csat4
    "Muy satisfecho",                                                          // csat5
    "Muy difícil",                                                             // cesLow
    "Muy fácil",                                                               // cesHigh
    "¡Gracias!",                                                               // thanksTitle
    "Su opinión nos ayuda a mejorar.",                                         // thanksBody
    "Le llamaremos {delay}.",                                                  // callbackPromise
    "¿Desea que nos pongamos en contacto con usted {delay}?",                  // callbackOffer
    "¿Cómo prefiere que le contactemos?",                                      // callbackChannel
    "Por teléfono",                                                            // callbackPhone
    "Por correo electrónico",                                                  // callbackEmail
    "Su número de teléfono",                                                   // contactPhone
    "Su dirección de correo electrónico",                                      // contactEmail
    "Indique un teléfono o un correo electrónico donde podamos contactarle.",  // contactError
}};

constexpr texts it = {{
    "La sua opinione conta",           // title
    "Sondaggio di soddisfazione",      // dialogLabel
    "Invia",                           // submit
    "Chiudi",                          // close
    "Avanti",                          // next
    "Indietro",                        // back
    "Obbligatoria",                    // required
    "Facoltativa",                     // optional
    "Questa domanda è obbligatoria.",  // requiredError
    "Le sue risposte sono troppo lunghe per essere inviate: la preghiamo di accorciare "
    "questa.",                                                                 // responseTooLong
    "{n} / {max}",                                                             // charCount
    "Al massimo {max} caratteri.",                                             // tooLong
    "Da {low} a {high}",                                                       // scaleHint
    "Domanda {n} di {total}",                                                  // stepOf
    "Altro",                                                                   // other
    "Specificare…",                                                            // otherPlaceholder
    "Per niente probabile",                                                    // npsLow
    "Estremamente probabile",                                                  // npsHigh
    "Molto insoddisfatto",                                                     // csatLow
    "Molto soddisfatto",                                                       // csatHigh
    "Molto insoddisfatto",                                                     // csat1
    "Insoddisfatto",                                                           // csat2
    "Neutrale",                                                                // csat3
    "Soddisfatto",                                                             // csat4
    "Molto soddisfatto",                                                       // csat5
    "Molto difficile",                                                         // cesLow
    "Molto facile",                                                            // cesHigh
    "Grazie!",                                                                 // thanksTitle
    "Il suo parere ci aiuta a migliorare.",                                    // thanksBody
    "La richiameremo {delay}.",                                                // callbackPromise
    "Desidera essere ricontattato/a {delay}?",                                 // callbackOffer
    "Come preferisce essere contattato/a?",                                    // callbackChannel
    "Per telefono",                                                            // callbackPhone
    "Per e-mail",                                                              // callbackEmail
    "Il suo numero di telefono",                                               // contactPhone
    "Il suo indirizzo e-mail",                                                 // contactEmail
    "Indichi un numero di telefono o un indirizzo e-mail per ricontattarla.",  // contactError
}};

constexpr texts nl = {{
    "Uw mening telt",                                                          // title
    "Tevredenheidsonderzoek",                                                  // dialogLabel
    "Verzenden",                                                               // submit
    "Sluiten",                                                                 // close
    "Volgende",                                                                // next
    "Terug",                                                                   // back
    "Verplicht",                                                               // required
    "Optioneel",                                                               // optional
    "Deze vraag is verplicht.",                                                // requiredError
    "Uw antwoorden zijn te lang om te verzenden: maak dit antwoord korter.",   // responseTooLong
    "{n} / {max}",                                                             // charCount
    "Maximaal {max} tekens.",                                                  // tooLong
    "{low} tot {high}",                                                        // scaleHint
    "Vraag {n} van {total}",                                                   // stepOf
    "Anders",                                                                  // other
    "Namelijk…",                                                               // otherPlaceholder
    "Helemaal niet waarschijnlijk",                                            // npsLow
    "Zeer waarschijnlijk",                                                     // npsHigh
    "Zeer ontevreden",                                                         // csatLow
    "Zeer tevreden",                                                           // csatHigh
    "Zeer ontevreden",                                                         // csat1
    "Ontevreden",                                                              // csat2
    "Neutraal",                                                                // csat3
    "Tevreden",                                                                // csat4
    "Zeer tevreden",                                                           // csat5
    "Zeer moeilijk",                                                           // cesLow
    "Zeer gemakkelijk",                                                        // cesHigh
    "Hartelijk dank!",                                                         // thanksTitle
    "Uw feedback helpt ons om beter te worden.",                               // thanksBody
    "Wij bellen u {delay} terug.",                                             // callbackPromise
    "Wilt u dat wij {delay} contact met u opnemen?",                           // callbackOffer
    "Hoe kunnen wij u het beste bereiken?",                                    // callbackChannel
    "Telefonisch",                                                             // callbackPhone
    "Per e-mail",                                                              // callbackEmail
    "Uw telefoonnummer",                                                       // contactPhone
    "Uw e-mailadres",                                                          // contactEmail
    "Vul een telefoonnummer of e-mailadres in waarop wij u kunnen bereiken.",  // contactError
}};

// Brazilian Portuguese (most shoppers); a pt-PT survey overrides the few words that differ in `ui`.
constexpr texts pt = {{
    "Sua opinião é importante",      // title
    "Pesquisa de satisfação",        // dialogLabel
    "Enviar",                        // submit
    "Fechar",                        // close
    "Avançar",                       // next
    "Voltar",                        // back
    "Obrigatória",                   // required
    "Opcional",                      // optional
    "Esta pergunta é obrigatória.",  // requiredError
    "Suas respostas são longas demais para serem enviadas: encurte esta, por favor.",  // responseTooLong
    "{n} / {max}",                                                                     // charCount
    "No máximo {max} caracteres.",                                                     // tooLong
    "De {low} a {high}",                                                               // scaleHint
    "Pergunta {n} de {total}",                                                         // stepOf
    "Outro",                                                                           // other
    "Especifique…",                                                      // otherPlaceholder
    "Nada provável",                                                     // npsLow
    "Extremamente provável",                                             // npsHigh
    "Muito insatisfeito",                                                // csatLow
    "Muito satisfeito",                                                  // csatHigh
    "Muito insatisfeito",                                                // csat1
    "Insatisfeito",                                                      // csat2
    "Neutro",                                                            // csat3
    "Satisfeito",                                                        // csat4
    "Muito satisfeito",                                                  // csat5
    "Muito difícil",                                                     // cesLow
    "Muito fácil",                                                       // cesHigh
    "Obrigado!",                                                         // thanksTitle
    "Sua opinião nos ajuda a melhorar.",                                 // thanksBody
    "Ligaremos para você {delay}.",                                      // callbackPromise
    "Gostaria que entrássemos em contato com você {delay}?",             // callbackOffer
    "Como prefere ser contatado?",                                       // callbackChannel
    "Por telefone",                                                      // callbackPhone
    "Por e-mail",                                                        // callbackEmail
    "Seu número de telefone",                                            // contactPhone
    "Seu endereço de e-mail",                                            // contactEmail
    "Informe um telefone ou e-mail em que possamos entrar em contato.",  // contactError
}};

// Państwo (formal plural); satisfaction as adverbs, which need no grammatical gender.
constexpr texts pl = {{
    "Państwa opinia jest dla nas ważna",                                        // title
    "Ankieta satysfakcji",                                                      // dialogLabel
    "Wyślij",                                                                   // submit
    "Zamknij",                                                                  // close
    "Dalej",                                                                    // next
    "Wstecz",                                                                   // back
    "Wymagane",                                                                 // required
    "Opcjonalne",                                                               // optional
    "To pytanie jest obowiązkowe.",                                             // requiredError
    "Odpowiedzi są zbyt długie, aby je wysłać: prosimy skrócić tę odpowiedź.",  // responseTooLong
    "{n} / {max}",                                                              // charCount
    "Limit znaków: {max}.",                                                     // tooLong
    "Od {low} do {high}",                                                       // scaleHint
    "Pytanie {n} z {total}",                                                    // stepOf
    "Inne",                                                                     // other
    "Prosimy doprecyzować…",                                                    // otherPlaceholder
    "Zupełnie nieprawdopodobne",                                                // npsLow
    "Bardzo prawdopodobne",                                                     // npsHigh
    "Bardzo źle",                                                               // csatLow
    "Bardzo dobrze",                                                            // csatHigh
    "Bardzo źle",                                                               // csat1
    "Źle",                                                                      // csat2
    "Przeciętnie",                                                              // csat3
    "Dobrze",                                                                   // csat4
    "Bardzo dobrze",                                                            // csat5
    "Bardzo trudno",                                                            // cesLow
    "Bardzo łatwo",                                                             // cesHigh
    "Dziękujemy!",                                                              // thanksTitle
    "Państwa opinia pomaga nam się doskonalić.",                                // thanksBody
    "Oddzwonimy {delay}.",                                                      // callbackPromise
    "Czy chcą Państwo, abyśmy skontaktowali się z Państwem {delay}?",           // callbackOffer
    "Jak mamy się z Państwem skontaktować?",                                    // callbackChannel
    "Telefonicznie",                                                            // callbackPhone
    "E-mailowo",                                                                // callbackEmail
    "Numer telefonu",                                                           // contactPhone
    "Adres e-mail",                                                             // contactEmail
    "Prosimy podać numer telefonu lub adres e-mail do kontaktu.",               // contactError
}};

// Swedish shops say "du": "ni" reads as distant or old-fashioned.
constexpr texts sv = {{
    "Din åsikt är viktig",                                                // title
    "Nöjdhetsenkät",                                                      // dialogLabel
    "Skicka",                                                             // submit
    "Stäng",                                                              // close
    "Nästa",                                                              // next
    "Tillbaka",                                                           // back
    "Obligatorisk",                                                       // required
    "Valfri",                                                             // optional
    "Den här frågan är obligatorisk.",                                    // requiredError
    "Dina svar är för långa för att skickas: korta ner det här svaret.",  // responseTooLong
    "{n} / {max}",                                                        // charCount
    "Högst {max} tecken.",                                                // tooLong
    "{low} till {high}",                                                  // scaleHint
    "Fråga {n} av {total}",                                               // stepOf
    "Annat",                                                              // other
    "Ange…",                                                              // otherPlaceholder
    "Inte alls troligt",                                                  // npsLow
    "Mycket troligt",                                                     // npsHigh
    "Mycket missnöjd",                                                    // csatLow
    "Mycket nöjd",                                                        // csatHigh
    "Mycket missnöjd",                                                    // csat1
    "Missnöjd",                                                           // csat2
    "Neutral",                                                            // csat3
    "Nöjd",                                                               // csat4
    "Mycket nöjd",                                                        // csat5
    "Mycket svårt",                                                       // cesLow
    "Mycket enkelt",                                                      // cesHigh
    "Tack!",                                                              // thanksTitle
    "Din feedback hjälper oss att bli bättre.",                           // thanksBody
    "Vi ringer upp dig {delay}.",                                         // callbackPromise
    "Vill du att vi kontaktar dig {delay}?",                              // callbackOffer
    "Hur vill du bli kontaktad?",                                         // callbackChannel
    "Per telefon",                                                        // callbackPhone
    "Per e-post",                                                         // callbackEmail
    "Ditt telefonnummer",                                                 // contactPhone
    "Din e-postadress",                                                   // contactEmail
    "Ange ett telefonnummer eller en e-postadress där vi kan nå dig.",    // contactError
}};

// です・ます with honorific お/ご; no exclamation marks.
constexpr texts ja = {{
    "ご意見をお聞かせください",                                        // title
    "満足度アンケート",                                                // dialogLabel
    "送信",                                                            // submit
    "閉じる",                                                          // close
    "次へ",                                                            // next
    "戻る",                                                            // back
    "必須",                                                            // required
    "任意",                                                            // optional
    "この質問は必須です。",                                            // requiredError
    "回答が長すぎるため送信できません。この回答を短くしてください。",  // responseTooLong
    "{n} / {max}",                                                     // charCount
    "{max}文字以内でご記入ください。",                                 // tooLong
    "{low}〜{high}",                                                   // scaleHint
    "{total}問中{n}問目",                                              // stepOf
    "その他",                                                          // other
    "具体的にご記入ください",                                          // otherPlaceholder
    "まったく可能性がない",                                            // npsLow
    "非常に可能性が高い",                                              // npsHigh
    "非常に不満",                                                      // csatLow
    "非常に満足",                                                      // csatHigh
    "非常に不満",                                                      // csat1
    "不満",                                                            // csat2
    "どちらでもない",                                                  // csat3
    "満足",                                                            // csat4
    "非常に満足",                                                      // csat5
    "非常に難しい",                                                    // cesLow
    "非常に簡単",                                                      // cesHigh
    "ありがとうございました",                                          // thanksTitle
    "ご意見は今後の改善に役立てさせていただきます。",                  // thanksBody
    "{delay}にお電話いたします。",                                     // callbackPromise
    "{delay}にご連絡しましょうか？",                                   // callbackOffer
    "連絡方法",                                                        // callbackChannel
    "電話",                                                            // callbackPhone
    "メール",                                                          // callbackEmail
    "電話番号",                                                        // contactPhone
    "メールアドレス",                                                  // contactEmail
    "電話番号またはメールアドレスを入力してください。",                // contactError
}};

// Modern Standard Arabic; the character limit is a label, so no dual/plural agreement is needed.
// The count is isolated left to right (U+2066 … U+2069): in a right-to-left line "0 / 500"
// would read "500 / 0". Hebrew does the same.
constexpr texts ar = {{
    "رأيك يهمنا",                                         // title
    "استبيان رضا العملاء",                                // dialogLabel
    "إرسال",                                              // submit
    "إغلاق",                                              // close
    "التالي",                                             // next
    "السابق",                                             // back
    "إلزامي",                                             // required
    "اختياري",                                            // optional
    "هذا السؤال إلزامي.",                                 // requiredError
    "إجاباتك أطول من أن تُرسَل: يُرجى اختصار هذه الإجابة.",  // responseTooLong
    "\u2066{n} / {max}\u2069",                            // charCount
    "الحد الأقصى لعدد الأحرف: {max}.",                    // tooLong
    "من {low} إلى {high}",                                // scaleHint
    "السؤال {n} من {total}",                              // stepOf
    "أخرى",                                               // other
    "يُرجى التحديد…",                                      // otherPlaceholder
    "غير مرجح على الإطلاق",                               // npsLow
    "مرجح للغاية",                                        // npsHigh
    "غير راضٍ جدًا",                                        // csatLow
    "راضٍ جدًا",                                            // csatHigh
    "غير راضٍ جدًا",                                        // csat1
    "غير راضٍ",                                            // csat2
    "محايد",                                              // csat3
    "راضٍ",                                                // csat4
    "راضٍ جدًا",                                            // csat5
    "صعب جدًا",                                            // cesLow
    "سهل جدًا",                                            // cesHigh
    "شكرًا لك!",                                           // thanksTitle
    "رأيك يساعدنا على التحسّن.",                           // thanksBody
    "سنتصل بك {delay}.",                                  // callbackPromise
    "هل تود أن نتواصل معك {delay}؟",                      // callbackOffer
    "كيف تفضّل أن نتواصل معك؟",                            // callbackChannel
    "عبر الهاتف",                                         // callbackPhone
    "عبر البريد الإلكتروني",                              // callbackEmail
    "رقم هاتفك",                                          // contactPhone
    "عنوان بريدك الإلكتروني",                             // contactEmail
    "أدخل رقم هاتف أو بريدًا إلكترونيًا للتواصل معك.",      // contactError
}};

// Hebrew; מרוצה and אליך are spelled alike for every reader, "מאשר/ת" names both forms.
constexpr texts he = {{
    "דעתך חשובה לנו",                                                // title
    "סקר שביעות רצון",                                               // dialogLabel
    "שליחה",                                                         // submit
    "סגירה",                                                         // close
    "הבא",                                                           // next
    "הקודם",                                                         // back
    "חובה",                                                          // required
    "רשות",                                                          // optional
    "זוהי שאלת חובה.",                                               // requiredError
    "התשובות ארוכות מכדי שניתן יהיה לשלוח אותן: נא לקצר תשובה זו.",  // responseTooLong
    "\u2066{n} / {max}\u2069",                                       // charCount
    "עד {max} תווים.",                                               // tooLong
    "{low} עד {high}",                                               // scaleHint
    "שאלה {n} מתוך {total}",                                         // stepOf
    "אחר",                                                           // other
    "נא לפרט…",                                                      // otherPlaceholder
    "בכלל לא סביר",                                                  // npsLow
    "סביר מאוד",                                                     // npsHigh
    "לא מרוצה בכלל",                                                 // csatLow
    "מרוצה מאוד",                                                    // csatHigh
    "לא מרוצה בכלל",                                                 // csat1
    "לא מרוצה",                                                      // csat2
    "ניטרלי",                                                        // csat3
    "מרוצה",                                                         // csat4
    "מרוצה מאוד",                                                    // csat5
    "קשה מאוד",                                                      // cesLow
    "קל מאוד",                                                       // cesHigh
    "תודה!",                                                         // thanksTitle
    "המשוב שלך עוזר לנו להשתפר.",                                    // thanksBody
    "נחזור אליך {delay}.",                                           // callbackPromise
    "האם לחזור אליך {delay}?",                                       // callbackOffer
    "איך נוח לך שניצור איתך קשר?",                                   // callbackChannel
    "בטלפון",                                                        // callbackPhone
    "בדוא״ל",                                                        // callbackEmail
    "מספר הטלפון שלך",                                               // contactPhone
    "כתובת הדוא״ל שלך",                                              // contactEmail
    "יש להזין מספר טלפון או כתובת דוא״ל ליצירת קשר.",                // contactError
}};

#endif  // PEPITE_UI_FR_EN_ONLY

/// The texts of `language` in this build, null when it has none.
const texts* texts_of(std::string_view language) {
  if (language == "fr") return &fr;
  if (language == "en") return &en;
#ifndef PEPITE_UI_FR_EN_ONLY
  constexpr std::pair<std::string_view, const texts*> more[] = {
      {"de", &de}, {"es", &es}, {"it", &it}, {"nl", &nl}, {"pt", &pt},
      {"pl", &pl}, {"sv", &sv}, {"ja", &ja}, {"ar", &ar}, {"he", &he}};
  for (const auto& [code, table] : more) {
    if (code == language) return table;
  }
#endif
  return nullptr;
}

/// `locale`'s language subtag, lower case (`FR_be` -> `fr`), up to 3 letters, else empty.
std::string_view language_of(std::string_view locale, char (&buffer)[4]) {
  std::size_t n = 0;
  while (n < locale.size() && locale[n] != '-' && locale[n] != '_') {
    if (n == 3) return {};
    const char c = locale[n];
    buffer[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::string_view(buffer, n);
}

}  // namespace

const std::string_view* ui_keys_begin() {
  return keys;
}

const std::string_view* ui_keys_end() {
  return keys + key_count;
}

bool is_ui_key(std::string_view key) {
  for (const std::string_view k : keys) {
    if (k == key) return true;
  }
  return false;
}

const std::string_view* ui_languages_begin() {
  return languages;
}

const std::string_view* ui_languages_end() {
  return languages + sizeof(languages) / sizeof(languages[0]);
}

std::string_view ui_language(std::string_view locale) {
  char buffer[4];
  const std::string_view language = language_of(locale, buffer);
  for (const std::string_view code : languages) {
    if (code == language) return code;
  }
  return {};
}

bool ui_built_in(std::string_view language) {
  return texts_of(language) != nullptr;
}

std::string_view builtin_ui(std::string_view key, std::string_view language) {
  const texts* table = texts_of(language);
  if (table == nullptr) return {};
  for (std::size_t i = 0; i < key_count; ++i) {
    if (keys[i] == key) return (*table)[i];
  }
  return {};
}

namespace {

/// Line `n` of `text` (lines end with '\n'), or null when it has fewer lines.
const char* line_at(std::string_view text, std::size_t n, std::size_t& length) {
  std::size_t start = 0;
  for (; n > 0; --n) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return nullptr;
    ++start;
  }
  if (start >= text.size()) return nullptr;
  const std::size_t end = text.find('\n', start);
  length = (end == std::string_view::npos ? text.size() : end) - start;
  return text.data() + start;
}

}  // namespace

bool valid_ui_pack(std::string_view pack) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < key_count; ++i) {
    if (line_at(pack, i, length) == nullptr || length == 0) return false;
  }
  return line_at(pack, key_count, length) == nullptr;
}

std::string_view ui_pack_text(std::string_view pack, std::string_view key) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < key_count; ++i) {
    if (keys[i] == key) {
      const char* text = line_at(pack, i, length);
      return text == nullptr ? std::string_view() : std::string_view(text, length);
    }
  }
  return {};
}

bool is_rtl(std::string_view locale) {
  char buffer[4];
  const std::string_view language = language_of(locale, buffer);
  constexpr std::string_view rtl[] = {"ar", "he", "fa", "ur"};
  for (const std::string_view code : rtl) {
    if (code == language) return true;
  }
  return false;
}

}  // namespace pepite::detail
