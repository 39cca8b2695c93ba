// Built-in French/English keyword lists for topics and urgency reasons (compact source form).
// Problem topics (delay, damage, wrong/missing) are negatable; aspect topics (price, service,
// website, returns, quality) are tagged whether praised or criticised. See docs/text.md.
#include "detail/text_lexicon.hpp"

namespace pepite::detail {

// clang-format off
const lexicon_source k_topic_sources[] = {
    {"delivery_delay", true,
     "retard*|=late|lateness|not shown up|not show up|not turned up|too long|douane|=customs|"
     "delay*|delai depasse|delai~long|trop long|trop longue|longtemps|lent|lente|lenteur*|"
     "slow|slowly|toujours pas|toujours en attente~colis|toujours en attente~commande|"
     "toujours en attente~livraison|toujours rien|pas encore|not yet arriv*|not yet receiv*|"
     "not yet deliver*|not arrived yet|not received yet|still not|still no|pas recu|"
     "jamais recu|rien recu|pas arrive|jamais arrive|jamais livre|pas livre|pas ete livre|"
     "never arriv*|never receiv*|never came|never deliver*|never got|not arriv*|not receiv*|"
     "not deliver*|not come|attend* depuis|wait* since|took forever|took ages|took~week*|"
     "mis~semaine*|semaines pour|weeks to|colis perdu|perdu~colis|lost~parcel|lost~package|"
     "parcel~lost|package~lost|lost in transit|egare*|where is my|ou est mon|ou est ma|"
     "suivi bloque|bloque|stuck|no update*|not updat*|acheminement|sans nouvelle*|"
     "aucune nouvelle|no news|pas bouge|not moved|overdue|still waiting for~order|"
     "still waiting for~parcel|still waiting for~package|still waiting for~delivery|"
     "still waiting for it|still waiting on~order|still waiting on~parcel|attente~colis|"
     "attente~commande|attente~livraison|attente~paquet|semaines d'attente|jours d'attente|"
     "weeks of waiting|waiting for~parcel|waiting for~order|waiting for~package|"
     "waiting for~delivery|=waited"},
    {"damaged_item", true,
     "abim*|endommag*|casse|cassure*|brise*|morceaux|smithereens|into pieces|enfonce*|fele|"
     "felee|feles|felees|felure*|fendu*|warped|gondol*|damag*|broken|cracked|crack*|dented|"
     "cabosse*|bosse|bosse*|fissur*|raye|rayee|rayure*|scratch*|ecrase*|crushed|smashed|"
     "shattered|dechir*|torn|ripped|tache|taches|tachee*|stain*|carton~ouvert|colis~ouvert|"
     "box~open*|emballage~abim*|packaging~damag*|fuite|leak*|coule|en morceaux|in pieces|"
     "ebrech*|chipped|mouille*|soaked|eclate*|tordu*|bent|defonce*|arrived broken|arrive~cass*"},
    {"wrong_or_missing_item", true,
     "manqu*|missing|wrong|mauvais article|mauvaise taille|mauvaise couleur|mauvais produit|"
     "mauvais modele|mauvaise reference|mauvaise piece|mauvaise pointure|pas le bon|"
     "pas la bonne|pas les bons|pas celui|pas celle|pas ce que|not what i ordered|not the one|"
     "not the right|incorrect*|incomplet*|pas complet|oubli*|forgot*|left out|only received|"
     "only got|!recu que|instead of|au lieu de|au lieu du|au lieu des|ne correspond pas|"
     "does not match|pas article|not the item|short of|autre article|autre produit|"
     "different item|different product|different colo*|not included|pas inclus|"
     "erreur~commande|erreur~article|erreur de taille|erreur de colis|envoye~autre|sent~wrong|"
     "not as ordered|mix up|mixup|interverti*|pas le mien|not mine|someone else|"
     "quelqu'un d'autre|pieces~manquant*|sans la notice|sans le chargeur|without the"},
    {"price", false,
     "prix|price*|pricing|cher|chere|couteux|couteuse|cout|coute|coutent|tarif*|pricey|"
     "expensive|cheap|cheaper|cheapest|overpriced|bon marche|abordable*|affordable|promo|"
     "promos|promotion*|remise*|reduction*|discount*|solde|soldes|frais de port|"
     "frais de livraison|shipping cost*|shipping fee*|shipping charge*|delivery fee*|"
     "delivery charge*|postage|qualite prix|value for money|good value|great value|"
     "worth the money|worth it|economi*|euros|dollars|money|argent|bargain|deal|budget|"
     "hors de prix|facture|factures|facturation|free delivery|free shipping|"
     "livraison gratuite|livraison offerte|port offert|surfactur*|overcharg*|charged twice|"
     "debite*|prelev*|invoice*|rapport qualite"},
    {"customer_service", false,
     "service client*|service apres vente|sav|customer service|customer care|customer support|"
     "=service|excellent service|bon service|support team|the support|support was|support is|"
     "support staff|tech support|le support|hotline|renseign*|conseill*|vendeur|vendeuse|"
     "seller|staff|equipe|team|agent|agents|interlocut*|reponse*|repond*|respons*|reply|"
     "replie*|answer*|joindre|injoignable|unreachable|accueil*|aimable*|courtois*|poli|polie|"
     "polite*|impoli*|rude|helpful|unhelpful|friendly|sympa*|chaleureu*|a l'ecoute|"
     "professionn*|reactiv*|chat|tchat|mail|mails|message*|ai appele|ai telephone|ticket*|"
     "reclamation*|manager|gerant*|resolu*|resolved|geste commercial|goodwill|compens*|"
     "excuse*|apolog*|ignored|ignore*|personne ne|no one|nobody|ai contacte|have contacted|"
     "contacted them|contacted you|contacted the"},
    {"website_checkout", false,
     "site|sites|website*|web|appli|application|app|apps|checkout|check out|paiement*|"
     "payment*|panier|cart|basket|bug*|beug*|buggy|crash*|plante|erreur technique|technical|"
     "code promo|promo code|coupon|voucher|navigation|navigu*|interface|ergonom*|product page|"
     "compte client|mon compte|creer~compte|my account|account|login|log in|connexion|"
     "se connecter|mot de passe|password|formulaire|form|easy to order|facile a commander|"
     "ordering process|parcours|loading|chargement*|facile de commander|3d secure|"
     "carte refusee|card declined|declined|paypal|apple pay|email de confirmation|"
     "confirmation email|mail de confirmation|moteur de recherche|search|filtre*|filter*|"
     "fiche produit|product page|commander en ligne|order online"},
    {"returns_refund", false,
     "retour|retours|retourn*|renvo*|return|returns|returned|returning|send~back|sent~back|"
     "sending~back|rembours*|refund*|reimburs*|echang*|exchang*|bon d'achat|store credit|"
     "credit note|avoir sur|etiquette de retour|etiquette retour|return label|returns label|"
     "retractation|money back|replacement|remplac*|swap"},
    {"product_quality", false,
     "qualit*|quality|matiere*|material*|tissu*|fabric*|cuir|leather|coton|cotton|finition*|"
     "finish*|solide*|sturdy|durable|robuste|resistant*|fragile|flimsy|cheaply made|well made|"
     "bien fait|bien fini*|mal fini*|mal cousu|couture*|stitch*|seam*|decousu*|confort*|"
     "comfort*|uncomfortable|odeur*|smell*|bouloch*|pilling|decolor*|delave*|faded|fading|"
     "retreci*|shrunk|shrank|shrink*|deteint|cesse de fonctionn*|fonctionne plus|"
     "fonctionne bien|fonctionne parfaitement|fonctionne tres bien|marche bien|marche plus|"
     "marche pas|ne marche|works perfectly|works great|works well|not work|stopped working|"
     "defectu*|defective|faulty|defaut*|defect*|panne|usure|worn|tenu|tient|lasted|beau|belle|"
     "beaux|belles|magnifique*|superbe*|joli|jolie|jolis|jolies|beautiful|gorgeous|"
     "excellent produit|great product|bon produit|good product|taille petit|taille grand|"
     "=sizing|fits|fit|trop petit|trop grand|too small|too big|too large|too tight|serre|gout|"
     "saveur|taste*|delicieu*|delicious|fresh|perime|expired|batterie|battery|affaiss*|sagged|"
     "sagging|ecaill*|peeling|fiable|reliable|puissant|powerful|coince*|jamming|jammed|dye|"
     "terne|ternes|dull|irrit*|allerg*|rash|rougeur*|rubbish|junk|camelote|pacotille|daube|"
     "garbage|trash|crap|mediocre|bas de gamme|haut de gamme|solidite|precis|accurate|"
     "produit de qualite|top qualite|premium|craftsmanship|fabrication|bien concu"},
};
// clang-format on
const std::size_t k_topic_source_count = sizeof(k_topic_sources) / sizeof(k_topic_sources[0]);

// clang-format off
const lexicon_source k_urgency_sources[] = {
    {"callback_request", true,
     "rappelez moi|rappelle moi|rappeler moi|me rappeler|me rappel*|recontact*|me contacter|"
     "contactez moi|contacter moi|appelez moi|me appeler|me appelez|me telephoner|"
     "telephonez moi|joignable|call me|call me back|callback|give me a call|phone me|ring me|"
     "contact me|get in touch|reach me|please call|can you call|could you call|"
     "souhaite~rappel*|veux~rappel*|merci de~rappel*|merci de~appel*|by phone|par telephone|"
     "au telephone"},
    {"legal_threat", true,
     "avocat*|dgccrf|tribunal|tribunaux|justice|plainte|porter plainte|mise en demeure|"
     "mettre en demeure|juridique*|proces|ufc|que choisir|60 millions|signalconso|"
     "signal conso|mediateur|huissier|lawyer*|attorney*|sue|suing|lawsuit|legal action|legal|"
     "to court|small claims|trading standards|bbb|better business bureau|chargeback*|"
     "charge back|dispute~charge|dispute~payment|opposition|litige|consumer protection|"
     "ombudsman|report you"},
    {"cancellation", true,
     "annul*|cancel*|resili*|desist*|rescind"},
    {"refund_demand", true,
     "rembourse moi|remboursez moi|remboursez nous|exige~rembours*|veux~rembours*|"
     "voudrais~rembours*|souhaite~rembours*|demande~rembours*|reclame~rembours*|"
     "attends~rembours*|want~refund*|demand~refund*|need~refund*|expect~refund*|"
     "request~refund*|give~refund*|refund me|full refund|money back|rembourse integralement|"
     "remboursement integral|remboursement immediat|immediate refund|refund now|"
     "rembourser immediatement|exige~argent|want my money"},
    {"anger", true,
     "arnaque*|arnaqueur*|escroc*|escroquerie*|voleur*|honte|honteux|honteuse|scandal*|"
     "inadmissible|inacceptable|lamentable|pitoyable|degoute*|degoutant*|furieux|furieuse|"
     "en colere|enerve*|ras le bol|marre|foutage|se fout|minable|plus jamais|scam*|fraud*|"
     "rip off|ripoff|thieves|thief|stealing|disgrace*|disgust*|furious|angry|outrage*|"
     "unacceptable|appalling|pathetic|ridiculous|ridicule|worst|never again|horrible|"
     "horrendous|terrible|joke|clowns|useless|incompetent*|incompetence|fed up|inadmissible|"
     "cauchemar|nightmare|escrocs|voleurs"},
};
// clang-format on
const std::size_t k_urgency_source_count = sizeof(k_urgency_sources) / sizeof(k_urgency_sources[0]);

}  // namespace pepite::detail
