/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-pdf-vocabulary.h"

#include <string.h>

/*
 * The language of Danish minutes, as data. Every wording here was met in published
 * agendas and minutes (see shared/minutes-layouts.md for where they vary): captions
 * and their synonyms, labels of the header block, the forms of item headings and
 * case numbers, attendance, votes, statements and absence lines. Patterns are
 * compiled once per process; the importer asks for them by name.
 *
 * To teach the importer a new wording, add it here: no other file knows any.
 */

/* A date as printed: "05-05-2021", "5.5.21", "2021-05-05", "6. september 2021". */
#define DATE "(?:\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.?\\s+\\p{L}+\\s+\\d{4})"
/* An item reference: "pkt. 48", "Punkt 31", "sag 5". */
#define ITEM_REF "(?:[Pp]kt\\.?|[Pp]unkt|[Ss]ag)\\s*\\d{1,4}"
/* Case numbers: KLE ("00.05.00-P35-2-24"), ESDH numbers ("20/22278", "2021-12345",
 * "EMN-2025-003383", "2020/01234"). */
#define CASE_VALUE                                                                                                     \
  "(?:\\d{2}\\.\\d{2}\\.\\d{2}(?:-[A-ZÆØÅ]\\d{2})?(?:-\\d+){1,3}|\\d{2}/\\d{1,7}(?:-\\d+)?|\\d{4}[-/]\\d{3,8}"          \
  "|[A-ZÆØÅ]{2,6}-\\d{4}-\\d{3,8})"
/* The labels of case and document numbers. */
#define CASE_LABELS                                                                                                    \
  "(?:Sagsnr\\.?|Sags\\s+nr\\.?|Sag\\s+nr\\.?\\s*(?=:)|Sagsnummer|Sags\\s*-?\\s*ID|Sag\\s+ID|J\\.\\s*nr\\.?"                 \
  "|Journalnr\\.?|Journal\\s+nr\\.?|Dok\\.\\s*nr\\.?|Dokumentnr\\.?|Acadre\\s+sagsnr\\.?)"
#define MONTHS "(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)"

typedef struct {
  const char *pattern;
  GRegexCompileFlags flags;
} PatternEntry;

#define CI G_REGEX_CASELESS

static const PatternEntry patterns[REF_VOCAB_N] = {
  [REF_VOCAB_ITEM_PREFIXED] = { "^(?:Punkt|Pkt\\.?|Sag\\s+nr\\.?|Sagsnr\\.?\\s+(?=\\d{1,4}\\b)|Dagsordenspunkt|Dagsordenpunkt)\\s*"
                                "(?<number>\\d{1,4})(?![\\d/,-]|\\.\\d)\\s*[:.\\-–]?\\s*(?<title>.*)$",
                                CI },
  [REF_VOCAB_ITEM_NUMBERED] = { "^(?<number>\\d{1,4})\\.\\s+(?<title>\\S.*)$", 0 },
  [REF_VOCAB_ITEM_NUMBER_CELL] = { "^(?<number>\\d{1,4})\\.?\\t(?<title>\\S.*)$", 0 },
  [REF_VOCAB_ITEM_BARE_NUMBER] = { "^(?<number>\\d{1,4})\\s+(?<title>\\p{Lu}.*)$", 0 },
  [REF_VOCAB_ITEM_LONE_NUMBER] = { "^(?<number>\\d{1,4})\\.?$", 0 },
  [REF_VOCAB_SUB_NUMBER] = { "^(?<number>\\d{1,3})\\.(?<sub>\\d{1,3})\\.?\\s+(?<title>\\S.*)$", 0 },
  [REF_VOCAB_CLOSED_TITLE] = { "^(?:Lukket punkt|Lukket sag|Lukket|Fortroligt punkt|Fortroligt)(?:\\s*[:\\-–]\\s*(?<title>.*))?$", CI },
  [REF_VOCAB_OPEN_MARKER] = { "^(?:Åbent punkt|Åben sag|Åbent|Offentligt punkt)$", CI },
  [REF_VOCAB_CLOSED_MARKER] = { "^(?:Lukket punkt|Lukket sag|Lukket|Fortroligt punkt|Fortroligt)$", CI },
  [REF_VOCAB_SIGNATURE_TITLE] = { "underskrift|godkendelse af referat|digital godkendelse", CI },
  [REF_VOCAB_MONTH_START] = { "^" MONTHS "\\b", CI },

  [REF_VOCAB_CASE_NUMBER] = { "^(?:Sags?\\s*nr\\.?:?\\s*)?(?<value>" CASE_VALUE ")$", 0 },
  /* What follows the number: after a separator, or another label ("Sagsnr.: 23/00045
   * Dok.nr.: 150112/23"). */
  [REF_VOCAB_CASE_LABELLED] = { "^" CASE_LABELS "\\s*:?\\s*(?<value>[\\p{L}\\d][\\p{L}\\d./-]*\\d)"
                                "(?:(?:\\s*(?:[|·•,;]|\\t|\\s{2,})\\s*|\\s+(?=" CASE_LABELS "))(?<rest>.*))?$",
                                CI },

  /* "Side 3 af 20", "3 of 20", and front matter numbered "ii". */
  [REF_VOCAB_PAGE_NUMBER] = { "^(?:Side|Page|s\\.)?\\s*(?:\\d+|[ivxlc]{1,7})(?:\\s*(?:af|/|of)\\s*\\d+)?$", CI },
  [REF_VOCAB_TOC_HEADING] = { "^(?:Indholdsfortegnelse|Indhold|Dagsordensoversigt|Oversigt|Punkter på dagsordenen|Sagsliste"
                              "|Indholdsliste)\\s*:?$",
                              CI },
  [REF_VOCAB_TOC_COLUMNS] = { "^(?:Pkt\\.?|Punkt|Nr\\.?)\\s*\\t?\\s*(?:Tekst|Titel|Emne|Sag)\\s*\\t?\\s*(?:Side|Sidetal)$", CI },
  [REF_VOCAB_TOC_PART] = { "^(?:Åben|Åbne|Åbent|Offentlig|Offentlige|Lukket|Lukkede|Fortrolig|Fortrolige)\\s+"
                           "(?:dagsorden|punkter|møde|del|sager|referat)\\b",
                           CI },
  [REF_VOCAB_TOC_CLOSED_PART] = { "^(?:Lukket|Lukkede|Fortrolig|Fortrolige)\\b", CI },
  [REF_VOCAB_TOC_TRAILING_PAGE] = { "^(?<body>.*?)[\\s.…]*(?:\\t|\\.{3,}|…+|\\s{2,})\\s*(?<page>\\d{1,4})$", 0 },
  [REF_VOCAB_TOC_LEADING_NUMBER] = { "^(?:(?:Punkt|Pkt\\.?|Sag\\s+nr\\.?)\\s*)?(?<number>\\d{1,4})(?<sub>\\.\\d{1,3})?"
                                     "(?:\\s*[:.]\\s*|\\s*\\t\\s*|\\s+)(?<title>\\S.*)$",
                                     CI },

  [REF_VOCAB_TITLE_LINE] = { "^(?:Åbent |Åben |Lukket |Offentligt |Offentlig |Ordinært |Ekstraordinært )?"
                             "(?<kind>Referat|Dagsorden|Beslutningsprotokol|Tillægsdagsorden|Beslutningsreferat)\\b\\s*"
                             "(?:[-–—:]\\s*)?(?:(?:fra|af|til|for)\\s+)?(?:(?:det\\s+)?(?:ordinære\\s+|ekstraordinære\\s+)?mødet?\\s+i\\s+)?"
                             "(?<rest>.*)$",
                             CI },
  [REF_VOCAB_TITLE_DATE_TAIL] = { "\\s*[,–-]?\\s*(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\\s+)?(?:d\\.|den)?\\s*" DATE ".*$", CI },
  [REF_VOCAB_ORGANISATION] = { "(?:Kommune|Region \\p{L}+|Kommunalbestyrelse|Regionsrådet)$", 0 },
  [REF_VOCAB_EDITION] = { "^(?:Offentlig|Intern) udgave$", 0 },
  [REF_VOCAB_MEETING_ENDED] = { "^Mødet (?:sluttede|hævet|hævedes|afsluttet|afsluttedes|slut)\\b", CI },
  [REF_VOCAB_RUNNING_HEADER] = { "^(?<committee>.+?)(?:,|\\t|\\s+d\\.|\\s+den|\\s+[-–·]\\s*|\\s+(?=\\d{1,2}[-./]\\d))\\s*"
                                 "(?<date>\\d.*)$",
                                 0 },
  [REF_VOCAB_PARTY] = { "^(?:[A-ZÆØÅ]{1,3}|[Ll]øsgænger|[Uu]den for parti|[Uu]den for partierne)$", 0 },
  [REF_VOCAB_OFFICIAL_ROLE] = { "chef|direktør|sekretær|konsulent|leder|referent|sagsbehandler|specialist|koordinator|jurist"
                                "|økonom|medarbejder|fuldmægtig|rådgiver",
                                CI },
  [REF_VOCAB_MEMBER_ROLE] = { "^(?:formand|næstformand|borgmester|(?:\\d\\.\\s*)?viceborgmester|rådmand|udvalgsformand"
                              "|regionsrådsformand|medlem)$",
                              CI },
  [REF_VOCAB_ATTENDANCE_SUFFIX] = { "^(?<name>.+?)\\s*[-–]\\s*(?<what>Deltog|Til stede|Mødt|Afbud|Fraværende|Ikke til stede"
                                    "|Ikke mødt|Forfald|Deltog ikke)\\.?$",
                                    CI },
  [REF_VOCAB_ABSENT_MARK] = { "^(?:Afbud|Fraværende|Fravær|Forfald|Ikke til stede|Deltog ikke)$", CI },
  [REF_VOCAB_WITHOUT_NOTICE] = { "\\s+(?:uden|med) afbud$", CI },
  [REF_VOCAB_ATTENDED_ITEMS] = { "^(?<name>.+?)\\s+deltog (?:kun )?(?:ved|i|under) (?:punkterne|punkt|pkt\\.?)\\s+(?<items>.+)$", CI },
  [REF_VOCAB_ATTENDED_UNTIL] = { "^(?<name>.+?)\\s+(?:deltog|var til stede) (?:indtil|til) (?<time>kl\\.?\\s*[\\d.:]+)?\\s*"
                                 "(?:i|under) (?:punkt|pkt\\.?)\\s*(?<item>\\d{1,4})",
                                 CI },
  [REF_VOCAB_SUBSTITUTE_HEADER] = { "^(?<absent>.+?)\\s+-\\s+(?<standin>.+?)\\s+mødte som (?:stedfortræder|suppleant)", CI },
  [REF_VOCAB_SUBSTITUTE_ENTRY] = { "^(?<standin>.+?)\\s+(?:(?:mødte|deltog)\\s+(?:som\\s+)?(?:stedfortræder|suppleant)"
                                  "|deltog\\s+i\\s+stedet)\\s+for\\s+(?<absent>.+?)\\.?$",
                                  0 },
  [REF_VOCAB_MOVEMENTS] = { "^(?<name>.+?)\\s+(?<rest>(?:forlod|kom|ankom|deltog fra) .+)$", 0 },
  /* "forlod mødet kl. 18.40 under punkt 2", "kom tilbage før punkt 5", "deltog fra
   * punkt 3" (came before item 3). */
  [REF_VOCAB_MOVEMENT] = { "^(?<verb>forlod (?:mødet|det igen)|kom (?:til mødet|tilbage|igen)|ankom|deltog(?=\\s+fra\\b))"
                           "(?:\\s+kl\\.?\\s*(?<time>\\d{1,2}[.:]\\d{2}))?"
                           "(?:\\s+(?<when>før|under|i|fra(?: og med)?)\\s+(?:punkt|pkt\\.?)\\s*(?<item>\\d{1,4}))?\\.?$",
                           CI },

  [REF_VOCAB_DATE_ISO] = { "(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})", 0 },
  [REF_VOCAB_DATE_NUMERIC] = { "(?<d>\\d{1,2})[-./](?<m>\\d{1,2})[-./](?<y>\\d{4}|\\d{2}(?!\\d))", 0 },
  [REF_VOCAB_DATE_NAMED] = { "(?<d>\\d{1,2})\\.?\\s+(?<name>\\p{L}+)\\.?\\s+(?<y>\\d{4})", CI },
  [REF_VOCAB_TIME] = { "(?:kl\\.?\\s*)?(?<h>\\d{1,2})[:.](?<min>\\d{2})(?!\\d)", CI },

  [REF_VOCAB_RECOMMENDS] = { "^(?<body>\\p{Lu}[^.:;]{0,90}?)\\s+(?<intro>(?:indstiller|foreslår|anbefaler|indstilles)"
                             "(?:,?\\s+at\\b|,)?)\\s*:?(?:\\s+(?<rest>\\S.*))?$",
                             0 },
  [REF_VOCAB_INLINE_POINTS] = { "(?:^|\\s)(?<n>\\d{1,2})\\)\\s+", 0 },
  [REF_VOCAB_VOTE_LINE] = { "^(?:For stemte|Imod stemte|Undlod (?:af|at) stemme|Hverken for eller imod|Undlod"
                            "|(?:Indstillingen|Forslaget|Ændringsforslaget) blev)\\b",
                            0 },
  [REF_VOCAB_VOTE_FOR] = { "^For stemte\\s*:?\\s*(?<count>\\d{1,4})?\\s*,?\\s*(?<names>.*?)\\.?$", CI },
  [REF_VOCAB_VOTE_AGAINST] = { "^Imod stemte\\s*:?\\s*(?<count>\\d{1,4})?\\s*,?\\s*(?<names>.*?)\\.?$", CI },
  [REF_VOCAB_VOTE_ABSTAIN] = { "^(?:Undlod at stemme|Undlod af stemme|Hverken for eller imod|Undlod)\\s*:?\\s*(?<count>\\d{1,4})?"
                               "\\s*,?\\s*(?<names>.*?)\\.?$",
                               CI },
  [REF_VOCAB_VOTE_OUTCOME] = { "^(?:Indstillingen|Forslaget|Sagen|Ændringsforslaget)\\s+(?:blev|er)\\s+(?:dermed\\s+)?"
                               "(?:godkendt|vedtaget|forkastet|faldet|tiltrådt|anbefalet|afvist|nedstemt)",
                               CI },
  [REF_VOCAB_STATEMENT_LEAD] = { "^(?<by>.+?)\\s+(?:ønskede|ønsker)\\s+(?:at afgive|at få|følgende)\\s*(?:følgende\\s+)?"
                                 "(?<what>mindretalsudtalelse|protokolbemærkning|ført til protokol|tilført protokollen)[^.]*:\\s*$",
                                 CI },
  [REF_VOCAB_NAMED_ACTION] = { "^(?<by>[A-ZÆØÅ][^ ]+(?: [A-ZÆØÅ][^ ]+)*(?: \\([^)]*\\))?)\\s+(?:benyttede|ønskede|ønsker|begærede"
                               "|tog forbehold|stemte|kunne ikke)",
                               0 },
  [REF_VOCAB_REFERRAL] = { "standsningsret|begærede", 0 },
  [REF_VOCAB_ABSENCE_LINE] = { "^(?:(?:Afbud|Fraværende(?: (?:uden|med) afbud)?|Fravær|Ikke til stede)\\b\\s*:?\\s+\\S"
                               "|Følgende deltog ikke i (?:behandlingen af )?(?:punktet|sagen)\\s*:?\\s*\\S"
                               "|\\S.* (?:deltog som (?:stedfortræder|suppleant) for|erklærede sig inhabil)\\b)",
                               0 },
  [REF_VOCAB_ABSENCE_LABEL] = { "^(?:Afbud|Fraværende(?: (?:uden|med) afbud)?|Fravær|Ikke til stede"
                                "|Følgende deltog ikke i (?:behandlingen af )?(?:punktet|sagen))\\s*:?\\s*",
                                0 },
  [REF_VOCAB_ITEM_SUBSTITUTE] = { "^(?<who>.+?) deltog som (?:stedfortræder|suppleant) for (?<whom>.+?)\\.?$", 0 },
  [REF_VOCAB_DISQUALIFIED] = { "^(?<who>.+?) erklærede sig inhabil(?<how>.*?)(?:\\.\\s*Begrundelse:\\s*(?<why>.+?))?\\.?$", 0 },
  [REF_VOCAB_ATTACHMENT_COUNT] = { "^\\d+ bilag(?:,? heraf \\d+ anbefales)?\\.?$", CI },
  [REF_VOCAB_ATTACHMENT_RECOMMENDED] = { "^ANBEFALES\\s*-?\\s*", 0 },
  [REF_VOCAB_ATTACHMENT_FILE] = { "\\.(?:pdf|docx?|xlsx?|pptx?|odt)$", CI },
  [REF_VOCAB_CLOSING_PAGE] = { "^(?:Godkendelse af referat(?:et)?|Underskrift(?:er|sblad|sside)?|Underskriftsblad)$", CI },
  [REF_VOCAB_ATTACHMENT_OVERVIEW] = { "^Bilag(?:soversigt)?:?$", CI },
  [REF_VOCAB_ROUTE_SEPARATOR] = { "\\s*(?:,|→|->|–|—|>|\\s/\\s)\\s*", 0 },
  [REF_VOCAB_HISTORY_ENTRY] = { "^(?<body>\\p{Lu}[^,:]{2,80}?),\\s*(?:den\\s+)?(?<date>" DATE ")(?:,\\s*(?<ref>" ITEM_REF "))?"
                                "\\s*[:.\\-–]\\s*(?<text>\\S.*)$",
                                0 },
  [REF_VOCAB_GENITIVE_BODY] = { "^(?<body>.+(?:et|en))s$", 0 },
  /* The columns of a table of decisions, one row per meeting: "Udvalg | Dato |
   * Beslutning". */
  [REF_VOCAB_DECISION_COLUMN_BODY] = { "^(?:Udvalg|Organ|Behandlet af|Instans|Myndighed|Politisk udvalg|Mødeforum)$", CI },
  [REF_VOCAB_DECISION_COLUMN_DATE] = { "^(?:Dato|Mødedato|Behandlet den|Møde)$", CI },
  [REF_VOCAB_DECISION_COLUMN_TEXT] = { "^(?:Beslutning(?:er)?|Afgørelse|Resultat|Udfald)$", CI },
  [REF_VOCAB_SUSPENDED_COMPOUND] = { "^(?:og|eller|samt|til|end|&)$", 0 },
};

/* ---- captions ---- */

typedef struct {
  const char *pattern;
  GRegexCompileFlags flags;
  RefCaptionRole role;
  RefSectionKind section;
  gboolean named; /* names a body: a sentence in body type could read the same */
} CaptionEntry;

/* In order: the first that matches wins. Anchored; matched against the caption
 * without its outline number ("2.1 ") and its colon. */
static const CaptionEntry captions[] = {
  { "^(?:Beslutningen træffes af|Beslutningskompetence|Kompetence|Kompetencefordeling|Kompetenceangivelse)$", CI,
    REF_CAPTION_DECIDED_BY, REF_SECTION_KIND_FREE },
  { "^Beslutning fra (?<body>.+?),\\s*(?<date>[^,]+?)(?:,\\s*(?<ref>" ITEM_REF "))?$", CI, REF_CAPTION_PRIOR_DECISION,
    REF_SECTION_KIND_FREE },
  { "^(?:Beslutning(?:er)?|Afgørelse)(?:\\s+i)?(?:\\s+(?<body>\\D.*?))?(?:,?\\s+(?:(?:den|d\\.)\\s+)?(?<date>" DATE "))?"
    "(?:,?\\s+(?<ref>" ITEM_REF "))?$",
    CI, REF_CAPTION_DECISION, REF_SECTION_KIND_FREE },
  { "^(?<body>\\p{Lu}.*?s)\\s+beslutning(?:er)?(?:,?\\s+(?:den|d\\.)\\s*(?<date>" DATE "))?(?:,?\\s+(?<ref>" ITEM_REF "))?$",
    0, REF_CAPTION_DECISION, REF_SECTION_KIND_FREE, TRUE },
  { "^(?<body>\\p{Lu}[^,]*?),\\s*(?<date>" DATE ")(?:,\\s*(?<ref>" ITEM_REF "))?$", 0, REF_CAPTION_DECISION,
    REF_SECTION_KIND_FREE, TRUE },
  { "^(?:Indstilling(?:er|en)?|(?:Administrationens|Forvaltningens|Direktionens|Direktørens|Kommunaldirektørens"
    "|Borgmesterens|Formandens|Sekretariatets)\\s+indstilling|Indstilling fra .+|Forslag til (?:beslutning|indstilling)"
    "|Beslutningsforslag|Forslag|Indstilling og beslutning)$",
    CI, REF_CAPTION_RECOMMENDATION, REF_SECTION_KIND_FREE },
  { "^(?:Bilag(?:soversigt)?|Bilagsliste|Vedhæftede bilag|Bilag til punktet)$", CI, REF_CAPTION_ATTACHMENTS,
    REF_SECTION_KIND_FREE },
  { "^(?:Sagsgang|Sagens gang|Behandlingsforløb)$", CI, REF_CAPTION_CASE_ROUTE, REF_SECTION_KIND_FREE },
  { "^(?:Sagsforløb|Sagens forløb|Sagshistorik|Historik)$", CI, REF_CAPTION_HISTORY, REF_SECTION_KIND_FREE },
  { "^(?:Sammendrag|Resum[eé]|Kort resum[eé]|Resum[eé] af sagen|Kort om sagen|Hovedpunkter)$", CI, REF_CAPTION_SECTION,
    REF_SECTION_KIND_SUMMARY },
  { "^(?:Baggrund|Baggrund for sagen|Sagens baggrund|Indledning)$", CI, REF_CAPTION_SECTION, REF_SECTION_KIND_BACKGROUND },
  { "^(?:Sagsfremstilling|Sagsbeskrivelse|Sagen|Sagens indhold|Beskrivelse af sagen|Sagsredegørelse|Redegørelse"
    "|Uddybende sagsfremstilling|Sagsfremstilling og vurdering)$",
    CI, REF_CAPTION_SECTION, REF_SECTION_KIND_CASE },
  { "^(?:Økonomi|Økonomiske konsekvenser(?: og finansiering)?|Økonomi og finansiering|Økonomiske forhold"
    "|Bevillingsmæssige konsekvenser|Økonomiske og personalemæssige konsekvenser|Finansiering)$",
    CI, REF_CAPTION_SECTION, REF_SECTION_KIND_ECONOMY },
  { "^(?:Beslutningstema|Hvad skal der tages stilling til\\??|Det skal besluttes)$", CI, REF_CAPTION_SECTION,
    REF_SECTION_KIND_DECISION_THEME },
  { "^(?:Tidligere behandling|Tidligere beslutninger?|Tidligere politisk behandling|Politisk behandling)$", CI,
    REF_CAPTION_SECTION, REF_SECTION_KIND_PREVIOUS },
  { "^Indhold$", CI, REF_CAPTION_SECTION, REF_SECTION_KIND_CONTENT },
  { "^(?:Den videre proces|Det videre forløb|Videre proces|Videre forløb|Den videre behandling)$", CI,
    REF_CAPTION_SECTION, REF_SECTION_KIND_FURTHER },
  { "^Yderligere deltagelse(?: på mødet)?$", CI, REF_CAPTION_SECTION, REF_SECTION_KIND_ATTENDANCE_NOTE },
  /* Known captions of sections that have no kind of their own. */
  { "^(?:Høring|Høringssvar|Høringer|Lovgrundlag|Retsgrundlag|Lovgivning|Kommunikation|Tidsplan|Bemærkninger|Vurdering"
    "|Administrationens vurdering|Forvaltningens vurdering|\\p{L}+mæssige konsekvenser|\\p{L}+politiske konsekvenser"
    "|Konsekvenser|Konsekvensvurdering|Miljøvurdering|Formål|Risici|Risikovurdering|Borgerinddragelse|Inddragelse"
    "|Perspektivering|Alternativer|Handlemuligheder|Løsningsmuligheder|Mål|Effekt|Opfølgning|Udtalelse|Udtalelser"
    "|Supplerende oplysninger|Dialog|Kommentarer|Beslutningsgrundlag|Afgørelsesgrundlag|Det videre arbejde"
    "|Klima- og miljømæssige konsekvenser|Afrapportering|Status|Proces|Procesplan|Organisering|Målgruppe)$",
    CI, REF_CAPTION_SECTION, REF_SECTION_KIND_FREE },
};

/* ---- header labels ---- */

static const struct {
  const char *label;
  RefHeaderField field;
} header_labels[] = {
  /* Longer labels first: "Fraværende uden afbud" before "Fraværende". */
  { "Fraværende uden afbud", REF_FIELD_ABSENT_WITHOUT_NOTICE },
  { "Fraværende med afbud", REF_FIELD_ABSENT },
  { "Mødedato", REF_FIELD_DATE },
  { "Dato", REF_FIELD_DATE },
  { "Mødetidspunkt", REF_FIELD_TIME },
  { "Starttidspunkt", REF_FIELD_TIME },
  { "Tidspunkt", REF_FIELD_TIME },
  { "Mødestart", REF_FIELD_TIME },
  { "Mødetid", REF_FIELD_TIME },
  { "Tid", REF_FIELD_TIME },
  { "Sluttidspunkt", REF_FIELD_END_TIME },
  { "Mødested", REF_FIELD_PLACE },
  { "Mødelokale", REF_FIELD_PLACE },
  { "Lokale", REF_FIELD_PLACE },
  { "Sted", REF_FIELD_PLACE },
  { "Udvalg", REF_FIELD_COMMITTEE },
  { "Mødedeltagere", REF_FIELD_PARTICIPANTS },
  { "Deltagere", REF_FIELD_PARTICIPANTS },
  { "Udvalgsmedlemmer", REF_FIELD_PARTICIPANTS },
  { "Medlemmer", REF_FIELD_PARTICIPANTS },
  { "Til stede", REF_FIELD_PRESENT },
  { "Tilstede", REF_FIELD_PRESENT },
  { "Fremmødte", REF_FIELD_PRESENT },
  { "Fraværende", REF_FIELD_ABSENT },
  { "Afbud", REF_FIELD_ABSENT },
  { "Fravær", REF_FIELD_ABSENT },
  { "Øvrige deltagere", REF_FIELD_OFFICIALS },
  { "Fra administrationen", REF_FIELD_OFFICIALS },
  { "Sekretær", REF_FIELD_OFFICIALS },
  { "Referent", REF_FIELD_OFFICIALS },
  { "Bemærkninger", REF_FIELD_REMARKS },
  { "Bemærkning", REF_FIELD_REMARKS },
  { "Mødet sluttede", REF_FIELD_END },
  { "Mødet hævet", REF_FIELD_END },
  { "Mødet afsluttet", REF_FIELD_END },
};

static const char *const months[] = { "januar", "februar", "marts",     "april",   "maj",      "juni",
                                      "juli",   "august",  "september", "oktober", "november", "december" };

/* ---- compiled patterns ---- */

G_LOCK_DEFINE_STATIC (compiled);
static GRegex *compiled_patterns[REF_VOCAB_N];
static GRegex *compiled_captions[G_N_ELEMENTS (captions)];

/* Not JIT-compiled (G_REGEX_OPTIMIZE): the lines they are matched against are short,
 * and compiling the whole vocabulary to machine code cost a one-shot import
 * (referent-cli) more than it saved. */
static GRegex *
compile (const char *pattern, GRegexCompileFlags flags)
{
  g_autoptr (GError) error = NULL;
  GRegex *re = g_regex_new (pattern, flags, 0, &error);

  /* The patterns are constants of this file: a bad one is a programming error. */
  g_assert_no_error (error);
  return re;
}

GRegex *
ref_pdf_vocab (RefVocabPattern which)
{
  GRegex *re;

  g_return_val_if_fail (which < REF_VOCAB_N, NULL);
  G_LOCK (compiled);
  if (compiled_patterns[which] == NULL)
    compiled_patterns[which] = compile (patterns[which].pattern, patterns[which].flags);
  re = compiled_patterns[which];
  G_UNLOCK (compiled);
  return re;
}

static GRegex *
caption_regex (gsize index)
{
  GRegex *re;

  G_LOCK (compiled);
  if (compiled_captions[index] == NULL)
    compiled_captions[index] = compile (captions[index].pattern, captions[index].flags);
  re = compiled_captions[index];
  G_UNLOCK (compiled);
  return re;
}

gboolean
ref_pdf_vocab_match (RefVocabPattern which, const char *text, GMatchInfo **info)
{
  if (info != NULL)
    g_clear_pointer (info, g_match_info_free);
  if (text == NULL)
    return FALSE;
  if (info == NULL)
    return g_regex_match (ref_pdf_vocab (which), text, 0, NULL);
  if (g_regex_match (ref_pdf_vocab (which), text, 0, info))
    return TRUE;
  g_clear_pointer (info, g_match_info_free);
  return FALSE;
}

char *
ref_pdf_vocab_group (GMatchInfo *info, const char *name)
{
  g_autofree char *value = g_match_info_fetch_named (info, name);

  if (value == NULL || *value == '\0')
    return NULL;
  return g_strstrip (g_steal_pointer (&value));
}

/* ---- captions ---- */

void
ref_pdf_caption_clear (RefCaption *caption)
{
  g_clear_pointer (&caption->body, g_free);
  g_clear_pointer (&caption->date, g_free);
  g_clear_pointer (&caption->reference, g_free);
  g_clear_pointer (&caption->intro, g_free);
  g_clear_pointer (&caption->text, g_free);
  caption->role = REF_CAPTION_NONE;
}

/* "Økonomiudvalgets" → "Økonomiudvalget": the genitive of a decision caption. */
static char *
undo_genitive (const char *body)
{
  g_autoptr (GMatchInfo) m = NULL;

  if (ref_pdf_vocab_match (REF_VOCAB_GENITIVE_BODY, body, &m))
    return ref_pdf_vocab_group (m, "body");
  return g_strdup (body);
}

/* The caption as printed, without "2.1 " in front and ":" behind. */
static char *
caption_text (const char *text)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len;

  if (ref_pdf_vocab_match (REF_VOCAB_SUB_NUMBER, copy, &m))
    {
      g_autofree char *title = ref_pdf_vocab_group (m, "title");
      g_free (copy);
      copy = g_steal_pointer (&title);
      if (copy == NULL)
        return g_strdup ("");
    }
  len = strlen (copy);
  while (len > 0 && (copy[len - 1] == ':' || copy[len - 1] == ' '))
    copy[--len] = '\0';
  return g_steal_pointer (&copy);
}

gboolean
ref_pdf_caption_parse (const char *text, RefCaption *caption)
{
  g_autofree char *clean = NULL;

  memset (caption, 0, sizeof *caption);
  if (text == NULL || g_utf8_strlen (text, -1) > 160)
    return FALSE;
  clean = caption_text (text);
  if (*clean == '\0')
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (captions); i++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      g_autofree char *body = NULL;

      if (!g_regex_match (caption_regex (i), clean, 0, &m))
        continue;
      caption->role = captions[i].role;
      caption->section = captions[i].section;
      caption->named = captions[i].named;
      body = ref_pdf_vocab_group (m, "body");
      caption->body = body ? undo_genitive (body) : NULL;
      caption->date = ref_pdf_vocab_group (m, "date");
      caption->reference = ref_pdf_vocab_group (m, "ref");
      caption->text = g_steal_pointer (&clean);
      return TRUE;
    }
  /* "Direktionen indstiller, at" / "Forvaltningen foreslår,": a recommendation
   * caption that names who recommends (nothing may follow it). */
  {
    g_autoptr (GMatchInfo) m = NULL;
    g_autofree char *rest = NULL;

    if (ref_pdf_vocab_match (REF_VOCAB_RECOMMENDS, clean, &m) && (rest = ref_pdf_vocab_group (m, "rest")) == NULL)
      {
        caption->role = REF_CAPTION_RECOMMENDATION;
        caption->section = REF_SECTION_KIND_FREE;
        caption->named = TRUE;
        caption->body = ref_pdf_vocab_group (m, "body");
        caption->intro = ref_pdf_vocab_group (m, "intro");
        caption->text = g_steal_pointer (&clean);
        return TRUE;
      }
  }
  return FALSE;
}

/* ---- header labels ---- */

RefHeaderField
ref_pdf_header_label (const char *text, const char **value)
{
  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (header_labels); i++)
    {
      g_autofree char *folded_label = g_utf8_casefold (header_labels[i].label, -1);
      gsize len = strlen (header_labels[i].label);
      g_autofree char *head = NULL, *folded_head = NULL;
      const char *rest;

      /* Compare as many characters as the label has, folded: "MØDESTED". */
      if (strlen (text) < len)
        continue;
      head = g_strndup (text, len);
      if (!g_utf8_validate (head, -1, NULL))
        continue;
      folded_head = g_utf8_casefold (head, -1);
      if (!g_str_equal (folded_head, folded_label))
        continue;
      rest = text + len;
      if (*rest == ':')
        rest++;
      if (*rest != '\t' && *rest != ' ' && *rest != '\0')
        continue;
      while (*rest == '\t' || *rest == ' ')
        rest++;
      *value = rest;
      return header_labels[i].field;
    }
  return REF_FIELD_NONE;
}

int
ref_pdf_month_from_name (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  gsize len = strlen (lower);

  for (int i = 0; i < 12; i++)
    if (g_str_equal (lower, months[i]) || (len >= 3 && g_str_has_prefix (months[i], lower) && lower[len - 1] != '.'))
      return i + 1;
  return 0;
}
