/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "ref-meeting.h"

#include "ref-history.h"
#include "ref-movement.h"
#include "ref-statement.h"
#include "ref-disqualification.h"
#include "ref-model-util.h"

struct _RefMeeting {
  GObject parent_instance;

  RefHistory *history;

  RefMeetingKind kind;
  RefEdition edition;
  char *organisation;
  char *committee;
  GDateTime *start;
  GDateTime *end;
  char *location;
  char *language; /* NULL: Danish */
  RefText *remarks;
  gboolean locked;
  GListStore *participants;
  GListStore *items;
  GListStore *approvals;
};

G_DEFINE_FINAL_TYPE (RefMeeting, ref_meeting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_EDITION,
  PROP_ORGANISATION,
  PROP_COMMITTEE,
  PROP_START,
  PROP_END,
  PROP_LOCATION,
  PROP_LANGUAGE,
  PROP_REMARKS,
  PROP_LOCKED,
  PROP_PARTICIPANTS,
  PROP_ITEMS,
  PROP_APPROVALS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_meeting_finalize (GObject *object)
{
  RefMeeting *self = REF_MEETING (object);

  /* Someone else may still hold the history: it must not keep pointing here. */
  ref_history_clear (self->history);
  ref_history_set_owner (self->history, NULL);
  g_clear_object (&self->history);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->committee, g_free);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->remarks, ref_text_unref);
  g_clear_object (&self->participants);
  g_clear_object (&self->items);
  g_clear_object (&self->approvals);

  G_OBJECT_CLASS (ref_meeting_parent_class)->finalize (object);
}

static void
ref_meeting_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefMeeting *self = REF_MEETING (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_EDITION:
      g_value_set_enum (value, self->edition);
      break;
    case PROP_ORGANISATION:
      g_value_set_string (value, ref_meeting_get_organisation (self));
      break;
    case PROP_COMMITTEE:
      g_value_set_string (value, ref_meeting_get_committee (self));
      break;
    case PROP_START:
      g_value_set_boxed (value, self->start);
      break;
    case PROP_END:
      g_value_set_boxed (value, self->end);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, ref_meeting_get_location (self));
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, ref_meeting_get_language (self));
      break;
    case PROP_REMARKS:
      g_value_set_boxed (value, self->remarks);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_PARTICIPANTS:
      g_value_set_object (value, self->participants);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    case PROP_APPROVALS:
      g_value_set_object (value, self->approvals);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_meeting_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefMeeting *self = REF_MEETING (object);

  switch (prop_id)
    {
    case PROP_KIND:
      ref_meeting_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_EDITION:
      ref_meeting_set_edition (self, g_value_get_enum (value));
      break;
    case PROP_ORGANISATION:
      ref_meeting_set_organisation (self, g_value_get_string (value));
      break;
    case PROP_COMMITTEE:
      ref_meeting_set_committee (self, g_value_get_string (value));
      break;
    case PROP_START:
      ref_meeting_set_start (self, g_value_get_boxed (value));
      break;
    case PROP_END:
      ref_meeting_set_end (self, g_value_get_boxed (value));
      break;
    case PROP_LOCATION:
      ref_meeting_set_location (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      ref_meeting_set_language (self, g_value_get_string (value));
      break;
    case PROP_REMARKS:
      ref_meeting_set_remarks (self, g_value_get_boxed (value));
      break;
    case PROP_LOCKED:
      ref_meeting_set_locked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_meeting_class_init (RefMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_meeting_finalize;
  object_class->get_property = ref_meeting_get_property;
  object_class->set_property = ref_meeting_set_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, REF_TYPE_MEETING_KIND, REF_MEETING_KIND_MINUTES, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITION] = g_param_spec_enum ("edition", NULL, NULL, REF_TYPE_EDITION, REF_EDITION_PUBLIC, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANISATION] = g_param_spec_string ("organisation", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMITTEE] = g_param_spec_string ("committee", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] = g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] = g_param_spec_boxed ("end", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "",
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMARKS] = g_param_spec_boxed ("remarks", NULL, NULL, REF_TYPE_TEXT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTICIPANTS] = g_param_spec_object ("participants", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEMS] = g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPROVALS] = g_param_spec_object ("approvals", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_meeting_init (RefMeeting *self)
{
  self->kind = REF_MEETING_KIND_MINUTES;
  self->edition = REF_EDITION_PUBLIC;
  self->participants = g_list_store_new (REF_TYPE_PARTICIPANT);
  self->items = g_list_store_new (REF_TYPE_AGENDA_ITEM);
  self->approvals = g_list_store_new (REF_TYPE_APPROVAL);
  self->history = ref_history_new ();
  ref_history_set_owner (self->history, self);
  ref_history_attach (self->history, self);
}

RefMeeting *
ref_meeting_new (void)
{
  return g_object_new (REF_TYPE_MEETING, NULL);
}

RefMeetingKind
ref_meeting_get_kind (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), REF_MEETING_KIND_MINUTES);
  return self->kind;
}

void
ref_meeting_set_kind (RefMeeting *self, RefMeetingKind kind)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_enum (self, (int *) &self->kind, kind, properties[PROP_KIND]);
}

RefEdition
ref_meeting_get_edition (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), REF_EDITION_PUBLIC);
  return self->edition;
}

void
ref_meeting_set_edition (RefMeeting *self, RefEdition edition)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_enum (self, (int *) &self->edition, edition, properties[PROP_EDITION]);
}

const char *
ref_meeting_get_organisation (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), "");
  return REF_STR (self->organisation);
}

void
ref_meeting_set_organisation (RefMeeting *self, const char *organisation)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_string (self, &self->organisation, organisation, properties[PROP_ORGANISATION]);
}

const char *
ref_meeting_get_committee (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), "");
  return REF_STR (self->committee);
}

void
ref_meeting_set_committee (RefMeeting *self, const char *committee)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_string (self, &self->committee, committee, properties[PROP_COMMITTEE]);
}

/**
 * ref_meeting_get_start:
 *
 * Returns: (transfer none) (nullable): start date and time (wall clock)
 */
GDateTime *
ref_meeting_get_start (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  return self->start;
}

void
ref_meeting_set_start (RefMeeting *self, GDateTime *start)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_date_time (self, &self->start, start, properties[PROP_START]);
}

/**
 * ref_meeting_get_end:
 *
 * Returns: (transfer none) (nullable): end date and time, when known
 */
GDateTime *
ref_meeting_get_end (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  return self->end;
}

void
ref_meeting_set_end (RefMeeting *self, GDateTime *end)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_date_time (self, &self->end, end, properties[PROP_END]);
}

const char *
ref_meeting_get_location (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), "");
  return REF_STR (self->location);
}

void
ref_meeting_set_location (RefMeeting *self, const char *location)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_string (self, &self->location, location, properties[PROP_LOCATION]);
}

const char *
ref_meeting_get_language (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), "");
  return REF_STR (self->language);
}

void
ref_meeting_set_language (RefMeeting *self, const char *language)
{
  g_return_if_fail (REF_IS_MEETING (self));
  /* The default is stored as none, so that every Danish meeting compares equal. */
  if (language != NULL && g_ascii_strcasecmp (language, REF_MEETING_DEFAULT_LANGUAGE) == 0)
    language = NULL;
  ref_set_string (self, &self->language, language, properties[PROP_LANGUAGE]);
}

gboolean
ref_meeting_language_is_valid (const char *language)
{
  g_auto (GStrv) parts = NULL;

  /* BCP 47 as xsd:language has it: "da", "en", "en-GB". */
  if (language == NULL || *language == '\0')
    return FALSE;
  parts = g_strsplit (language, "-", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize n = strlen (parts[i]);

      if (n < 1 || n > 8)
        return FALSE;
      for (gsize k = 0; k < n; k++)
        if (!(i == 0 ? g_ascii_isalpha (parts[i][k]) : g_ascii_isalnum (parts[i][k])))
          return FALSE;
    }
  return TRUE;
}

/**
 * ref_meeting_get_remarks:
 *
 * Returns: (transfer none) (nullable): remarks (Bemærkninger)
 */
RefText *
ref_meeting_get_remarks (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  return self->remarks;
}

void
ref_meeting_set_remarks (RefMeeting *self, RefText *remarks)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_boxed (self, (gpointer *) &self->remarks, remarks, REF_TYPE_TEXT, (GEqualFunc) ref_text_equal, properties[PROP_REMARKS]);
}

/**
 * ref_meeting_get_locked:
 *
 * Returns: whether the minutes are locked for approval: the content is final and
 *   members sign it (see ref-signature.h).
 */
gboolean
ref_meeting_get_locked (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), FALSE);
  return self->locked;
}

void
ref_meeting_set_locked (RefMeeting *self, gboolean locked)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_set_boolean (self, &self->locked, locked, properties[PROP_LOCKED]);
}

/* Reopens the minutes for editing. The approvals given so far were given for the
 * locked content, so they are voided, not deleted: they stay in the file as a record
 * of who approved what, but no longer count. One undo step restores the lock and the
 * approvals. */
void
ref_meeting_unlock (RefMeeting *self)
{
  guint n;

  g_return_if_fail (REF_IS_MEETING (self));
  if (!self->locked)
    return;
  ref_history_begin_group (self->history);
  ref_meeting_set_locked (self, FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->approvals));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefApproval) approval = g_list_model_get_item (G_LIST_MODEL (self->approvals), i);
      ref_approval_set_voided (approval, TRUE);
    }
  ref_history_end_group (self->history);
}

/* An approval's identity: its signature without white space (a re-indented copy is
 * the same approval), or, for one recorded without a signature, who and when. */
static char *
approval_key (RefApproval *approval)
{
  const char *signature = ref_approval_get_signature (approval);
  GString *key = g_string_new (NULL);

  if (*signature)
    {
      for (const char *p = signature; *p; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (key, *p);
    }
  else
    {
      g_autofree char *when = ref_approval_get_time (approval) ? g_date_time_format_iso8601 (ref_approval_get_time (approval)) : NULL;
      g_string_printf (key, "%s\n%s", ref_approval_get_signer (approval), when ? when : "");
    }
  return g_string_free (key, FALSE);
}

static RefParticipant *
same_participant (RefMeeting *self, RefMeeting *other, RefParticipant *theirs)
{
  guint position;
  g_autoptr (RefParticipant) ours = NULL;

  if (theirs == NULL || !g_list_store_find (other->participants, theirs, &position))
    return NULL;
  ours = g_list_model_get_item (G_LIST_MODEL (self->participants), position);
  return ours; /* owned by self */
}

static char *
comment_key (RefAgendaItem *item, RefComment *comment)
{
  guint section = 0;
  RefSection *s = ref_comment_get_section (comment);
  g_autofree char *when = ref_comment_get_time (comment) ? g_date_time_format_iso8601 (ref_comment_get_time (comment)) : NULL;

  if (s != NULL && g_list_store_find (G_LIST_STORE (ref_agenda_item_get_sections (item)), s, &section))
    section++;
  return g_strdup_printf ("%u\n%s\n%s\n%s", section, ref_comment_get_author (comment), when ? when : "",
                          ref_comment_get_text (comment));
}

static guint
merge_comments (RefAgendaItem *ours, RefAgendaItem *theirs)
{
  GListModel *mine = ref_agenda_item_get_comments (ours);
  GListModel *others = ref_agenda_item_get_comments (theirs);
  g_autoptr (GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint added = 0;

  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr (RefComment) c = g_list_model_get_item (mine, i);
      g_hash_table_insert (known, comment_key (ours, c), c);
    }
  for (guint i = 0; i < g_list_model_get_n_items (others); i++)
    {
      g_autoptr (RefComment) c = g_list_model_get_item (others, i);
      g_autofree char *key = comment_key (theirs, c);
      RefComment *same = g_hash_table_lookup (known, key);
      g_autoptr (RefComment) copy = NULL;
      RefSection *section = ref_comment_get_section (c);
      guint index;

      if (same != NULL)
        {
          /* Resolved in either copy: resolved. */
          if (ref_comment_get_resolved (c))
            ref_comment_set_resolved (same, TRUE);
          continue;
        }
      copy = ref_comment_new ();
      ref_comment_set_author (copy, ref_comment_get_author (c));
      ref_comment_set_time (copy, ref_comment_get_time (c));
      ref_comment_set_text (copy, ref_comment_get_text (c));
      ref_comment_set_resolved (copy, ref_comment_get_resolved (c));
      if (section != NULL && g_list_store_find (G_LIST_STORE (ref_agenda_item_get_sections (theirs)), section, &index))
        {
          g_autoptr (RefSection) mine_section = g_list_model_get_item (ref_agenda_item_get_sections (ours), index);
          ref_comment_set_section (copy, mine_section);
        }
      ref_list_store_append (G_LIST_STORE (mine), copy);
      added++;
    }
  return added;
}

/**
 * ref_meeting_merge_concurrent:
 * @other: the same minutes as another process saved them meanwhile (same content)
 *
 * Adds what @other has and @self lacks of what members and reviewers add to
 * minutes without changing them: approvals (a voided one stays voided) and reviewer
 * comments. One undo step.
 *
 * Returns: how many approvals and comments were added
 */
guint
ref_meeting_merge_concurrent (RefMeeting *self, RefMeeting *other)
{
  g_autoptr (GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint added = 0;
  gboolean standing = FALSE;

  g_return_val_if_fail (REF_IS_MEETING (self), 0);
  g_return_val_if_fail (REF_IS_MEETING (other), 0);

  ref_history_begin_group (self->history);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->approvals)); i++)
    {
      g_autoptr (RefApproval) a = g_list_model_get_item (G_LIST_MODEL (self->approvals), i);
      g_hash_table_insert (known, approval_key (a), a);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (other->approvals)); i++)
    {
      g_autoptr (RefApproval) theirs = g_list_model_get_item (G_LIST_MODEL (other->approvals), i);
      g_autofree char *key = approval_key (theirs);
      RefApproval *same = g_hash_table_lookup (known, key);
      g_autoptr (RefApproval) copy = NULL;

      if (same != NULL)
        {
          /* Voiding is for good. */
          if (ref_approval_get_voided (theirs))
            ref_approval_set_voided (same, TRUE);
          continue;
        }
      copy = ref_approval_new ();
      ref_approval_set_participant (copy, same_participant (self, other, ref_approval_get_participant (theirs)));
      ref_approval_set_signer (copy, ref_approval_get_signer (theirs));
      ref_approval_set_time (copy, ref_approval_get_time (theirs));
      ref_approval_set_signature (copy, ref_approval_get_signature (theirs));
      ref_approval_set_voided (copy, ref_approval_get_voided (theirs));
      ref_list_store_append (self->approvals, copy);
      g_hash_table_insert (known, g_steal_pointer (&key), copy);
      standing |= !ref_approval_get_voided (theirs);
      added++;
    }
  /* Approvals are of locked minutes. */
  if (standing)
    ref_meeting_set_locked (self, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (other->items)); i++)
    {
      g_autoptr (RefAgendaItem) theirs = g_list_model_get_item (G_LIST_MODEL (other->items), i);
      RefAgendaItem *ours = ref_meeting_find_item_by_number (self, ref_agenda_item_get_number (theirs));

      if (ours != NULL)
        added += merge_comments (ours, theirs);
    }
  ref_history_end_group (self->history);
  return added;
}

/**
 * ref_meeting_get_participants:
 *
 * Returns: (transfer none): participants in the printed order (RefParticipant). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_meeting_get_participants (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  return G_LIST_MODEL (self->participants);
}

/**
 * ref_meeting_get_items:
 *
 * Returns: (transfer none): agenda items in order (RefAgendaItem). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_meeting_get_items (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * ref_meeting_get_approvals:
 *
 * Returns: (transfer none): approvals of the minutes (RefApproval). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_meeting_get_approvals (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  return G_LIST_MODEL (self->approvals);
}

/**
 * ref_meeting_get_history:
 *
 * Returns: (transfer none): the undo history of every edit of this meeting.
 */
RefHistory *
ref_meeting_get_history (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  return self->history;
}

guint
ref_meeting_get_n_items (RefMeeting *self)
{
  g_return_val_if_fail (REF_IS_MEETING (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

/**
 * ref_meeting_find_item_by_number:
 *
 * Returns: (transfer none) (nullable): the item numbered @number.
 */
RefAgendaItem *
ref_meeting_find_item_by_number (RefMeeting *self, guint number)
{
  guint n;

  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (ref_agenda_item_get_number (item) == number)
        return item; /* the store keeps it alive */
    }
  return NULL;
}

gboolean
ref_meeting_find_item_position (RefMeeting *self, RefAgendaItem *item, guint *position)
{
  g_return_val_if_fail (REF_IS_MEETING (self), FALSE);
  return g_list_store_find (self->items, item, position);
}

/* One past the highest number in use: new items continue running numbers (82..96). */
guint
ref_meeting_next_item_number (RefMeeting *self)
{
  guint n, highest = 0;

  g_return_val_if_fail (REF_IS_MEETING (self), 1);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      highest = MAX (highest, ref_agenda_item_get_number (item));
    }
  return highest + 1;
}

void
ref_meeting_add_item (RefMeeting *self, RefAgendaItem *item)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_list_store_append (self->items, item);
}

void
ref_meeting_insert_item (RefMeeting *self, guint position, RefAgendaItem *item)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_list_store_insert (self->items, MIN (position, ref_meeting_get_n_items (self)), item);
}

gboolean
ref_meeting_remove_item (RefMeeting *self, RefAgendaItem *item)
{
  g_return_val_if_fail (REF_IS_MEETING (self), FALSE);
  return ref_list_store_remove_item (self->items, item);
}

void
ref_meeting_move_item (RefMeeting *self, guint from, guint to)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_list_store_move (self->items, from, to);
}

/* Numbers the items first, first+1, … in list order, as one undo step. */
void
ref_meeting_renumber_items (RefMeeting *self, guint first)
{
  guint n;

  g_return_if_fail (REF_IS_MEETING (self));
  g_return_if_fail (first > 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  ref_history_begin_group (self->history);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      ref_agenda_item_set_number (item, first + i);
    }
  ref_history_end_group (self->history);
}

void
ref_meeting_add_participant (RefMeeting *self, RefParticipant *participant)
{
  g_return_if_fail (REF_IS_MEETING (self));
  ref_list_store_append (self->participants, participant);
}

static void
forget_participant_in_item (RefAgendaItem *item, RefParticipant *participant)
{
  GListModel *list = ref_agenda_item_get_disqualifications (item);

  for (guint i = g_list_model_get_n_items (list); i > 0; i--)
    {
      g_autoptr (RefDisqualification) d = g_list_model_get_item (list, i - 1);
      if (ref_disqualification_get_participant (d) == participant)
        ref_list_store_remove (G_LIST_STORE (list), i - 1);
    }
  ref_list_store_remove_item (G_LIST_STORE (ref_agenda_item_get_absence_override (item)), participant);

  /* Statements on this item's decisions and on the quoted earlier ones. */
  for (guint k = 0; k < 2; k++)
    {
      list = k == 0 ? ref_agenda_item_get_decisions (item) : ref_agenda_item_get_prior_decisions (item);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (RefDecision) decision = g_list_model_get_item (list, i);
          GListModel *statements = ref_decision_get_statements (decision);

          for (guint j = 0; j < g_list_model_get_n_items (statements); j++)
            {
              g_autoptr (RefStatement) st = g_list_model_get_item (statements, j);
              if (ref_statement_get_participant (st) == participant)
                ref_statement_set_participant (st, NULL); /* "by" keeps the name */
            }
        }
    }
}

/* Removes @participant and every reference to it, as one undo step, so that no item
 * keeps pointing at a person who is no longer on the list. */
gboolean
ref_meeting_remove_participant (RefMeeting *self, RefParticipant *participant)
{
  guint n;

  g_return_val_if_fail (REF_IS_MEETING (self), FALSE);
  if (!g_list_store_find (self->participants, participant, NULL))
    return FALSE;

  ref_history_begin_group (self->history);
  g_object_ref (participant);
  ref_list_store_remove_item (self->participants, participant);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefParticipant) other = g_list_model_get_item (G_LIST_MODEL (self->participants), i);
      if (ref_participant_get_substitute_for (other) == participant)
        ref_participant_set_substitute_for (other, NULL);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      forget_participant_in_item (item, participant);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->approvals));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefApproval) approval = g_list_model_get_item (G_LIST_MODEL (self->approvals), i);
      if (ref_approval_get_participant (approval) == participant)
        ref_approval_set_participant (approval, NULL);
    }
  g_object_unref (participant);
  ref_history_end_group (self->history);
  return TRUE;
}

/**
 * ref_meeting_find_participant:
 *
 * Returns: (transfer none) (nullable): the participant named @name (exact match).
 */
RefParticipant *
ref_meeting_find_participant (RefMeeting *self, const char *name)
{
  guint n;

  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (G_LIST_MODEL (self->participants), i);
      if (g_strcmp0 (ref_participant_get_name (p), name) == 0)
        return p;
    }
  return NULL;
}

/**
 * ref_meeting_find_substitute:
 *
 * Returns: (transfer none) (nullable): who stood in for @participant.
 */
RefParticipant *
ref_meeting_find_substitute (RefMeeting *self, RefParticipant *participant)
{
  guint n;

  g_return_val_if_fail (REF_IS_MEETING (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefParticipant) p = g_list_model_get_item (G_LIST_MODEL (self->participants), i);
      if (ref_participant_get_substitute_for (p) == participant)
        return p;
    }
  return NULL;
}

/*
 * Presence for one item, from the meeting-level record (see docs on the file
 * format, "Derived attendance"). A participant counts as present for an item when
 * present at its conclusion, so leaving during an item means absent for it and
 * arriving during an item means present for it. Movements that name no item (only
 * a time) cannot be placed and do not change the result.
 */
gboolean
ref_meeting_is_present_for_item (RefMeeting *self, RefParticipant *participant, RefAgendaItem *item)
{
  GListModel *movements;
  guint item_pos, n;
  gboolean present = TRUE;
  gboolean left = FALSE;
  gboolean placed = FALSE;

  g_return_val_if_fail (REF_IS_MEETING (self), FALSE);
  g_return_val_if_fail (REF_IS_PARTICIPANT (participant), FALSE);
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (item), FALSE);

  if (ref_participant_get_attendance (participant) == REF_ATTENDANCE_ABSENT)
    return FALSE;
  if (ref_agenda_item_is_disqualified (item, participant, &left) && left)
    return FALSE;

  {
    GArray *attended = ref_participant_get_attended_items (participant);
    if (attended != NULL && attended->len > 0)
      return ref_participant_get_attended_item (participant, ref_agenda_item_get_number (item));
  }

  if (!g_list_store_find (self->items, item, &item_pos))
    return TRUE;

  movements = ref_participant_get_movements (participant);
  n = g_list_model_get_n_items (movements);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefMovement) m = g_list_model_get_item (movements, i);
      RefAgendaItem *at;
      guint at_pos;
      gboolean arrives = ref_movement_get_kind (m) == REF_MOVEMENT_KIND_ARRIVED;

      if (ref_movement_get_item (m) == 0)
        continue;
      at = ref_meeting_find_item_by_number (self, ref_movement_get_item (m));
      if (at == NULL || !g_list_store_find (self->items, at, &at_pos))
        continue;
      /* Arriving first means not there from the start. Only movements that can be
       * placed count: one without an item cannot make the participant absent. */
      if (!placed && arrives)
        present = FALSE;
      placed = TRUE;
      if (at_pos <= item_pos)
        present = arrives;
    }
  return present;
}

/**
 * ref_meeting_compute_absent:
 *
 * Who was absent for @item: the item's override when set, else derived from the
 * participants' attendance, movements and disqualifications.
 *
 * Returns: (transfer container) (element-type RefParticipant): in participant order.
 */
GPtrArray *
ref_meeting_compute_absent (RefMeeting *self, RefAgendaItem *item)
{
  GPtrArray *absent = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *list;
  guint n;

  g_return_val_if_fail (REF_IS_MEETING (self), absent);
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (item), absent);

  list = ref_agenda_item_get_absence_overridden (item) ? ref_agenda_item_get_absence_override (item)
                                                       : G_LIST_MODEL (self->participants);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      RefParticipant *p = g_list_model_get_item (list, i);
      if (ref_agenda_item_get_absence_overridden (item) || !ref_meeting_is_present_for_item (self, p, item))
        g_ptr_array_add (absent, p);
      else
        g_object_unref (p);
    }
  return absent;
}
