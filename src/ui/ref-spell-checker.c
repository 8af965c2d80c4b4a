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
  EnchantDict *dict; /* owned by the broker's cache; NULL: none, or still loading */
  gboolean loading;  /* the language's dictionary is being loaded in a worker */
  guint load_serial; /* which load's result is still wanted */
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
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- dictionaries, one broker and one dictionary per language for the process ----
 *
 * Loading hunspell's Danish dictionary costs about 0.1 s (440 M instructions), so it
 * is loaded in a worker thread and the window shows its first frame without waiting:
 * until it is there, every word counts as correct, and then the checker emits
 * "changed" so that the views check what they show. enchant's broker is not made for
 * several threads, so broker_lock lets one thread at a time use it (and its cache,
 * dicts). A dictionary, once returned, is used by the main thread only; the broker
 * does not touch dictionaries it has handed out while it loads another. */

static GMutex broker_lock;
static EnchantBroker *broker; /* broker_lock */
static GHashTable *dicts;     /* broker_lock: dictionary tag → EnchantDict */
static GCond hold_cond;       /* broker_lock: ref_spell_checker_hold_loading_for_testing */
static gboolean hold_loading; /* broker_lock */
/* The main thread's: document language → EnchantDict (NULL: none), once loaded. */
static GHashTable *loaded_languages;

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

/* Blocks while the worker loads: only for ref_spell_checker_wait_for_dictionary and
 * the worker itself. */
static EnchantDict *
dict_for_language_locked (const char *language)
{
  EnchantDict *dict;

  g_mutex_lock (&broker_lock);
  while (hold_loading)
    g_cond_wait (&hold_cond, &broker_lock);
  dict = dict_for_language (language);
  g_mutex_unlock (&broker_lock);
  return dict;
}

static void
remember_language (const char *language, EnchantDict *dict)
{
  if (loaded_languages == NULL)
    loaded_languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (loaded_languages, g_strdup (language), dict);
}

typedef struct {
  GWeakRef checker; /* a closed window's checker need not wait for its dictionary */
  char *language;
  guint serial;
} DictLoad;

static void
dict_load_free (gpointer data)
{
  DictLoad *load = data;

  g_weak_ref_clear (&load->checker);
  g_free (load->language);
  g_free (load);
}

static void
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  DictLoad *load = task_data;

  g_task_return_pointer (task, dict_for_language_locked (load->language), NULL);
}

static void emit_changed (RefSpellChecker *self);

static void
set_loading (RefSpellChecker *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_dict_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  DictLoad *load = g_task_get_task_data (G_TASK (result));
  EnchantDict *dict = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr (RefSpellChecker) self = g_weak_ref_get (&load->checker);

  remember_language (load->language, dict);
  /* The language changed again meanwhile, or someone waited for it. */
  if (self == NULL || load->serial != self->load_serial)
    return;
  self->dict = dict;
  set_loading (self, FALSE);
  emit_changed (self);
}

/* Takes the dictionary of the language at once when this process loaded it before,
 * or starts loading it in a worker. */
static void
load_dictionary (RefSpellChecker *self)
{
  g_autoptr (GTask) task = NULL;
  DictLoad *load;
  EnchantDict *dict;

  self->load_serial++;
  if (loaded_languages != NULL
      && g_hash_table_lookup_extended (loaded_languages, self->language, NULL, (gpointer *) &dict))
    {
      self->dict = dict;
      set_loading (self, FALSE);
      return;
    }
  self->dict = NULL;
  set_loading (self, TRUE);
  load = g_new0 (DictLoad, 1);
  g_weak_ref_init (&load->checker, self);
  load->language = g_strdup (self->language);
  load->serial = self->load_serial;
  task = g_task_new (NULL, NULL, on_dict_loaded, NULL);
  g_task_set_source_tag (task, load_dictionary);
  g_task_set_name (task, "[referent] load spell checking dictionary");
  g_task_set_task_data (task, load, dict_load_free);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
ref_spell_checker_wait_for_dictionary (RefSpellChecker *self)
{
  g_return_val_if_fail (REF_IS_SPELL_CHECKER (self), FALSE);

  if (!self->loading)
    return self->dict != NULL;
  /* The worker's result, when it comes, is no longer wanted: this is the same. */
  self->load_serial++;
  self->dict = dict_for_language_locked (self->language);
  remember_language (self->language, self->dict);
  set_loading (self, FALSE);
  emit_changed (self);
  return self->dict != NULL;
}

gboolean
ref_spell_checker_is_loading (RefSpellChecker *self)
{
  g_return_val_if_fail (REF_IS_SPELL_CHECKER (self), FALSE);
  return self->loading;
}

void
ref_spell_checker_hold_loading_for_testing (gboolean hold)
{
  g_mutex_lock (&broker_lock);
  hold_loading = hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&broker_lock);
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
  load_dictionary (self);
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
ref_spell_checker_constructed (GObject *object)
{
  G_OBJECT_CLASS (ref_spell_checker_parent_class)->constructed (object);
  load_dictionary (REF_SPELL_CHECKER (object));
}

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
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
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

  object_class->constructed = ref_spell_checker_constructed;
  object_class->dispose = ref_spell_checker_dispose;
  object_class->finalize = ref_spell_checker_finalize;
  object_class->get_property = ref_spell_checker_get_property;
  object_class->set_property = ref_spell_checker_set_property;

  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, REF_MEETING_DEFAULT_LANGUAGE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
}


RefSpellChecker *
ref_spell_checker_new (void)
{
  return g_object_new (REF_TYPE_SPELL_CHECKER, NULL);
}
