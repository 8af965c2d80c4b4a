/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-agenda-item.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefAgendaItem {
  GObject parent_instance;

  guint number;
  char *title;
  char *public_title;
  char *case_number;
  gboolean closed;
  RefItemKind kind;
  gboolean supplementary;
  RefCaseType case_type;
  char *case_type_label;
  char **case_route;
  char *decided_by;
  GListStore *sections;
  GListStore *prior_decisions;
  RefRecommendation *recommendation;
  GListStore *decisions;
  GListStore *disqualifications;
  gboolean absence_overridden;
  GListStore *absence_override;
  GListStore *attachments;
  GListStore *comments;
};

G_DEFINE_FINAL_TYPE (RefAgendaItem, ref_agenda_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_PUBLIC_TITLE,
  PROP_CASE_NUMBER,
  PROP_CLOSED,
  PROP_KIND,
  PROP_SUPPLEMENTARY,
  PROP_CASE_TYPE,
  PROP_CASE_TYPE_LABEL,
  PROP_CASE_ROUTE,
  PROP_DECIDED_BY,
  PROP_SECTIONS,
  PROP_PRIOR_DECISIONS,
  PROP_RECOMMENDATION,
  PROP_DECISIONS,
  PROP_DISQUALIFICATIONS,
  PROP_ABSENCE_OVERRIDDEN,
  PROP_ABSENCE_OVERRIDE,
  PROP_ATTACHMENTS,
  PROP_COMMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_agenda_item_finalize (GObject *object)
{
  RefAgendaItem *self = REF_AGENDA_ITEM (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->public_title, g_free);
  g_clear_pointer (&self->case_number, g_free);
  g_clear_pointer (&self->case_type_label, g_free);
  g_clear_pointer (&self->case_route, g_strfreev);
  g_clear_pointer (&self->decided_by, g_free);
  g_clear_object (&self->sections);
  g_clear_object (&self->prior_decisions);
  g_clear_object (&self->recommendation);
  g_clear_object (&self->decisions);
  g_clear_object (&self->disqualifications);
  g_clear_object (&self->absence_override);
  g_clear_object (&self->attachments);
  g_clear_object (&self->comments);

  G_OBJECT_CLASS (ref_agenda_item_parent_class)->finalize (object);
}

static void
ref_agenda_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefAgendaItem *self = REF_AGENDA_ITEM (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_TITLE:
      g_value_set_string (value, ref_agenda_item_get_title (self));
      break;
    case PROP_PUBLIC_TITLE:
      g_value_set_string (value, ref_agenda_item_get_public_title (self));
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, ref_agenda_item_get_case_number (self));
      break;
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_SUPPLEMENTARY:
      g_value_set_boolean (value, self->supplementary);
      break;
    case PROP_CASE_TYPE:
      g_value_set_enum (value, self->case_type);
      break;
    case PROP_CASE_TYPE_LABEL:
      g_value_set_string (value, ref_agenda_item_get_case_type_label (self));
      break;
    case PROP_CASE_ROUTE:
      g_value_set_boxed (value, self->case_route);
      break;
    case PROP_DECIDED_BY:
      g_value_set_string (value, ref_agenda_item_get_decided_by (self));
      break;
    case PROP_SECTIONS:
      g_value_set_object (value, self->sections);
      break;
    case PROP_PRIOR_DECISIONS:
      g_value_set_object (value, self->prior_decisions);
      break;
    case PROP_RECOMMENDATION:
      g_value_set_object (value, self->recommendation);
      break;
    case PROP_DECISIONS:
      g_value_set_object (value, self->decisions);
      break;
    case PROP_DISQUALIFICATIONS:
      g_value_set_object (value, self->disqualifications);
      break;
    case PROP_ABSENCE_OVERRIDDEN:
      g_value_set_boolean (value, self->absence_overridden);
      break;
    case PROP_ABSENCE_OVERRIDE:
      g_value_set_object (value, self->absence_override);
      break;
    case PROP_ATTACHMENTS:
      g_value_set_object (value, self->attachments);
      break;
    case PROP_COMMENTS:
      g_value_set_object (value, self->comments);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_agenda_item_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefAgendaItem *self = REF_AGENDA_ITEM (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      ref_agenda_item_set_number (self, g_value_get_uint (value));
      break;
    case PROP_TITLE:
      ref_agenda_item_set_title (self, g_value_get_string (value));
      break;
    case PROP_PUBLIC_TITLE:
      ref_agenda_item_set_public_title (self, g_value_get_string (value));
      break;
    case PROP_CASE_NUMBER:
      ref_agenda_item_set_case_number (self, g_value_get_string (value));
      break;
    case PROP_CLOSED:
      ref_agenda_item_set_closed (self, g_value_get_boolean (value));
      break;
    case PROP_KIND:
      ref_agenda_item_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_SUPPLEMENTARY:
      ref_agenda_item_set_supplementary (self, g_value_get_boolean (value));
      break;
    case PROP_CASE_TYPE:
      ref_agenda_item_set_case_type (self, g_value_get_enum (value));
      break;
    case PROP_CASE_TYPE_LABEL:
      ref_agenda_item_set_case_type_label (self, g_value_get_string (value));
      break;
    case PROP_CASE_ROUTE:
      ref_agenda_item_set_case_route (self, g_value_get_boxed (value));
      break;
    case PROP_DECIDED_BY:
      ref_agenda_item_set_decided_by (self, g_value_get_string (value));
      break;
    case PROP_RECOMMENDATION:
      ref_agenda_item_set_recommendation (self, g_value_get_object (value));
      break;
    case PROP_ABSENCE_OVERRIDDEN:
      ref_agenda_item_set_absence_overridden (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_agenda_item_class_init (RefAgendaItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_agenda_item_finalize;
  object_class->get_property = ref_agenda_item_get_property;
  object_class->set_property = ref_agenda_item_set_property;

  properties[PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 1, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLIC_TITLE] = g_param_spec_string ("public-title", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_NUMBER] = g_param_spec_string ("case-number", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSED] = g_param_spec_boolean ("closed", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, REF_TYPE_ITEM_KIND, REF_ITEM_KIND_REGULAR, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUPPLEMENTARY] = g_param_spec_boolean ("supplementary", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_TYPE] = g_param_spec_enum ("case-type", NULL, NULL, REF_TYPE_CASE_TYPE, REF_CASE_TYPE_NONE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_TYPE_LABEL] = g_param_spec_string ("case-type-label", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ROUTE] = g_param_spec_boxed ("case-route", NULL, NULL, G_TYPE_STRV, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECIDED_BY] = g_param_spec_string ("decided-by", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTIONS] = g_param_spec_object ("sections", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIOR_DECISIONS] = g_param_spec_object ("prior-decisions", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECOMMENDATION] = g_param_spec_object ("recommendation", NULL, NULL, REF_TYPE_RECOMMENDATION, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECISIONS] = g_param_spec_object ("decisions", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISQUALIFICATIONS] = g_param_spec_object ("disqualifications", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ABSENCE_OVERRIDDEN] = g_param_spec_boolean ("absence-overridden", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ABSENCE_OVERRIDE] = g_param_spec_object ("absence-override", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTACHMENTS] = g_param_spec_object ("attachments", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMENTS] = g_param_spec_object ("comments", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_agenda_item_init (RefAgendaItem *self)
{
  self->number = 1;
  self->closed = FALSE;
  self->kind = REF_ITEM_KIND_REGULAR;
  self->supplementary = FALSE;
  self->case_type = REF_CASE_TYPE_NONE;
  self->sections = g_list_store_new (REF_TYPE_SECTION);
  self->prior_decisions = g_list_store_new (REF_TYPE_DECISION);
  self->decisions = g_list_store_new (REF_TYPE_DECISION);
  self->disqualifications = g_list_store_new (REF_TYPE_DISQUALIFICATION);
  self->absence_overridden = FALSE;
  self->absence_override = g_list_store_new (REF_TYPE_PARTICIPANT);
  self->attachments = g_list_store_new (REF_TYPE_ATTACHMENT);
  self->comments = g_list_store_new (REF_TYPE_COMMENT);
}

RefAgendaItem *
ref_agenda_item_new (void)
{
  return g_object_new (REF_TYPE_AGENDA_ITEM, NULL);
}

guint
ref_agenda_item_get_number (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), 1);
  return self->number;
}

void
ref_agenda_item_set_number (RefAgendaItem *self, guint number)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_uint (self, &self->number, number, properties[PROP_NUMBER]);
}

const char *
ref_agenda_item_get_title (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), "");
  return REF_STR (self->title);
}

void
ref_agenda_item_set_title (RefAgendaItem *self, const char *title)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_string (self, &self->title, title, properties[PROP_TITLE]);
}

const char *
ref_agenda_item_get_public_title (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), "");
  return REF_STR (self->public_title);
}

void
ref_agenda_item_set_public_title (RefAgendaItem *self, const char *public_title)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_string (self, &self->public_title, public_title, properties[PROP_PUBLIC_TITLE]);
}

const char *
ref_agenda_item_get_case_number (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), "");
  return REF_STR (self->case_number);
}

void
ref_agenda_item_set_case_number (RefAgendaItem *self, const char *case_number)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_string (self, &self->case_number, case_number, properties[PROP_CASE_NUMBER]);
}

gboolean
ref_agenda_item_get_closed (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), FALSE);
  return self->closed;
}

void
ref_agenda_item_set_closed (RefAgendaItem *self, gboolean closed)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_boolean (self, &self->closed, closed, properties[PROP_CLOSED]);
}

RefItemKind
ref_agenda_item_get_kind (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), REF_ITEM_KIND_REGULAR);
  return self->kind;
}

void
ref_agenda_item_set_kind (RefAgendaItem *self, RefItemKind kind)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_enum (self, (int *) &self->kind, kind, properties[PROP_KIND]);
}

gboolean
ref_agenda_item_get_supplementary (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), FALSE);
  return self->supplementary;
}

void
ref_agenda_item_set_supplementary (RefAgendaItem *self, gboolean supplementary)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_boolean (self, &self->supplementary, supplementary, properties[PROP_SUPPLEMENTARY]);
}

RefCaseType
ref_agenda_item_get_case_type (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), REF_CASE_TYPE_NONE);
  return self->case_type;
}

void
ref_agenda_item_set_case_type (RefAgendaItem *self, RefCaseType case_type)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_enum (self, (int *) &self->case_type, case_type, properties[PROP_CASE_TYPE]);
}

const char *
ref_agenda_item_get_case_type_label (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), "");
  return REF_STR (self->case_type_label);
}

void
ref_agenda_item_set_case_type_label (RefAgendaItem *self, const char *case_type_label)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_string (self, &self->case_type_label, case_type_label, properties[PROP_CASE_TYPE_LABEL]);
}

/**
 * ref_agenda_item_get_case_route:
 *
 * Returns: (transfer none) (nullable): bodies the case passes through
 */
const char * const *
ref_agenda_item_get_case_route (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return (const char * const *) self->case_route;
}

void
ref_agenda_item_set_case_route (RefAgendaItem *self, const char * const *case_route)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  if (case_route != NULL && case_route[0] == NULL)
    case_route = NULL;
  ref_set_boxed (self, (gpointer *) &self->case_route, (gpointer) case_route, G_TYPE_STRV, (GEqualFunc) ref_strv_equal0, properties[PROP_CASE_ROUTE]);
}

const char *
ref_agenda_item_get_decided_by (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), "");
  return REF_STR (self->decided_by);
}

void
ref_agenda_item_set_decided_by (RefAgendaItem *self, const char *decided_by)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_string (self, &self->decided_by, decided_by, properties[PROP_DECIDED_BY]);
}

/**
 * ref_agenda_item_get_sections:
 *
 * Returns: (transfer none): sections in order (RefSection). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_agenda_item_get_sections (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return G_LIST_MODEL (self->sections);
}

/**
 * ref_agenda_item_get_prior_decisions:
 *
 * Returns: (transfer none): decisions of other bodies quoted in the case (RefDecision). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_agenda_item_get_prior_decisions (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return G_LIST_MODEL (self->prior_decisions);
}

/**
 * ref_agenda_item_get_recommendation:
 *
 * Returns: (transfer none) (nullable): the recommendation (Indstilling)
 */
RefRecommendation *
ref_agenda_item_get_recommendation (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return self->recommendation;
}

void
ref_agenda_item_set_recommendation (RefAgendaItem *self, RefRecommendation *recommendation)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_object (self, (gpointer *) &self->recommendation, recommendation, properties[PROP_RECOMMENDATION]);
}

/**
 * ref_agenda_item_get_decisions:
 *
 * Returns: (transfer none): decisions (Beslutning), one per deciding body (RefDecision). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_agenda_item_get_decisions (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return G_LIST_MODEL (self->decisions);
}

/**
 * ref_agenda_item_get_disqualifications:
 *
 * Returns: (transfer none): participants disqualified for this item (RefDisqualification). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_agenda_item_get_disqualifications (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return G_LIST_MODEL (self->disqualifications);
}

gboolean
ref_agenda_item_get_absence_overridden (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), FALSE);
  return self->absence_overridden;
}

void
ref_agenda_item_set_absence_overridden (RefAgendaItem *self, gboolean absence_overridden)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_set_boolean (self, &self->absence_overridden, absence_overridden, properties[PROP_ABSENCE_OVERRIDDEN]);
}

/**
 * ref_agenda_item_get_absence_override:
 *
 * Returns: (transfer none): who was absent, when overridden (RefParticipant). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_agenda_item_get_absence_override (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return G_LIST_MODEL (self->absence_override);
}

/**
 * ref_agenda_item_get_attachments:
 *
 * Returns: (transfer none): attachments (Bilag) (RefAttachment). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_agenda_item_get_attachments (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return G_LIST_MODEL (self->attachments);
}

/**
 * ref_agenda_item_release_content:
 *
 * Drops what the item prints beyond its heading (sections, recommendation, prior
 * decisions, decisions, attachments and comments), without recording anything for
 * undo and without notifications: for an item of a meeting that is being consumed,
 * such as the private copy an export makes, never for one being edited. The number,
 * titles, case data and attendance stay.
 */
void
ref_agenda_item_release_content (RefAgendaItem *self)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));

  g_list_store_remove_all (self->sections);
  g_list_store_remove_all (self->prior_decisions);
  g_list_store_remove_all (self->decisions);
  g_list_store_remove_all (self->attachments);
  g_list_store_remove_all (self->comments);
  g_clear_object (&self->recommendation);
  ref_history_note_change (self);
}

/**
 * ref_agenda_item_get_comments:
 *
 * Returns: (transfer none): reviewers' comments (RefComment), saved in the file and
 *   never printed.
 */
GListModel *
ref_agenda_item_get_comments (RefAgendaItem *self)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  return G_LIST_MODEL (self->comments);
}

/* A decision counts once it records something (a text or a vote): an empty
 * Beslutning is a draft. */
gboolean
ref_agenda_item_has_decision (RefAgendaItem *self)
{
  guint n;

  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->decisions));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefDecision) decision = g_list_model_get_item (G_LIST_MODEL (self->decisions), i);
      if (!ref_text_is_empty (ref_decision_get_text (decision)) || ref_decision_get_vote (decision) != NULL)
        return TRUE;
    }
  return FALSE;
}

/**
 * ref_agenda_item_find_section:
 *
 * Returns: (transfer none) (nullable): the first section of @kind.
 */
RefSection *
ref_agenda_item_find_section (RefAgendaItem *self, RefSectionKind kind)
{
  guint n;

  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefSection) section = g_list_model_get_item (G_LIST_MODEL (self->sections), i);
      if (ref_section_get_kind (section) == kind)
        return section; /* the store keeps it alive */
    }
  return NULL;
}

/* In the public edition a closed item shows only its public title ("Lukket"). */
const char *
ref_agenda_item_get_printed_title (RefAgendaItem *self, RefEdition edition)
{
  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), "");
  if (self->closed && edition == REF_EDITION_PUBLIC)
    return self->public_title ? self->public_title : "Lukket";
  return REF_STR (self->title);
}

gboolean
ref_agenda_item_is_disqualified (RefAgendaItem *self, RefParticipant *participant, gboolean *left)
{
  guint n;

  g_return_val_if_fail (REF_IS_AGENDA_ITEM (self), FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->disqualifications));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RefDisqualification) d = g_list_model_get_item (G_LIST_MODEL (self->disqualifications), i);
      if (ref_disqualification_get_participant (d) == participant)
        {
          if (left)
            *left = ref_disqualification_get_left (d);
          return TRUE;
        }
    }
  return FALSE;
}

void
ref_agenda_item_add_section (RefAgendaItem *self, RefSectionKind kind, const char *heading, RefText *text)
{
  g_autoptr (RefSection) section = ref_section_new ();

  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  ref_section_set_kind (section, kind);
  ref_section_set_heading (section, heading);
  ref_section_set_text (section, text);
  ref_list_store_append (self->sections, section);
}

void
ref_agenda_item_add_decision (RefAgendaItem *self, RefDecision *decision)
{
  g_return_if_fail (REF_IS_AGENDA_ITEM (self));
  g_return_if_fail (REF_IS_DECISION (decision));
  ref_list_store_append (self->decisions, decision);
}
