/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <enchant.h>
#include <string.h>

#include "ref-spell-checker.h"

/*
 * enchant-2 rather than hunspell directly: it is what GNOME's spell checking uses,
 * finds the installed dictionaries (hunspell-da in Debian, the runtime's in the
 * Flatpak) by language tag, and keeps the user's personal word list in one place
 * for every application.
 */

struct _RefSpellChecker {
  GObject parent_instance;

  char *language;
  gboolean enabled;
  EnchantDict *dict; /* owned by the broker's cache; NULL: no dictionary */
  GHashTable *ignored; /* words accepted for this document */
  GHashTable *names;   /* words of the participants' names */
  RefMeeting *meeting;
  GPtrArray *watched; /* RefParticipant whose name changes are followed */
};

G_DEFINE_FINAL_TYPE (RefSpellChecker, ref_spell_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- dictionaries, one broker and one dictionary per language for the process ---- */

static EnchantBroker *broker;
static GHashTable *dicts; /* dictionary tag → EnchantDict */

/* The dictionary tags tried for a document language, most specific first. */
static const struct {
  const char *language;
  const char *tags[4];
} dictionary_tags[] = {
  { "da", { "da_DK", "da", NULL } },
  { "en", { "en_GB", "en_US", "en", NULL } },
  { "de", { "de_DE", "de", NULL } },
  { "sv", { "sv_SE", "sv", NULL } },
  { "nb", { "nb_NO", "nb", NULL } },
};

static EnchantDict *
request_dict (const char *tag)
{
  EnchantDict *dict;

  if (broker == NULL)
    {
      broker = enchant_broker_init ();
      dicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  if (g_hash_table_lookup_extended (dicts, tag, NULL, (gpointer *) &dict))
    return dict;
  dict = enchant_broker_dict_exists (broker, tag) ? enchant_broker_request_dict (broker, tag) : NULL;
  g_hash_table_insert (dicts, g_strdup (tag), dict);
  return dict;
}

static EnchantDict *
dict_for_language (const char *language)
{
  g_autofree char *tag = g_strdelimit (g_strdup (language), "-", '_');
  g_autofree char *primary = g_ascii_strdown (language, -1);
  EnchantDict *dict;
  char *dash;

  /* "en-GB" → "en_GB" first, as the user asked for it. */
  if ((dict = request_dict (tag)) != NULL)
    return dict;
  if ((dash = strchr (primary, '-')) != NULL)
    *dash = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (dictionary_tags); i++)
    if (g_str_equal (dictionary_tags[i].language, primary))
      {
        for (guint k = 0; dictionary_tags[i].tags[k] != NULL; k++)
          if ((dict = request_dict (dictionary_tags[i].tags[k])) != NULL)
            return dict;
        return NULL;
      }
  return request_dict (primary);
}

/* ---- words ---- */

/* Words not to check: with digits (case numbers "27.00.00-A00-1-23", dates, amounts),
 * all capitals (abbreviations: "BUU", "KL", "ØU"), single letters. */
static gboolean
is_unchecked (const char *word, gsize length)
{
  gboolean lower = FALSE;
  guint n = 0;

  for (const char *p = word; p < word + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        return TRUE;
      if (g_unichar_islower (c))
        lower = TRUE;
      n++;
    }
  return n < 2 || !lower;
}

static void
emit_changed (RefSpellChecker *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
ref_spell_checker_check_word (RefSpellChecker *self, const char *word, gssize length)
{
  g_autofree char *copy = NULL;

  g_return_val_if_fail (REF_IS_SPELL_CHECKER (self), TRUE);

  if (!self->enabled || self->dict == NULL || word == NULL)
    return TRUE;
  if (length < 0)
    length = strlen (word);
  if (length == 0 || is_unchecked (word, length))
    return TRUE;
  copy = g_strndup (word, length);
  if (g_hash_table_contains (self->ignored, copy) || g_hash_table_contains (self->names, copy))
    return TRUE;
  return enchant_dict_check (self->dict, copy, length) == 0;
}

GStrv
ref_spell_checker_get_suggestions (RefSpellChecker *self, const char *word, guint max)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  size_t n = 0;
  char **found;

  g_return_val_if_fail (REF_IS_SPELL_CHECKER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (self->dict != NULL && *word != '\0')
    {
      found = enchant_dict_suggest (self->dict, word, strlen (word), &n);
      for (size_t i = 0; found != NULL && i < n && i < max; i++)
        g_strv_builder_add (builder, found[i]);
      if (found != NULL)
        enchant_dict_free_string_list (self->dict, found);
    }
  return g_strv_builder_end (builder);
}

void
ref_spell_checker_add_word (RefSpellChecker *self, const char *word)
{
  g_return_if_fail (REF_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  if (self->dict == NULL || *word == '\0')
    return;
  enchant_dict_add (self->dict, word, strlen (word));
  emit_changed (self);
}

void
ref_spell_checker_ignore_word (RefSpellChecker *self, const char *word)
{
  g_return_if_fail (REF_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  if (*word == '\0' || !g_hash_table_add (self->ignored, g_strdup (word)))
    return;
  emit_changed (self);
}

/* ---- language and switching ---- */

const char *
ref_spell_checker_get_language (RefSpellChecker *self)
{
  g_return_val_if_fail (REF_IS_SPELL_CHECKER (self), NULL);
  return self->language;
}

void
ref_spell_checker_set_language (RefSpellChecker *self, const char *language)
{
  g_return_if_fail (REF_IS_SPELL_CHECKER (self));

  if (language == NULL || *language == '\0')
    language = REF_MEETING_DEFAULT_LANGUAGE;
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  self->dict = dict_for_language (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  emit_changed (self);
}

gboolean
ref_spell_checker_has_dictionary (RefSpellChecker *self)
{
  g_return_val_if_fail (REF_IS_SPELL_CHECKER (self), FALSE);
  return self->dict != NULL;
}

gboolean
ref_spell_checker_get_enabled (RefSpellChecker *self)
{
  g_return_val_if_fail (REF_IS_SPELL_CHECKER (self), FALSE);
  return self->enabled;
}

void
ref_spell_checker_set_enabled (RefSpellChecker *self, gboolean enabled)
{
  g_return_if_fail (REF_IS_SPELL_CHECKER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
  emit_changed (self);
}

/* ---- the meeting: its language and its people's names ---- */

static void
collect_names (RefSpellChecker *self)
{
  GListModel *participants;

  g_hash_table_remove_all (self->names);
  if (self->meeting == NULL)
    return;
  participants = ref_meeting_get_participants (self->meeting);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (participants, i);
      g_auto (GStrv) words = g_strsplit_set (ref_participant_get_name (p), " -.,()\t", -1);

      /* "Anne-Marie Sørensen": Anne, Marie, Sørensen; and the possessive "Sørensens". */
      for (guint k = 0; words[k] != NULL; k++)
        if (*words[k] != '\0')
          {
            g_hash_table_add (self->names, g_strdup (words[k]));
            g_hash_table_add (self->names, g_strconcat (words[k], "s", NULL));
          }
    }
}

static void
on_participant_notify (RefParticipant *participant, GParamSpec *pspec, RefSpellChecker *self)
{
  collect_names (self);
  emit_changed (self);
}

static void
unwatch_participants (RefSpellChecker *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch_participants (RefSpellChecker *self)
{
  GListModel *participants = ref_meeting_get_participants (self->meeting);

  unwatch_participants (self);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      RefParticipant *p = g_list_model_get_item (participants, i);

      g_signal_connect (p, "notify::name", G_CALLBACK (on_participant_notify), self);
      g_ptr_array_add (self->watched, p);
    }
}

static void
on_participants_changed (GListModel *list, guint position, guint removed, guint added, RefSpellChecker *self)
{
  watch_participants (self);
  collect_names (self);
  emit_changed (self);
}

static void
on_meeting_language (RefMeeting *meeting, GParamSpec *pspec, RefSpellChecker *self)
{
  ref_spell_checker_set_language (self, ref_meeting_get_language (meeting));
}

static void
unwatch_meeting (RefSpellChecker *self)
{
  if (self->meeting == NULL)
    return;
  unwatch_participants (self);
  g_signal_handlers_disconnect_by_data (ref_meeting_get_participants (self->meeting), self);
  g_signal_handlers_disconnect_by_data (self->meeting, self);
  g_clear_object (&self->meeting);
}

void
ref_spell_checker_set_meeting (RefSpellChecker *self, RefMeeting *meeting)
{
  const char *language = NULL;

  g_return_if_fail (REF_IS_SPELL_CHECKER (self));
  g_return_if_fail (meeting == NULL || REF_IS_MEETING (meeting));

  if (self->meeting == meeting)
    return;
  unwatch_meeting (self);
  if (meeting != NULL)
    {
      self->meeting = g_object_ref (meeting);
      g_signal_connect (meeting, "notify::language", G_CALLBACK (on_meeting_language), self);
      g_signal_connect (ref_meeting_get_participants (meeting), "items-changed", G_CALLBACK (on_participants_changed),
                        self);
      watch_participants (self);
    }
  g_hash_table_remove_all (self->ignored);
  collect_names (self);
  if (meeting != NULL && *ref_meeting_get_language (meeting) == '\0')
    language = REF_MEETING_DEFAULT_LANGUAGE;
  else if (meeting != NULL)
    language = ref_meeting_get_language (meeting);
  if (language != NULL && g_strcmp0 (self->language, language) != 0)
    ref_spell_checker_set_language (self, language);
  else
    emit_changed (self);
}

/* ---- GObject ---- */

static void
ref_spell_checker_dispose (GObject *object)
{
  unwatch_meeting (REF_SPELL_CHECKER (object));
  G_OBJECT_CLASS (ref_spell_checker_parent_class)->dispose (object);
}

static void
ref_spell_checker_finalize (GObject *object)
{
  RefSpellChecker *self = REF_SPELL_CHECKER (object);

  g_free (self->language);
  g_hash_table_unref (self->ignored);
  g_hash_table_unref (self->names);
  g_ptr_array_unref (self->watched);
  G_OBJECT_CLASS (ref_spell_checker_parent_class)->finalize (object);
}

static void
ref_spell_checker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefSpellChecker *self = REF_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_spell_checker_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefSpellChecker *self = REF_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      ref_spell_checker_set_language (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      ref_spell_checker_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_spell_checker_class_init (RefSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ref_spell_checker_dispose;
  object_class->finalize = ref_spell_checker_finalize;
  object_class->get_property = ref_spell_checker_get_property;
  object_class->set_property = ref_spell_checker_set_property;

  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, REF_MEETING_DEFAULT_LANGUAGE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
}

static void
ref_spell_checker_init (RefSpellChecker *self)
{
  self->enabled = TRUE;
  self->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->language = g_strdup (REF_MEETING_DEFAULT_LANGUAGE);
  self->dict = dict_for_language (self->language);
}

RefSpellChecker *
ref_spell_checker_new (void)
{
  return g_object_new (REF_TYPE_SPELL_CHECKER, NULL);
}
