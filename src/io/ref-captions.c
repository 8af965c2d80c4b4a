/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-captions.h"

#include <stdlib.h>
#include <string.h>

/*
 * The tables. Patterns are PCRE, matched case-insensitively against the tidied
 * caption; (?-i:\p{Lu}) demands a capital where a name must start, so that ordinary
 * sentences are not taken for captions. Named groups carry what the caption says:
 * body (deciding body or who recommends), date, ref (item reference), intro (lead words).
 * Order matters: the first rule that matches wins.
 */

/* A name: starts with a capital, no sentence punctuation. */
#define NAME "(?-i:\\p{Lu})[^.;:!?]{0,100}?"
/* The words deciding bodies' names end in. */
#define BODY_WORD "(?i:udvalg|udvalget|råd|rådet|bestyrelse|bestyrelsen|direktion|direktionen|nævn|nævnet|forum" \
                  "|forsamling|forsamlingen|repræsentantskab|repræsentantskabet)"
#define DATE_AND_REF "(?:,? (?:den|d\\.) (?<date>[^,]+?))?(?:,? (?<ref>(?:punkt|pkt\\.?) ?\\d+))?"

typedef struct {
  const char *pattern;
  RefCaptionRole role;
  RefSectionKind kind;
} CaptionRule;

static const CaptionRule caption_rules[] = {
  /* Who decides (before sections: "Sagen afgøres af" is not "Sagen"). */
  { "^(?:beslutningen træffes af|beslutningen tages af|sagen afgøres af|afgøres af|beslutningskompetence"
    "|kompetence|kompetencefordeling|beslutningsniveau)$",
    REF_CAPTION_DECIDED_BY, REF_SECTION_KIND_FREE },

  /* Sections the model's own table of headings does not list. */
  { "^(?:resum[eé]|sammenfatning|præsentation|kort fortalt|kort om sagen|sagen kort)$", REF_CAPTION_SECTION,
    REF_SECTION_KIND_SUMMARY },
  { "^baggrund(?: for sagen| og formål)?$", REF_CAPTION_SECTION, REF_SECTION_KIND_BACKGROUND },
  { "^(?:sagsfremstilling|sagsbeskrivelse|sagen|beskrivelse af sagen|sagsfremstilling og begrundelse"
    "|redegørelse|sagsredegørelse)$",
    REF_CAPTION_SECTION, REF_SECTION_KIND_CASE },
  /* Økonomi, Økonomiske konsekvenser (og finansiering), Økonomi og organisatoriske
   * konsekvenser … but not "Økonomiudvalgets beslutning". */
  { "^(?:økonomi(?:ske?)?(?: .*)?|finansiering|bevillingsmæssige konsekvenser|bevilling)$", REF_CAPTION_SECTION,
    REF_SECTION_KIND_ECONOMY },
  { "^beslutningstema(?:er)?$", REF_CAPTION_SECTION, REF_SECTION_KIND_DECISION_THEME },
  { "^(?:tidligere (?:politisk )?(?:behandling(?:er)?|beslutning(?:er)?)|punktet (?:er )?behandlet tidligere"
    "|sagens tidligere behandling|politisk behandling|tidligere politiske beslutninger)$",
    REF_CAPTION_SECTION, REF_SECTION_KIND_PREVIOUS },
  { "^(?:indhold|sagens indhold)$", REF_CAPTION_SECTION, REF_SECTION_KIND_CONTENT },
  { "^(?:den videre proces|videre proces|det videre forløb|videre forløb|den videre behandling)$",
    REF_CAPTION_SECTION, REF_SECTION_KIND_FURTHER },

  /* Recommendation. */
  { "^(?:indstilling(?:er)?|forslag til (?:beslutning|indstilling)|administrationens forslag)$",
    REF_CAPTION_RECOMMENDATION, REF_SECTION_KIND_FREE },
  { "^indstilling (?:fra|af) (?<body>.+)$", REF_CAPTION_RECOMMENDATION, REF_SECTION_KIND_FREE },
  { "^(?<body>" NAME ")s (?:indstilling|forslag|anbefaling)$", REF_CAPTION_RECOMMENDATION,
    REF_SECTION_KIND_FREE },
  { "^(?<body>" NAME ") (?<intro>(?:indstiller|foreslår|anbefaler)(?:,? at)?)$", REF_CAPTION_RECOMMENDATION,
    REF_SECTION_KIND_FREE },

  /* Decisions: "Beslutning", "Beslutning i Udvalget for plan (PUK) den 10-04-2013",
   * "Beslutning fra Økonomiudvalget, 5. maj 2021, pkt. 4", "FORRETNINGSUDVALGETS
   * BESLUTNING", "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2". */
  { "^(?:endelig |foreløbig )?beslutning(?:er)?" DATE_AND_REF "$", REF_CAPTION_DECISION, REF_SECTION_KIND_FREE },
  { "^(?:endelig )?beslutning(?:er)? (?:i|fra|af|truffet af|taget af) (?<body>.+?)" DATE_AND_REF "$",
    REF_CAPTION_DECISION, REF_SECTION_KIND_FREE },
  { "^(?<body>" NAME ")s (?:endelige )?beslutning(?:er)?" DATE_AND_REF "$", REF_CAPTION_DECISION,
    REF_SECTION_KIND_FREE },
  /* "Beslutning Økonomiudvalget den 12-03-2020": the body right after the word, when
   * it is named as a body ("…udvalget", "…rådet", "…bestyrelsen"), so that
   * "Beslutning: Godkendt" stays text. */
  { "^(?:endelig )?beslutning(?:er)? (?<body>" NAME BODY_WORD ")" DATE_AND_REF "$", REF_CAPTION_DECISION,
    REF_SECTION_KIND_FREE },

  /* Attachments and the route of the case. */
  { "^(?:bilag(?:soversigt|sliste)?|vedlagte bilag|oversigt over bilag)$", REF_CAPTION_ATTACHMENTS,
    REF_SECTION_KIND_FREE },
  { "^(?:sagsgang|sagsforløb|sagens gang)$", REF_CAPTION_CASE_ROUTE, REF_SECTION_KIND_FREE },
};

/* Captions that start a part and may run straight into its text in a plain-text
 * export ("BaggrundSom et led…"); longest first, so that the longer wins. */
static const char *const glued_captions[] = {
  "Økonomiske konsekvenser og finansiering",
  "Økonomiske og personalemæssige konsekvenser",
  "Økonomiske konsekvenser",
  "Beslutningen træffes af",
  "Tidligere behandling",
  "Sagsfremstilling",
  "Sagsbeskrivelse",
  "Beslutningstema",
  "Indstilling",
  "Sammendrag",
  "Baggrund",
  "Resumé",
  "Økonomi",
  "Bilag",
  NULL,
};

static const char *const glued_labels[] = { "Sagsnr.:", "Sags nr.:", "Sag nr.:", "Dok.nr.:", "Dok. nr.:", NULL };

static const char *const previous_treatment =
    "^\\p{Lu}.{2,120}\\s(?:den|d\\.)\\s.+?\\b(?:punkt|pkt\\.?|sag nr\\.?)\\s?\\d+\\.?$";
static const char *const none_words = "^(?:ingen|intet|ingen bilag|ingen bilag vedlagt)\\.?$";
static const char *const attachment_references =
    "^(?:\\d{2,4}\\s*[-–/.]\\s*\\d+\\s*[-–]\\s+\\S|bilag\\s*\\d+|.+\\.(?:pdf|docx?|xlsx?|pptx?|msg|txt)$)";
/* The preposition before the place on a front page: "i Mødecenter C", "på Rådhuset". */
static const char *const place_prepositions[] = { "i ", "på ", NULL };

static const char *const danish_months[] = { "januar", "februar", "marts",     "april",   "maj",      "juni",
                                             "juli",   "august",  "september", "oktober", "november", "december" };

static const struct {
  const char *pattern;
  RefMeetingKind kind;
} meeting_kind_words[] = {
  { "\\b(?:referat|beslutningsprotokol|protokol|mødeprotokol|minutes)\\b", REF_MEETING_KIND_MINUTES },
  { "\\b(?:dagsorden|tillægsdagsorden|agenda)\\b", REF_MEETING_KIND_AGENDA },
};

static const struct {
  const char *pattern;
  gboolean closed;
} access_words[] = {
  { "\\b(?:lukket|lukkede|fortrolig|fortroligt|ikke offentlig|ikke-offentlig|closed|private)\\b", TRUE },
  { "\\b(?:åben|åbent|åbne|offentlig|offentligt|public|open)\\b", FALSE },
};

static const struct {
  const char *pattern;
  RefCaseType type;
} case_type_words[] = {
  { "^(?:til )?(?:godkendelse|beslutning|behandling|indstilling)$|^beslutningssag$", REF_CASE_TYPE_DECISION },
  { "^(?:til )?(?:orientering|efterretning)$|^orienteringssag$|^meddelelse$", REF_CASE_TYPE_ORIENTATION },
  { "^(?:til )?drøftelse$|^drøftelsessag$|^temadrøftelse$", REF_CASE_TYPE_DISCUSSION },
};

static const char *const signature_item_pattern = "^(?:underskriftsblad|underskriftsside|underskrifter|underskrift"
                                                  "|godkendelse og underskrift af referat)$";

/* The items every meeting of a committee has, whatever is on its agenda: what a new
 * meeting made from a previous one starts with. */
static const char *const recurring_item_pattern = "^(?:godkendelse af (?:den )?dagsorden(?:en)?"
                                                  "|meddelelser(?: fra (?:formanden|forvaltningen|direktøren|direktionen"
                                                  "|administrationen|udvalgsformanden))?"
                                                  "|orientering(?:er)? fra (?:formanden|forvaltningen|direktøren"
                                                  "|direktionen|administrationen)"
                                                  "|eventuelt|evt\\.?)\\.?$";

static const struct {
  const char *pattern;
  RefAttendanceList list;
} attendance_lists[] = {
  { "^(?:fraværende uden afbud|udeblevet|udeblev|udeblevne)$", REF_ATTENDANCE_LIST_ABSENT_WITHOUT },
  { "^(?:afbud|fraværende|afbud ?/ ?fraværende|fraværende ?/ ?afbud|fravær|fraværende med afbud|forfald)$",
    REF_ATTENDANCE_LIST_ABSENT },
  { "^(?:til ?stede|deltagere|mødedeltagere|deltog|fremmødte|medlemmer til stede)$", REF_ATTENDANCE_LIST_PRESENT },
  { "^(?:sekretær|sekretariat|referent|referent(?:er)?|protokolfører|fra administrationen|administrationen"
    "|embedsmænd|desuden deltog)$",
    REF_ATTENDANCE_LIST_OFFICIALS },
};

static const char *const plain_member_roles = "^(?:medlem|udvalgsmedlem|menigt medlem|member|mødedeltager|deltager)$";

static const struct {
  const char *pattern;
  RefParticipantType type;
} role_types[] = {
  { "sekretær|sekretariat|referent|protokolfører|direktør|chef|leder|konsulent|sagsbehandler|medarbejder"
    "|administration",
    REF_PARTICIPANT_TYPE_OFFICIAL },
  { "suppleant|stedfortræder", REF_PARTICIPANT_TYPE_SUBSTITUTE },
  { "gæst|ekstern|oplægsholder|observatør|tilforordnet", REF_PARTICIPANT_TYPE_GUEST },
};

static const char *const absence_leads = "^(?:følgende deltog ikke i (?:behandlingen af )?(?:punktet|sagen)"
                                         "|fraværende(?: under punktet)?|ikke til stede|afbud)\\s*:?$";

static const struct {
  const char *pattern;
  RefCaptionLabel label;
} labels[] = {
  { "^(?:sagsnr\\.?|sags nr\\.?|sag nr\\.?|sagsnummer|j\\.? ?nr\\.?|journalnr\\.?)\\s*:\\s*", REF_CAPTION_LABEL_CASE_NUMBER },
  { "^(?:dok\\.? ?nr\\.?|dokumentnr\\.?|dokumentnummer)\\s*:\\s*", REF_CAPTION_LABEL_DOCUMENT_NUMBER },
  { "^(?:sagsbehandler|sagsansvarlig)\\s*:\\s*", REF_CAPTION_LABEL_CASE_WORKER },
  { "^(?:mødested|mødelokale|sted)\\s*:\\s*", REF_CAPTION_LABEL_PLACE },
  { "^(?:mødet (?:sluttede|slut|hævet|afsluttet|afsluttedes)|sluttidspunkt|mødet sluttede)\\s*:?\\s*",
    REF_CAPTION_LABEL_END },
};

static const char *const draft_words = "\\b(?:kladde|draft|udkast|foreløbig|foreløbigt|ikke endelig|ikke godkendt"
                                       "|under udarbejdelse)\\b";
static const char *const placeholders = "^(?:tomt indhold|intet indhold|tom|\\[tom\\]|\\[tomt\\]|-+|–|—|\\.{3}|…)\\.?$";
static const char *const contents_headings = "^(?:indholdsfortegnelse|indholdsliste|dagsordensoversigt)$";

/* The standard phrases of decisions and the outcome each states. A word must stand on
 * its own ("udsatte borgere" is not "udsat"); which phrase counts is decided by
 * position (ref_caption_decision_outcome()), so the refusals need no look-behind. */
#define NOT_IN_WORD_BEFORE "(?<![\\p{L}\\p{N}])"
#define NOT_IN_WORD_AFTER "(?![\\p{L}\\p{N}])"

static const struct {
  const char *pattern;
  RefCaptionOutcome outcome;
} outcome_phrases[] = {
  /* "Ikke godkendt", "Godkendes ikke", "Indstillingen blev forkastet", "afvist". */
  { NOT_IN_WORD_BEFORE "(?:ikke (?:godkendt|godkendes|godkendte|anbefalet|anbefales|tiltrådt|vedtaget)"
    "|(?:godkendes|godkendtes|godkendte|anbefales|anbefalede|tiltrædes|tiltrådte) ikke"
    "|forkast(?:et|es|ede)|nedstemt|afvis(?:t|es|te))" NOT_IN_WORD_AFTER,
    REF_CAPTION_OUTCOME_REJECTED },
  /* "Godkendt", "Indstillingen godkendt", "Indstillingen blev dermed godkendt", "Tiltrådt". */
  { NOT_IN_WORD_BEFORE "(?:godkendt|godkendes|godkendte|godkendtes|tiltrådt|tiltrådte|tiltrædes"
    "|vedtaget|vedtages|vedtoges)" NOT_IN_WORD_AFTER,
    REF_CAPTION_OUTCOME_APPROVED },
  /* "Anbefales", "Indstillingen anbefales over for Økonomiudvalget", "Udvalget anbefaler". */
  { NOT_IN_WORD_BEFORE "(?:anbefal(?:es|et|ede|er)|indstilles til godkendelse)" NOT_IN_WORD_AFTER,
    REF_CAPTION_OUTCOME_RECOMMENDED },
  /* "Taget til efterretning", "Udvalget tog orienteringen til efterretning", "Taget til orientering". */
  { NOT_IN_WORD_BEFORE "(?:til efterretning|(?:taget|tages|tog) til orientering)" NOT_IN_WORD_AFTER,
    REF_CAPTION_OUTCOME_NOTED },
  /* "Udsat", "Sagen udsættes til næste møde". */
  { NOT_IN_WORD_BEFORE "(?:udsat|udsættes|udskudt|udskydes)" NOT_IN_WORD_AFTER, REF_CAPTION_OUTCOME_POSTPONED },
  /* "Oversendt til Økonomiudvalget", "Sagen oversendes til …". */
  { NOT_IN_WORD_BEFORE "(?:oversend(?:t|es|te)|videresend(?:t|es|te)) til" NOT_IN_WORD_AFTER,
    REF_CAPTION_OUTCOME_FORWARDED },
};

static const char *const outcome_nicks[REF_CAPTION_N_OUTCOMES] = {
  NULL, "approved", "recommended", "noted", "postponed", "rejected", "forwarded",
};

/* Document text, not UI text: what the printed minutes say in any desktop language. */
static const char *const outcome_sentences[REF_CAPTION_N_OUTCOMES] = {
  NULL, "Godkendt.", "Anbefales.", "Taget til efterretning.", "Udsat.", "Ikke godkendt.",
  "Oversendt til videre behandling.",
};

/* ---- compiled patterns, shared by all threads ---- */

G_LOCK_DEFINE_STATIC (regex_cache);
static GHashTable *regex_cache;

static GRegex *
caption_regex (const char *pattern)
{
  GRegex *re;

  G_LOCK (regex_cache);
  if (regex_cache == NULL)
    regex_cache = g_hash_table_new (g_str_hash, g_str_equal);
  re = g_hash_table_lookup (regex_cache, pattern);
  if (re == NULL)
    {
      g_autoptr (GError) error = NULL;

      re = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
      /* The patterns are constants of this file: a bad one is a programming error. */
      g_assert_no_error (error);
      g_hash_table_insert (regex_cache, (gpointer) pattern, re);
    }
  G_UNLOCK (regex_cache);
  return re;
}

static gboolean
caption_match (const char *pattern, const char *text)
{
  return text != NULL && g_regex_match (caption_regex (pattern), text, 0, NULL);
}

/* ---- tidying ---- */

static gboolean
is_all_capitals (const char *text)
{
  guint upper = 0, longest_word = 0, word = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isupper (c))
        {
          upper++;
          word++;
          longest_word = MAX (longest_word, word);
        }
      else
        word = 0;
    }
  /* "PUK", "KMB IT" are abbreviations, not shouting. */
  return upper >= 2 && longest_word >= 5;
}

char *
ref_caption_tidy (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xA0 || g_unichar_iscntrl (c))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  while (out->len > 0 && (out->str[out->len - 1] == ':' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);

  if (is_all_capitals (out->str))
    {
      g_autofree char *lower = g_utf8_strdown (out->str, -1);
      gunichar first = g_utf8_get_char (lower);
      const char *rest = g_utf8_next_char (lower);

      g_string_truncate (out, 0);
      g_string_append_unichar (out, g_unichar_toupper (first));
      g_string_append (out, rest);
    }
  return g_string_free (out, FALSE);
}

/* ---- classification ---- */

static char *
fetch_named (GMatchInfo *m, const char *name)
{
  g_autofree char *value = g_match_info_fetch_named (m, name);

  if (value == NULL || *value == '\0')
    return NULL;
  return ref_caption_tidy (value);
}

/* The longest a heading can reasonably be: longer text is a paragraph. */
#define MAX_CAPTION_CHARS 160

void
ref_caption_classify (const char *caption, RefCaption *out)
{
  RefSectionKind kind;

  memset (out, 0, sizeof *out);
  out->role = REF_CAPTION_FREE;
  out->kind = REF_SECTION_KIND_FREE;
  out->heading = ref_caption_tidy (caption);
  if (*out->heading == '\0' || g_utf8_strlen (out->heading, -1) > MAX_CAPTION_CHARS)
    return;

  /* The model's own headings and their synonyms come first: they are what Referent
   * writes, so reading them back must give the same kind. */
  if (ref_section_kind_from_heading (out->heading, &kind) && kind != REF_SECTION_KIND_FREE)
    {
      out->role = REF_CAPTION_SECTION;
      out->kind = kind;
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (caption_rules); i++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      g_autofree char *date = NULL;

      if (!g_regex_match (caption_regex (caption_rules[i].pattern), out->heading, 0, &m))
        continue;
      out->role = caption_rules[i].role;
      out->kind = caption_rules[i].kind;
      out->body = fetch_named (m, "body");
      out->intro = fetch_named (m, "intro");
      out->reference = fetch_named (m, "ref");
      date = fetch_named (m, "date");
      if (date != NULL && !ref_caption_parse_date (date, &out->year, &out->month, &out->day))
        out->year = out->month = out->day = 0;
      return;
    }
}

void
ref_caption_clear (RefCaption *caption)
{
  g_clear_pointer (&caption->heading, g_free);
  g_clear_pointer (&caption->body, g_free);
  g_clear_pointer (&caption->intro, g_free);
  g_clear_pointer (&caption->reference, g_free);
}

gboolean
ref_caption_split_recommendation_lead (const char *text, char **by, char **intro, char **rest)
{
  g_autoptr (GMatchInfo) m = NULL;
  GRegex *re = caption_regex ("(?s)^\\s*(?<by>" NAME ")\\s+(?<intro>(?:indstiller|foreslår|anbefaler)(?:,? at)?)"
                              "[,:]?(?:\\s+(?<rest>.*))?$");

  if (text == NULL || !g_regex_match_full (re, text, -1, 0, 0, &m, NULL))
    return FALSE;
  if (by != NULL)
    *by = fetch_named (m, "by");
  if (intro != NULL)
    *intro = fetch_named (m, "intro");
  if (rest != NULL)
    {
      char *value = g_match_info_fetch_named (m, "rest");
      *rest = value ? value : g_strdup ("");
    }
  return TRUE;
}

const char *const *
ref_caption_glued_captions (void)
{
  return glued_captions;
}

const char *const *
ref_caption_glued_labels (void)
{
  return glued_labels;
}

gboolean
ref_caption_is_previous_treatment (const char *text)
{
  return caption_match (previous_treatment, text);
}

gboolean
ref_caption_is_none (const char *text)
{
  g_autofree char *tidy = ref_caption_tidy (text);

  return caption_match (none_words, tidy);
}

gboolean
ref_caption_is_attachment_reference (const char *line)
{
  return ref_caption_is_none (line) || caption_match (attachment_references, line);
}

const char *
ref_caption_place_line (const char *line)
{
  for (guint i = 0; line != NULL && place_prepositions[i] != NULL; i++)
    if (g_str_has_prefix (line, place_prepositions[i]) && line[strlen (place_prepositions[i])] != '\0')
      return line + strlen (place_prepositions[i]);
  return NULL;
}

/* ---- dates and times ---- */

static gboolean
month_from_name (const char *name, int *month)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  gsize len = strlen (lower);

  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  for (int i = 0; i < 12; i++)
    if (g_str_equal (lower, danish_months[i]) || (len >= 3 && g_str_has_prefix (danish_months[i], lower)))
      {
        *month = i + 1;
        return TRUE;
      }
  return FALSE;
}

/* Numeric dates ("2021-05-05", "05-05-2021", "5.5.2021") and dates with a month name
 * ("6. september 2021", "4. dec. 2012"). */
static const struct {
  const char *pattern;
  int year, month, day; /* group numbers; month 0: group 2 is a month name */
} date_patterns[] = {
  { "(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)", 1, 2, 3 },
  { "(?<!\\d)(\\d{1,2})[-./](\\d{1,2})[-./](\\d{4})(?!\\d)", 3, 2, 1 },
  { "(?<!\\d)(\\d{1,2})\\.?\\s+(\\p{L}+\\.?)\\s+(\\d{4})(?!\\d)", 3, 0, 1 },
};

gboolean
ref_caption_parse_date (const char *text, int *year, int *month, int *day)
{
  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (date_patterns); i++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      g_autofree char *ys = NULL, *ms = NULL, *ds = NULL;
      int y, mo = 0, d;

      if (!g_regex_match (caption_regex (date_patterns[i].pattern), text, 0, &m))
        continue;
      ys = g_match_info_fetch (m, date_patterns[i].year);
      ds = g_match_info_fetch (m, date_patterns[i].day);
      ms = g_match_info_fetch (m, date_patterns[i].month ? date_patterns[i].month : 2);
      y = atoi (ys), d = atoi (ds);
      if (date_patterns[i].month != 0)
        mo = atoi (ms);
      else if (!month_from_name (ms, &mo))
        continue;
      if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31
          || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y))
        return FALSE;
      *year = y, *month = mo, *day = d;
      return TRUE;
    }
  return FALSE;
}

int
ref_caption_parse_time (const char *text)
{
  /* "kl." may use a full stop ("kl. 16.00"); without it only a colon is a time, so
   * that the "20.06" of a date is not taken for one. */
  static const char *const patterns[] = {
    "\\bkl\\.?\\s*(\\d{1,2})[:.](\\d{2})(?!\\d)",
    "(?<![\\d.])(\\d{1,2}):(\\d{2})(?!\\d)",
  };

  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr (GMatchInfo) m = NULL;

      if (g_regex_match (caption_regex (patterns[i]), text, 0, &m))
        {
          g_autofree char *h = g_match_info_fetch (m, 1), *mi = g_match_info_fetch (m, 2);
          int hours = atoi (h), minutes = atoi (mi);

          if (hours < 24 && minutes < 60)
            return hours * 60 + minutes;
        }
    }
  return -1;
}

/* ---- words ---- */

gboolean
ref_caption_meeting_kind (const char *text, RefMeetingKind *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (meeting_kind_words); i++)
    if (caption_match (meeting_kind_words[i].pattern, text))
      {
        *kind = meeting_kind_words[i].kind;
        return TRUE;
      }
  return FALSE;
}

gboolean
ref_caption_access_closed (const char *text, gboolean *closed)
{
  for (gsize i = 0; i < G_N_ELEMENTS (access_words); i++)
    if (caption_match (access_words[i].pattern, text))
      {
        *closed = access_words[i].closed;
        return TRUE;
      }
  return FALSE;
}

RefCaseType
ref_caption_case_type (const char *label)
{
  g_autofree char *tidy = ref_caption_tidy (label);

  for (gsize i = 0; i < G_N_ELEMENTS (case_type_words); i++)
    if (caption_match (case_type_words[i].pattern, tidy))
      return case_type_words[i].type;
  return REF_CASE_TYPE_NONE;
}

gboolean
ref_caption_is_signature_item (const char *title)
{
  g_autofree char *tidy = ref_caption_tidy (title);

  return caption_match (signature_item_pattern, tidy);
}

gboolean
ref_caption_is_recurring_item (const char *title)
{
  g_autofree char *tidy = ref_caption_tidy (title);

  return caption_match (recurring_item_pattern, tidy);
}

gboolean
ref_caption_is_draft (const char *text)
{
  return caption_match (draft_words, text);
}

gboolean
ref_caption_is_placeholder (const char *text)
{
  g_autofree char *tidy = ref_caption_tidy (text);

  return caption_match (placeholders, tidy);
}

gboolean
ref_caption_is_contents_heading (const char *text)
{
  g_autofree char *tidy = ref_caption_tidy (text);

  return caption_match (contents_headings, tidy);
}

RefAttendanceList
ref_caption_attendance_list (const char *caption)
{
  g_autofree char *tidy = ref_caption_tidy (caption);

  for (gsize i = 0; i < G_N_ELEMENTS (attendance_lists); i++)
    if (caption_match (attendance_lists[i].pattern, tidy))
      return attendance_lists[i].list;
  return REF_ATTENDANCE_LIST_NONE;
}

gboolean
ref_caption_is_plain_member_role (const char *role)
{
  g_autofree char *tidy = ref_caption_tidy (role);

  return caption_match (plain_member_roles, tidy);
}

RefParticipantType
ref_caption_participant_type_for_role (const char *role)
{
  for (gsize i = 0; role != NULL && i < G_N_ELEMENTS (role_types); i++)
    if (caption_match (role_types[i].pattern, role))
      return role_types[i].type;
  return REF_PARTICIPANT_TYPE_MEMBER;
}

gboolean
ref_caption_is_absence_lead (const char *text)
{
  g_autofree char *tidy = ref_caption_tidy (text);

  return caption_match (absence_leads, tidy);
}

RefCaptionLabel
ref_caption_match_label (const char *line, const char **value)
{
  for (gsize i = 0; line != NULL && i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      int end = 0;

      if (g_regex_match (caption_regex (labels[i].pattern), line, 0, &m) && g_match_info_fetch_pos (m, 0, NULL, &end))
        {
          if (value != NULL)
            *value = line + end;
          return labels[i].label;
        }
    }
  return REF_CAPTION_LABEL_NONE;
}

/* ---- decision outcomes ---- */

RefCaptionOutcome
ref_caption_decision_outcome (const char *text)
{
  RefCaptionOutcome best = REF_CAPTION_OUTCOME_NONE;
  int best_start = G_MAXINT, best_length = 0;

  if (text == NULL || *text == '\0')
    return REF_CAPTION_OUTCOME_NONE;
  for (gsize i = 0; i < G_N_ELEMENTS (outcome_phrases); i++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      int start, end;

      if (!g_regex_match (caption_regex (outcome_phrases[i].pattern), text, 0, &m)
          || !g_match_info_fetch_pos (m, 0, &start, &end))
        continue;
      if (start < best_start || (start == best_start && end - start > best_length))
        {
          best = outcome_phrases[i].outcome;
          best_start = start;
          best_length = end - start;
        }
    }
  return best;
}

RefCaptionOutcome
ref_caption_outcome_of_decision (RefDecision *decision)
{
  RefCaptionOutcome outcome;
  RefVote *vote;

  g_return_val_if_fail (REF_IS_DECISION (decision), REF_CAPTION_OUTCOME_NONE);
  outcome = ref_decision_get_outcome (decision);
  if (outcome != REF_CAPTION_OUTCOME_NONE)
    return outcome;
  if (ref_decision_get_text (decision) != NULL)
    {
      g_autofree char *plain = ref_text_to_plain (ref_decision_get_text (decision));
      outcome = ref_caption_decision_outcome (plain);
    }
  vote = ref_decision_get_vote (decision);
  if (outcome == REF_CAPTION_OUTCOME_NONE && vote != NULL)
    outcome = ref_caption_decision_outcome (ref_vote_get_outcome (vote));
  return outcome;
}

void
ref_caption_record_outcome (RefDecision *decision)
{
  g_return_if_fail (REF_IS_DECISION (decision));
  if (ref_decision_get_outcome (decision) == REF_CAPTION_OUTCOME_NONE)
    ref_decision_set_outcome (decision, ref_caption_outcome_of_decision (decision));
}

const char *
ref_caption_outcome_sentence (RefCaptionOutcome outcome)
{
  return (guint) outcome < REF_CAPTION_N_OUTCOMES ? outcome_sentences[outcome] : NULL;
}

const char *
ref_caption_outcome_to_nick (RefCaptionOutcome outcome)
{
  return (guint) outcome < REF_CAPTION_N_OUTCOMES ? outcome_nicks[outcome] : NULL;
}

gboolean
ref_caption_outcome_from_nick (const char *nick, RefCaptionOutcome *outcome)
{
  for (guint i = 1; nick != NULL && i < REF_CAPTION_N_OUTCOMES; i++)
    if (g_str_equal (nick, outcome_nicks[i]))
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}
