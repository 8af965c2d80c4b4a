/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-participant.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefParticipant {
  GObject parent_instance;

  char *name;
  char *party;
  char *role;
  RefParticipantType participant_type;
  RefAttendance attendance;
  RefNotice notice;
  RefParticipant *substitute_for;
  gboolean substitute_approved;
  GArray *attended_items;
  GListStore *movements;
  char *note;
  char *certificate; /* SHA-256 fingerprint "AB:CD:…" of the member's signing certificate */
};

G_DEFINE_FINAL_TYPE (RefParticipant, ref_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PARTY,
  PROP_ROLE,
  PROP_PARTICIPANT_TYPE,
  PROP_ATTENDANCE,
  PROP_NOTICE,
  PROP_SUBSTITUTE_FOR,
  PROP_SUBSTITUTE_APPROVED,
  PROP_ATTENDED_ITEMS,
  PROP_MOVEMENTS,
  PROP_NOTE,
  PROP_CERTIFICATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_participant_finalize (GObject *object)
{
  RefParticipant *self = REF_PARTICIPANT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->party, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_object (&self->substitute_for);
  g_clear_pointer (&self->attended_items, g_array_unref);
  g_clear_object (&self->movements);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->certificate, g_free);

  G_OBJECT_CLASS (ref_participant_parent_class)->finalize (object);
}

static void
ref_participant_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefParticipant *self = REF_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, ref_participant_get_name (self));
      break;
    case PROP_PARTY:
      g_value_set_string (value, ref_participant_get_party (self));
      break;
    case PROP_ROLE:
      g_value_set_string (value, ref_participant_get_role (self));
      break;
    case PROP_PARTICIPANT_TYPE:
      g_value_set_enum (value, self->participant_type);
      break;
    case PROP_ATTENDANCE:
      g_value_set_enum (value, self->attendance);
      break;
    case PROP_NOTICE:
      g_value_set_enum (value, self->notice);
      break;
    case PROP_SUBSTITUTE_FOR:
      g_value_set_object (value, self->substitute_for);
      break;
    case PROP_SUBSTITUTE_APPROVED:
      g_value_set_boolean (value, self->substitute_approved);
      break;
    case PROP_ATTENDED_ITEMS:
      g_value_set_boxed (value, self->attended_items);
      break;
    case PROP_MOVEMENTS:
      g_value_set_object (value, self->movements);
      break;
    case PROP_NOTE:
      g_value_set_string (value, ref_participant_get_note (self));
      break;
    case PROP_CERTIFICATE:
      g_value_set_string (value, ref_participant_get_certificate (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_participant_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefParticipant *self = REF_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      ref_participant_set_name (self, g_value_get_string (value));
      break;
    case PROP_PARTY:
      ref_participant_set_party (self, g_value_get_string (value));
      break;
    case PROP_ROLE:
      ref_participant_set_role (self, g_value_get_string (value));
      break;
    case PROP_PARTICIPANT_TYPE:
      ref_participant_set_participant_type (self, g_value_get_enum (value));
      break;
    case PROP_ATTENDANCE:
      ref_participant_set_attendance (self, g_value_get_enum (value));
      break;
    case PROP_NOTICE:
      ref_participant_set_notice (self, g_value_get_enum (value));
      break;
    case PROP_SUBSTITUTE_FOR:
      ref_participant_set_substitute_for (self, g_value_get_object (value));
      break;
    case PROP_SUBSTITUTE_APPROVED:
      ref_participant_set_substitute_approved (self, g_value_get_boolean (value));
      break;
    case PROP_ATTENDED_ITEMS:
      ref_participant_set_attended_items (self, g_value_get_boxed (value));
      break;
    case PROP_NOTE:
      ref_participant_set_note (self, g_value_get_string (value));
      break;
    case PROP_CERTIFICATE:
      ref_participant_set_certificate (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_participant_class_init (RefParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_participant_finalize;
  object_class->get_property = ref_participant_get_property;
  object_class->set_property = ref_participant_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTY] = g_param_spec_string ("party", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTICIPANT_TYPE] = g_param_spec_enum ("participant-type", NULL, NULL, REF_TYPE_PARTICIPANT_TYPE, REF_PARTICIPANT_TYPE_MEMBER, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTENDANCE] = g_param_spec_enum ("attendance", NULL, NULL, REF_TYPE_ATTENDANCE, REF_ATTENDANCE_UNKNOWN, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTICE] = g_param_spec_enum ("notice", NULL, NULL, REF_TYPE_NOTICE, REF_NOTICE_WITH, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBSTITUTE_FOR] = g_param_spec_object ("substitute-for", NULL, NULL, REF_TYPE_PARTICIPANT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBSTITUTE_APPROVED] = g_param_spec_boolean ("substitute-approved", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTENDED_ITEMS] = g_param_spec_boxed ("attended-items", NULL, NULL, G_TYPE_ARRAY, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MOVEMENTS] = g_param_spec_object ("movements", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CERTIFICATE] = g_param_spec_string ("certificate", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_participant_init (RefParticipant *self)
{
  self->participant_type = REF_PARTICIPANT_TYPE_MEMBER;
  self->attendance = REF_ATTENDANCE_UNKNOWN;
  self->notice = REF_NOTICE_WITH;
  self->substitute_approved = FALSE;
  self->movements = g_list_store_new (REF_TYPE_MOVEMENT);
}

RefParticipant *
ref_participant_new (void)
{
  return g_object_new (REF_TYPE_PARTICIPANT, NULL);
}

const char *
ref_participant_get_name (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), "");
  return REF_STR (self->name);
}

void
ref_participant_set_name (RefParticipant *self, const char *name)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_string (self, &self->name, name, properties[PROP_NAME]);
}

const char *
ref_participant_get_party (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), "");
  return REF_STR (self->party);
}

void
ref_participant_set_party (RefParticipant *self, const char *party)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_string (self, &self->party, party, properties[PROP_PARTY]);
}

const char *
ref_participant_get_role (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), "");
  return REF_STR (self->role);
}

void
ref_participant_set_role (RefParticipant *self, const char *role)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_string (self, &self->role, role, properties[PROP_ROLE]);
}

RefParticipantType
ref_participant_get_participant_type (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), REF_PARTICIPANT_TYPE_MEMBER);
  return self->participant_type;
}

void
ref_participant_set_participant_type (RefParticipant *self, RefParticipantType participant_type)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_enum (self, (int *) &self->participant_type, participant_type, properties[PROP_PARTICIPANT_TYPE]);
}

RefAttendance
ref_participant_get_attendance (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), REF_ATTENDANCE_UNKNOWN);
  return self->attendance;
}

void
ref_participant_set_attendance (RefParticipant *self, RefAttendance attendance)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_enum (self, (int *) &self->attendance, attendance, properties[PROP_ATTENDANCE]);
}

RefNotice
ref_participant_get_notice (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), REF_NOTICE_WITH);
  return self->notice;
}

void
ref_participant_set_notice (RefParticipant *self, RefNotice notice)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_enum (self, (int *) &self->notice, notice, properties[PROP_NOTICE]);
}

/**
 * ref_participant_get_substitute_for:
 *
 * Returns: (transfer none) (nullable): the participant this one stands in for
 */
RefParticipant *
ref_participant_get_substitute_for (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), NULL);
  return self->substitute_for;
}

void
ref_participant_set_substitute_for (RefParticipant *self, RefParticipant *substitute_for)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  /* A participant referencing itself would never be freed. */
  g_return_if_fail (substitute_for != self);
  ref_set_object (self, (gpointer *) &self->substitute_for, substitute_for, properties[PROP_SUBSTITUTE_FOR]);
}

gboolean
ref_participant_get_substitute_approved (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), FALSE);
  return self->substitute_approved;
}

void
ref_participant_set_substitute_approved (RefParticipant *self, gboolean substitute_approved)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_boolean (self, &self->substitute_approved, substitute_approved, properties[PROP_SUBSTITUTE_APPROVED]);
}

/**
 * ref_participant_get_attended_items:
 *
 * Returns: (transfer none) (nullable): when not empty, the only item numbers attended
 */
GArray *
ref_participant_get_attended_items (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), NULL);
  return self->attended_items;
}

void
ref_participant_set_attended_items (RefParticipant *self, GArray *attended_items)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_boxed (self, (gpointer *) &self->attended_items, attended_items, G_TYPE_ARRAY, (GEqualFunc) ref_uint_array_equal, properties[PROP_ATTENDED_ITEMS]);
}

/**
 * ref_participant_get_movements:
 *
 * Returns: (transfer none): left/arrived events in order (RefMovement). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_participant_get_movements (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), NULL);
  return G_LIST_MODEL (self->movements);
}

const char *
ref_participant_get_note (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), "");
  return REF_STR (self->note);
}

void
ref_participant_set_note (RefParticipant *self, const char *note)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_string (self, &self->note, note, properties[PROP_NOTE]);
}

/* "Johan Müller (A) (1. viceborgmester)": the form used in the printed header. */
char *
ref_participant_format (RefParticipant *self, gboolean with_role)
{
  GString *out;

  g_return_val_if_fail (REF_IS_PARTICIPANT (self), NULL);
  out = g_string_new (REF_STR (self->name));
  if (self->party != NULL)
    g_string_append_printf (out, " (%s)", self->party);
  if (with_role && self->role != NULL)
    g_string_append_printf (out, " (%s)", self->role);
  return g_string_free (out, FALSE);
}

gboolean
ref_participant_get_attended_item (RefParticipant *self, guint number)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), FALSE);
  for (guint i = 0; self->attended_items && i < self->attended_items->len; i++)
    if (g_array_index (self->attended_items, guint, i) == number)
      return TRUE;
  return FALSE;
}

void
ref_participant_add_movement (RefParticipant *self, RefMovementKind kind, guint item, gboolean during,
                              int time)
{
  g_autoptr (RefMovement) movement = ref_movement_new ();

  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_movement_set_kind (movement, kind);
  ref_movement_set_item (movement, item);
  ref_movement_set_during (movement, during);
  ref_movement_set_time (movement, time);
  ref_list_store_append (self->movements, movement);
}

/**
 * ref_participant_is_committee_member:
 *
 * Returns: whether @self sits on the committee (a member or a substitute), rather than
 *   attending as an official or a guest
 */
/**
 * ref_participant_get_certificate:
 *
 * Returns: the SHA-256 fingerprint of the certificate this participant approves the
 *   minutes with ("AB:CD:…", upper case, 95 characters), or "" when none is recorded
 *   (then an approval is matched to the participant by the certificate's name)
 */
const char *
ref_participant_get_certificate (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), "");
  return REF_STR (self->certificate);
}

/**
 * ref_participant_normalize_fingerprint:
 * @text: a SHA-256 fingerprint as people copy it: hex digits, with or without colons
 *   or spaces, any case
 *
 * Returns: (transfer full) (nullable): "AB:CD:…" (32 bytes), "" for empty @text, or
 *   %NULL when @text is not a SHA-256 fingerprint
 */
char *
ref_participant_normalize_fingerprint (const char *text)
{
  g_autoptr (GString) hex = g_string_new (NULL);
  GString *out;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == ':' || *p == ' ' || *p == '\t')
        continue;
      if (!g_ascii_isxdigit (*p))
        return NULL;
      g_string_append_c (hex, g_ascii_toupper (*p));
    }
  if (hex->len == 0)
    return g_strdup ("");
  if (hex->len != 64)
    return NULL;
  out = g_string_sized_new (95);
  for (guint i = 0; i < 64; i += 2)
    g_string_append_printf (out, "%s%c%c", i ? ":" : "", hex->str[i], hex->str[i + 1]);
  return g_string_free (out, FALSE);
}

/* Stored as given, like every string of the model; the reader and the views accept
 * only what ref_participant_normalize_fingerprint() accepts, and approvals compare
 * normalised forms. */
void
ref_participant_set_certificate (RefParticipant *self, const char *certificate)
{
  g_return_if_fail (REF_IS_PARTICIPANT (self));
  ref_set_string (self, &self->certificate, certificate, properties[PROP_CERTIFICATE]);
}

gboolean
ref_participant_is_committee_member (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), FALSE);
  return self->participant_type == REF_PARTICIPANT_TYPE_MEMBER
         || self->participant_type == REF_PARTICIPANT_TYPE_SUBSTITUTE;
}

/**
 * ref_participant_approves_minutes:
 *
 * Returns: whether @self is one of those whose approval the minutes need: a committee
 *   member or substitute who was not absent from the meeting
 */
gboolean
ref_participant_approves_minutes (RefParticipant *self)
{
  g_return_val_if_fail (REF_IS_PARTICIPANT (self), FALSE);
  return ref_participant_is_committee_member (self) && self->attendance != REF_ATTENDANCE_ABSENT;
}
