/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-model.h"
#include "test-model-helpers.h"

#include <string.h>

/* ---- helpers ---- */

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  guint *count = data;
  (*count)++;
}

static gulong
watch_notify (gpointer object, const char *property, guint *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  *count = 0;
  return g_signal_connect (object, signal, G_CALLBACK (count_notify_cb), count);
}

/* Runs @stmt and asserts that "notify::@prop" was emitted @expected times. */
#define ASSERT_NOTIFIES(object, prop, expected, stmt) \
  G_STMT_START \
  { \
    guint notify_count_ = 0; \
    gulong notify_id_ = watch_notify ((object), (prop), &notify_count_); \
    stmt; \
    g_signal_handler_disconnect ((object), notify_id_); \
    g_assert_cmpuint (notify_count_, ==, (expected)); \
  } \
  G_STMT_END

/* A C setter notifies once on a change and not at all when called again with an
 * equal value. */
#define ASSERT_SET_ONCE(object, prop, stmt) \
  G_STMT_START \
  { \
    ASSERT_NOTIFIES (object, prop, 1, stmt); \
    ASSERT_NOTIFIES (object, prop, 0, stmt); \
  } \
  G_STMT_END

static GDateTime *
date (int year, int month, int day, int hour, int minute)
{
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

static GArray *
uint_array (const guint *values, guint n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_vals (array, values, n);
  return array;
}

static RefVote *
make_vote (void)
{
  RefVote *vote = ref_vote_new (5, 1, 1);

  ref_vote_add_voter (vote, REF_VOTE_CHOICE_AGAINST, "Kate Svarrer (løsgænger)");
  return vote;
}

static void
assert_empty_list (GListModel *list, GType item_type)
{
  g_assert_nonnull (list);
  g_assert_true (G_IS_LIST_STORE (list));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_true (g_list_model_get_item_type (list) == item_type);
}

/* ---- generic property checks, through GObject ---- */

/* A value for @pspec other than its default. Calling it twice gives equal values
 * that are distinct instances (boxed); object properties get the one object kept in
 * @objects for their type. */
static void
other_value (GParamSpec *pspec, GHashTable *objects, GValue *value)
{
  GType type = pspec->value_type;

  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    g_value_set_string (value, "Ændret: æøå ÆØÅ");
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, !G_PARAM_SPEC_BOOLEAN (pspec)->default_value);
  else if (type == G_TYPE_UINT)
    {
      /* Within the property's range ("level" is 1 or 2). */
      GParamSpecUInt *uspec = G_PARAM_SPEC_UINT (pspec);
      guint other = uspec->maximum - uspec->default_value >= 7 ? uspec->default_value + 7 : uspec->maximum;

      g_value_set_uint (value, other != uspec->default_value ? other : uspec->minimum);
    }
  else if (type == G_TYPE_INT)
    g_value_set_int (value, G_PARAM_SPEC_INT (pspec)->default_value + 7);
  else if (G_TYPE_IS_ENUM (type))
    {
      GParamSpecEnum *espec = G_PARAM_SPEC_ENUM (pspec);
      GEnumClass *klass = espec->enum_class;
      int last = klass->values[klass->n_values - 1].value;

      g_value_set_enum (value, last != espec->default_value ? last : klass->values[0].value);
    }
  else if (type == G_TYPE_DATE_TIME)
    g_value_take_boxed (value, date (2025, 5, 6, 17, 0));
  else if (type == REF_TYPE_TEXT)
    g_value_take_boxed (value, ref_text_new_from_plain ("Godkendt.\n\n- æble\n- pære"));
  else if (type == REF_TYPE_VOTE)
    g_value_take_boxed (value, make_vote ());
  else if (type == G_TYPE_ARRAY)
    {
      const guint numbers[] = { 82, 88, 89 };
      g_value_take_boxed (value, uint_array (numbers, G_N_ELEMENTS (numbers)));
    }
  else if (type == G_TYPE_STRV)
    {
      const char *route[] = { "Socialudvalget", "Økonomiudvalget", NULL };
      g_value_set_boxed (value, route);
    }
  else if (g_type_is_a (type, G_TYPE_OBJECT))
    {
      GObject *object = g_hash_table_lookup (objects, GSIZE_TO_POINTER (type));

      if (object == NULL)
        {
          object = g_object_new (type, NULL);
          g_hash_table_insert (objects, GSIZE_TO_POINTER (type), object);
        }
      g_value_set_object (value, object);
    }
  else
    g_error ("no test value for property %s of type %s", pspec->name, g_type_name (type));
}

static gboolean
values_equal (const GValue *a, const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  g_assert_true (type == G_VALUE_TYPE (b));
  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == REF_TYPE_TEXT)
    return ref_text_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == REF_TYPE_VOTE)
    return ref_vote_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *da = g_value_get_boxed (a), *db = g_value_get_boxed (b);
      return da == db || (da && db && g_date_time_equal (da, db));
    }
  if (type == G_TYPE_ARRAY)
    return ref_uint_array_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_STRV)
    return ref_strv_equal0 (g_value_get_boxed (a), g_value_get_boxed (b));
  if (g_type_is_a (type, G_TYPE_OBJECT))
    return g_value_get_object (a) == g_value_get_object (b);
  if (G_TYPE_IS_ENUM (type))
    return g_value_get_enum (a) == g_value_get_enum (b);
  if (type == G_TYPE_BOOLEAN)
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (type == G_TYPE_UINT)
    return g_value_get_uint (a) == g_value_get_uint (b);
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  g_error ("cannot compare %s", g_type_name (type));
  return FALSE;
}

static void
get_value (gpointer object, GParamSpec *pspec, GValue *value)
{
  g_value_init (value, pspec->value_type);
  g_object_get_property (object, pspec->name, value);
}

/* Every property of a new @type has its declared default; list properties are
 * empty stores. */
static void
check_defaults (GType type)
{
  g_autoptr (GObject) object = g_object_new (type, NULL);
  guint n_props = 0;
  g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_props);

  g_assert_cmpuint (n_props, >, 0);
  for (guint i = 0; i < n_props; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      get_value (object, props[i], &value);
      if (g_type_is_a (props[i]->value_type, G_TYPE_LIST_MODEL))
        {
          g_assert_false (props[i]->flags & G_PARAM_WRITABLE);
          g_assert_true (G_IS_LIST_STORE (g_value_get_object (&value)));
          g_assert_cmpuint (g_list_model_get_n_items (g_value_get_object (&value)), ==, 0);
          continue;
        }
      if (!g_param_value_defaults (props[i], &value))
        g_error ("%s:%s is not its default", g_type_name (type), props[i]->name);
    }
}

/* Through g_object_set_property(): a change notifies once and reads back; an equal
 * value (a distinct but equal instance) does not notify; the default can be set back. */
static void
check_properties (GType type)
{
  g_autoptr (GObject) object = g_object_new (type, NULL);
  g_autoptr (GHashTable) objects = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  guint n_props = 0, n_checked = 0;
  g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_props);

  for (guint i = 0; i < n_props; i++)
    {
      GParamSpec *pspec = props[i];
      g_auto (GValue) changed = G_VALUE_INIT;
      g_auto (GValue) equal = G_VALUE_INIT;
      g_auto (GValue) read = G_VALUE_INIT;
      g_auto (GValue) deflt = G_VALUE_INIT;
      g_auto (GValue) read_default = G_VALUE_INIT;

      if (!(pspec->flags & G_PARAM_WRITABLE))
        continue;
      g_test_message ("%s:%s", g_type_name (type), pspec->name);
      other_value (pspec, objects, &changed);
      other_value (pspec, objects, &equal);
      g_value_init (&deflt, pspec->value_type);
      g_param_value_set_default (pspec, &deflt);

      ASSERT_NOTIFIES (object, pspec->name, 1, g_object_set_property (object, pspec->name, &changed));
      get_value (object, pspec, &read);
      g_assert_true (values_equal (&changed, &read));
      ASSERT_NOTIFIES (object, pspec->name, 0, g_object_set_property (object, pspec->name, &equal));
      ASSERT_NOTIFIES (object, pspec->name, 0, g_object_set_property (object, pspec->name, &changed));
      ASSERT_NOTIFIES (object, pspec->name, 1, g_object_set_property (object, pspec->name, &deflt));
      get_value (object, pspec, &read_default);
      g_assert_true (g_param_value_defaults (pspec, &read_default));
      ASSERT_NOTIFIES (object, pspec->name, 0, g_object_set_property (object, pspec->name, &deflt));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
}

/* Every string property: NULL and "" are the same value, read back as "". */
static void
check_strings (GType type)
{
  g_autoptr (GObject) object = g_object_new (type, NULL);
  guint n_props = 0;
  g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_props);

  for (guint i = 0; i < n_props; i++)
    {
      const char *name = props[i]->name;
      g_autofree char *read = NULL;

      if (props[i]->value_type != G_TYPE_STRING || !(props[i]->flags & G_PARAM_WRITABLE))
        continue;
      g_test_message ("%s:%s", g_type_name (type), name);
      g_object_get (object, name, &read, NULL);
      g_assert_cmpstr (read, ==, "");
      g_clear_pointer (&read, g_free);
      ASSERT_NOTIFIES (object, name, 0, g_object_set (object, name, NULL, NULL));
      ASSERT_NOTIFIES (object, name, 0, g_object_set (object, name, "", NULL));
      ASSERT_NOTIFIES (object, name, 1, g_object_set (object, name, "Ærø", NULL));
      ASSERT_NOTIFIES (object, name, 1, g_object_set (object, name, NULL, NULL));
      g_object_get (object, name, &read, NULL);
      g_assert_cmpstr (read, ==, "");
      g_clear_pointer (&read, g_free);
      ASSERT_NOTIFIES (object, name, 0, g_object_set (object, name, "", NULL));
      ASSERT_NOTIFIES (object, name, 1, g_object_set (object, name, "Ærø", NULL));
      ASSERT_NOTIFIES (object, name, 1, g_object_set (object, name, "", NULL));
      g_object_get (object, name, &read, NULL);
      g_assert_cmpstr (read, ==, "");
    }
}

static const GType *
model_types (guint *n)
{
  static GType types[11];

  types[0] = REF_TYPE_MEETING;
  types[1] = REF_TYPE_AGENDA_ITEM;
  types[2] = REF_TYPE_PARTICIPANT;
  types[3] = REF_TYPE_MOVEMENT;
  types[4] = REF_TYPE_SECTION;
  types[5] = REF_TYPE_DECISION;
  types[6] = REF_TYPE_STATEMENT;
  types[7] = REF_TYPE_DISQUALIFICATION;
  types[8] = REF_TYPE_RECOMMENDATION;
  types[9] = REF_TYPE_ATTACHMENT;
  types[10] = REF_TYPE_APPROVAL;
  *n = G_N_ELEMENTS (types);
  return types;
}

static void
test_all_defaults (void)
{
  guint n;
  const GType *types = model_types (&n);

  for (guint i = 0; i < n; i++)
    check_defaults (types[i]);
}

static void
test_all_properties (void)
{
  guint n;
  const GType *types = model_types (&n);

  for (guint i = 0; i < n; i++)
    check_properties (types[i]);
}

static void
test_all_strings (void)
{
  guint n;
  const GType *types = model_types (&n);

  for (guint i = 0; i < n; i++)
    check_strings (types[i]);
}

/* ---- RefMeeting ---- */

static void
test_meeting_defaults (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();

  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_MINUTES);
  g_assert_cmpint (ref_meeting_get_edition (m), ==, REF_EDITION_PUBLIC);
  g_assert_cmpstr (ref_meeting_get_organisation (m), ==, "");
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "");
  g_assert_null (ref_meeting_get_start (m));
  g_assert_null (ref_meeting_get_end (m));
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "");
  g_assert_null (ref_meeting_get_remarks (m));
  assert_empty_list (ref_meeting_get_participants (m), REF_TYPE_PARTICIPANT);
  assert_empty_list (ref_meeting_get_items (m), REF_TYPE_AGENDA_ITEM);
  assert_empty_list (ref_meeting_get_approvals (m), REF_TYPE_APPROVAL);
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 0);
  g_assert_nonnull (ref_meeting_get_history (m));
  g_assert_false (ref_history_get_modified (ref_meeting_get_history (m)));
}

static void
test_meeting_setters (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (GDateTime) start = date (2025, 5, 6, 16, 30);
  g_autoptr (GDateTime) same_start = date (2025, 5, 6, 16, 30);
  g_autoptr (GDateTime) end = date (2025, 5, 6, 19, 5);
  g_autoptr (RefText) remarks = ref_text_new_paragraph ("Mødet blev holdt på Ærø.");
  g_autoptr (RefText) same_remarks = ref_text_new_paragraph ("Mødet blev holdt på Ærø.");

  ASSERT_SET_ONCE (m, "kind", ref_meeting_set_kind (m, REF_MEETING_KIND_AGENDA));
  g_assert_cmpint (ref_meeting_get_kind (m), ==, REF_MEETING_KIND_AGENDA);
  ASSERT_SET_ONCE (m, "edition", ref_meeting_set_edition (m, REF_EDITION_INTERNAL));
  g_assert_cmpint (ref_meeting_get_edition (m), ==, REF_EDITION_INTERNAL);
  ASSERT_SET_ONCE (m, "organisation", ref_meeting_set_organisation (m, "Aarhus Kommune"));
  g_assert_cmpstr (ref_meeting_get_organisation (m), ==, "Aarhus Kommune");
  ASSERT_SET_ONCE (m, "committee", ref_meeting_set_committee (m, "Socialudvalget"));
  g_assert_cmpstr (ref_meeting_get_committee (m), ==, "Socialudvalget");
  ASSERT_SET_ONCE (m, "location", ref_meeting_set_location (m, "Rådhuset, lokale 390"));
  g_assert_cmpstr (ref_meeting_get_location (m), ==, "Rådhuset, lokale 390");

  ASSERT_NOTIFIES (m, "start", 1, ref_meeting_set_start (m, start));
  ASSERT_NOTIFIES (m, "start", 0, ref_meeting_set_start (m, same_start));
  g_assert_true (g_date_time_equal (ref_meeting_get_start (m), start));
  ASSERT_SET_ONCE (m, "end", ref_meeting_set_end (m, end));
  g_assert_true (g_date_time_equal (ref_meeting_get_end (m), end));
  ASSERT_NOTIFIES (m, "end", 1, ref_meeting_set_end (m, NULL));
  g_assert_null (ref_meeting_get_end (m));

  ASSERT_NOTIFIES (m, "remarks", 1, ref_meeting_set_remarks (m, remarks));
  ASSERT_NOTIFIES (m, "remarks", 0, ref_meeting_set_remarks (m, same_remarks));
  g_assert_true (ref_text_equal (ref_meeting_get_remarks (m), remarks));
}

static void
test_meeting_g_object_set (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (GDateTime) start = date (2025, 5, 6, 16, 30);
  g_autoptr (RefText) remarks = ref_text_new_paragraph ("Ingen.");
  g_autofree char *committee = NULL;
  g_autoptr (GDateTime) read_start = NULL;
  g_autoptr (RefText) read_remarks = NULL;
  g_autoptr (GListModel) items = NULL;
  RefEdition edition;

  g_object_set (m, "committee", "Socialudvalget", "edition", REF_EDITION_INTERNAL, "start", start,
                "remarks", remarks, NULL);
  g_object_get (m, "committee", &committee, "edition", &edition, "start", &read_start, "remarks",
                &read_remarks, "items", &items, NULL);
  g_assert_cmpstr (committee, ==, "Socialudvalget");
  g_assert_cmpint (edition, ==, REF_EDITION_INTERNAL);
  g_assert_true (g_date_time_equal (read_start, start));
  g_assert_true (ref_text_equal (read_remarks, remarks));
  g_assert_true (items == ref_meeting_get_items (m));
}

/* ---- RefAgendaItem ---- */

static void
test_item_defaults (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 1);
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "");
  g_assert_cmpstr (ref_agenda_item_get_public_title (item), ==, "");
  g_assert_cmpstr (ref_agenda_item_get_case_number (item), ==, "");
  g_assert_false (ref_agenda_item_get_closed (item));
  g_assert_cmpint (ref_agenda_item_get_kind (item), ==, REF_ITEM_KIND_REGULAR);
  g_assert_false (ref_agenda_item_get_supplementary (item));
  g_assert_cmpint (ref_agenda_item_get_case_type (item), ==, REF_CASE_TYPE_NONE);
  g_assert_cmpstr (ref_agenda_item_get_case_type_label (item), ==, "");
  g_assert_null (ref_agenda_item_get_case_route (item));
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item), ==, "");
  g_assert_null (ref_agenda_item_get_recommendation (item));
  g_assert_false (ref_agenda_item_get_absence_overridden (item));
  assert_empty_list (ref_agenda_item_get_sections (item), REF_TYPE_SECTION);
  assert_empty_list (ref_agenda_item_get_prior_decisions (item), REF_TYPE_DECISION);
  assert_empty_list (ref_agenda_item_get_decisions (item), REF_TYPE_DECISION);
  assert_empty_list (ref_agenda_item_get_disqualifications (item), REF_TYPE_DISQUALIFICATION);
  assert_empty_list (ref_agenda_item_get_absence_override (item), REF_TYPE_PARTICIPANT);
  assert_empty_list (ref_agenda_item_get_attachments (item), REF_TYPE_ATTACHMENT);
  g_assert_false (ref_agenda_item_has_decision (item));
}

static void
test_item_setters (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefRecommendation) rec = ref_recommendation_new ();

  ASSERT_SET_ONCE (item, "number", ref_agenda_item_set_number (item, 82));
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 82);
  ASSERT_SET_ONCE (item, "title", ref_agenda_item_set_title (item, "Budgetopfølgning for Sundhed og Omsorg"));
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Budgetopfølgning for Sundhed og Omsorg");
  ASSERT_SET_ONCE (item, "public-title", ref_agenda_item_set_public_title (item, "Lukket punkt"));
  g_assert_cmpstr (ref_agenda_item_get_public_title (item), ==, "Lukket punkt");
  ASSERT_SET_ONCE (item, "case-number", ref_agenda_item_set_case_number (item, "25/012345"));
  g_assert_cmpstr (ref_agenda_item_get_case_number (item), ==, "25/012345");
  ASSERT_SET_ONCE (item, "closed", ref_agenda_item_set_closed (item, TRUE));
  g_assert_true (ref_agenda_item_get_closed (item));
  ASSERT_SET_ONCE (item, "kind", ref_agenda_item_set_kind (item, REF_ITEM_KIND_SIGNATURE));
  g_assert_cmpint (ref_agenda_item_get_kind (item), ==, REF_ITEM_KIND_SIGNATURE);
  ASSERT_SET_ONCE (item, "supplementary", ref_agenda_item_set_supplementary (item, TRUE));
  g_assert_true (ref_agenda_item_get_supplementary (item));
  ASSERT_SET_ONCE (item, "case-type", ref_agenda_item_set_case_type (item, REF_CASE_TYPE_ORIENTATION));
  g_assert_cmpint (ref_agenda_item_get_case_type (item), ==, REF_CASE_TYPE_ORIENTATION);
  ASSERT_SET_ONCE (item, "case-type-label", ref_agenda_item_set_case_type_label (item, "Til efterretning"));
  g_assert_cmpstr (ref_agenda_item_get_case_type_label (item), ==, "Til efterretning");
  ASSERT_SET_ONCE (item, "decided-by", ref_agenda_item_set_decided_by (item, "Byrådet"));
  g_assert_cmpstr (ref_agenda_item_get_decided_by (item), ==, "Byrådet");
  ASSERT_SET_ONCE (item, "recommendation", ref_agenda_item_set_recommendation (item, rec));
  g_assert_true (ref_agenda_item_get_recommendation (item) == rec);
  ASSERT_SET_ONCE (item, "absence-overridden", ref_agenda_item_set_absence_overridden (item, TRUE));
  g_assert_true (ref_agenda_item_get_absence_overridden (item));
  /* Booleans are normalised: any true value is TRUE. */
  ASSERT_NOTIFIES (item, "closed", 0, ref_agenda_item_set_closed (item, 2));
}

static void
test_item_case_route (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  const char *route[] = { "Socialudvalget", "Økonomiudvalget", "Byrådet", NULL };
  const char *same[] = { "Socialudvalget", "Økonomiudvalget", "Byrådet", NULL };
  const char *empty[] = { NULL };
  const char *const *read;

  ASSERT_NOTIFIES (item, "case-route", 1, ref_agenda_item_set_case_route (item, route));
  ASSERT_NOTIFIES (item, "case-route", 0, ref_agenda_item_set_case_route (item, same));
  read = ref_agenda_item_get_case_route (item);
  g_assert_nonnull (read);
  g_assert_cmpuint (g_strv_length ((char **) read), ==, 3);
  g_assert_cmpstr (read[1], ==, "Økonomiudvalget");
  /* A copy is kept, not the caller's array. */
  g_assert_true ((gconstpointer) read != (gconstpointer) route);
  /* An empty route is no route. */
  ASSERT_NOTIFIES (item, "case-route", 1, ref_agenda_item_set_case_route (item, empty));
  g_assert_null (ref_agenda_item_get_case_route (item));
  ASSERT_NOTIFIES (item, "case-route", 0, ref_agenda_item_set_case_route (item, NULL));
}

static void
test_item_g_object_set (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autofree char *title = NULL;
  guint number = 0;
  gboolean closed = FALSE;
  RefCaseType case_type;

  g_object_set (item, "number", 96, "title", "Eventuelt", "closed", TRUE, "case-type", REF_CASE_TYPE_DISCUSSION, NULL);
  g_object_get (item, "number", &number, "title", &title, "closed", &closed, "case-type", &case_type, NULL);
  g_assert_cmpuint (number, ==, 96);
  g_assert_cmpstr (title, ==, "Eventuelt");
  g_assert_true (closed);
  g_assert_cmpint (case_type, ==, REF_CASE_TYPE_DISCUSSION);
  g_assert_cmpuint (ref_agenda_item_get_number (item), ==, 96);
}

static void
test_item_printed_title (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();

  ref_agenda_item_set_title (item, "Borgerhenvendelse om hjemmepleje");
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_PUBLIC), ==, "Borgerhenvendelse om hjemmepleje");
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_INTERNAL), ==, "Borgerhenvendelse om hjemmepleje");
  /* Closed: the public edition prints "Lukket" or the public title. */
  ref_agenda_item_set_closed (item, TRUE);
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_PUBLIC), ==, "Lukket");
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_INTERNAL), ==, "Borgerhenvendelse om hjemmepleje");
  ref_agenda_item_set_public_title (item, "Lukket punkt: Personsag");
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_PUBLIC), ==, "Lukket punkt: Personsag");
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_INTERNAL), ==, "Borgerhenvendelse om hjemmepleje");
  /* The public title is only for closed items. */
  ref_agenda_item_set_closed (item, FALSE);
  g_assert_cmpstr (ref_agenda_item_get_printed_title (item, REF_EDITION_PUBLIC), ==, "Borgerhenvendelse om hjemmepleje");
}

/* An empty decision is a draft; a text or a vote makes it a decision. */
static void
test_item_has_decision (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefText) empty = ref_text_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefVote) vote = ref_vote_new (5, 1, 1);

  g_assert_false (ref_agenda_item_has_decision (item));
  ref_agenda_item_add_decision (item, d);
  g_assert_false (ref_agenda_item_has_decision (item));
  ref_decision_set_text (d, empty);
  g_assert_false (ref_agenda_item_has_decision (item));
  ref_decision_set_vote (d, vote);
  g_assert_true (ref_agenda_item_has_decision (item));
  ref_decision_set_vote (d, NULL);
  g_assert_false (ref_agenda_item_has_decision (item));
  ref_decision_set_text (d, text);
  g_assert_true (ref_agenda_item_has_decision (item));
}

/* A quoted decision of another body is not this item's decision. */
static void
test_item_has_decision_prior (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefDecision) prior = ref_decision_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Anbefalet.");

  ref_decision_set_text (prior, text);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_prior_decisions (item)), prior);
  g_assert_false (ref_agenda_item_has_decision (item));
}

static void
test_item_sections (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Ingen økonomiske konsekvenser.");
  g_autoptr (RefText) other = ref_text_new_paragraph ("Se bilag.");
  g_autoptr (RefSection) first = NULL;
  RefSection *economy;

  ref_agenda_item_add_section (item, REF_SECTION_KIND_SUMMARY, NULL, text);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_ECONOMY, "Økonomiske konsekvenser og finansiering", text);
  ref_agenda_item_add_section (item, REF_SECTION_KIND_ECONOMY, "Økonomi, del 2", other);
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_sections (item)), ==, 3);

  first = g_list_model_get_item (ref_agenda_item_get_sections (item), 0);
  g_assert_cmpint (ref_section_get_kind (first), ==, REF_SECTION_KIND_SUMMARY);
  g_assert_cmpstr (ref_section_get_heading (first), ==, "");
  g_assert_true (ref_text_equal (ref_section_get_text (first), text));

  /* The first section of the kind. */
  economy = ref_agenda_item_find_section (item, REF_SECTION_KIND_ECONOMY);
  g_assert_nonnull (economy);
  g_assert_cmpstr (ref_section_get_heading (economy), ==, "Økonomiske konsekvenser og finansiering");
  g_assert_true (ref_agenda_item_find_section (item, REF_SECTION_KIND_SUMMARY) == first);
  g_assert_null (ref_agenda_item_find_section (item, REF_SECTION_KIND_BACKGROUND));
}

static void
test_item_disqualified (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefParticipant) other = ref_participant_new ();
  g_autoptr (RefDisqualification) d = ref_disqualification_new ();
  gboolean left = FALSE;

  g_assert_false (ref_agenda_item_is_disqualified (item, p, &left));
  ref_disqualification_set_participant (d, p);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), d);
  g_assert_true (ref_agenda_item_is_disqualified (item, p, &left));
  g_assert_true (left);
  g_assert_true (ref_agenda_item_is_disqualified (item, p, NULL));
  ref_disqualification_set_left (d, FALSE);
  g_assert_true (ref_agenda_item_is_disqualified (item, p, &left));
  g_assert_false (left);
  g_assert_false (ref_agenda_item_is_disqualified (item, other, NULL));
}

/* ---- RefParticipant ---- */

static void
test_participant_defaults (void)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();

  g_assert_cmpstr (ref_participant_get_name (p), ==, "");
  g_assert_cmpstr (ref_participant_get_party (p), ==, "");
  g_assert_cmpstr (ref_participant_get_role (p), ==, "");
  g_assert_cmpint (ref_participant_get_participant_type (p), ==, REF_PARTICIPANT_TYPE_MEMBER);
  g_assert_cmpint (ref_participant_get_attendance (p), ==, REF_ATTENDANCE_UNKNOWN);
  g_assert_cmpint (ref_participant_get_notice (p), ==, REF_NOTICE_WITH);
  g_assert_null (ref_participant_get_substitute_for (p));
  g_assert_false (ref_participant_get_substitute_approved (p));
  g_assert_null (ref_participant_get_attended_items (p));
  g_assert_false (ref_participant_get_attended_item (p, 1));
  assert_empty_list (ref_participant_get_movements (p), REF_TYPE_MOVEMENT);
  g_assert_cmpstr (ref_participant_get_note (p), ==, "");
}

static void
test_participant_setters (void)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefParticipant) member = ref_participant_new ();
  const guint numbers[] = { 82, 88, 89 };
  g_autoptr (GArray) attended = uint_array (numbers, 3);
  g_autoptr (GArray) same = uint_array (numbers, 3);

  ASSERT_SET_ONCE (p, "name", ref_participant_set_name (p, "Søren Ærø"));
  g_assert_cmpstr (ref_participant_get_name (p), ==, "Søren Ærø");
  ASSERT_SET_ONCE (p, "party", ref_participant_set_party (p, "Ø"));
  g_assert_cmpstr (ref_participant_get_party (p), ==, "Ø");
  ASSERT_SET_ONCE (p, "role", ref_participant_set_role (p, "næstformand"));
  g_assert_cmpstr (ref_participant_get_role (p), ==, "næstformand");
  ASSERT_SET_ONCE (p, "participant-type", ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_SUBSTITUTE));
  g_assert_cmpint (ref_participant_get_participant_type (p), ==, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  ASSERT_SET_ONCE (p, "attendance", ref_participant_set_attendance (p, REF_ATTENDANCE_PARTIAL));
  g_assert_cmpint (ref_participant_get_attendance (p), ==, REF_ATTENDANCE_PARTIAL);
  ASSERT_SET_ONCE (p, "notice", ref_participant_set_notice (p, REF_NOTICE_WITHOUT));
  g_assert_cmpint (ref_participant_get_notice (p), ==, REF_NOTICE_WITHOUT);
  ASSERT_SET_ONCE (p, "substitute-for", ref_participant_set_substitute_for (p, member));
  g_assert_true (ref_participant_get_substitute_for (p) == member);
  ASSERT_SET_ONCE (p, "substitute-approved", ref_participant_set_substitute_approved (p, TRUE));
  g_assert_true (ref_participant_get_substitute_approved (p));
  ASSERT_SET_ONCE (p, "note", ref_participant_set_note (p, "Deltog via video"));
  g_assert_cmpstr (ref_participant_get_note (p), ==, "Deltog via video");

  ASSERT_NOTIFIES (p, "attended-items", 1, ref_participant_set_attended_items (p, attended));
  ASSERT_NOTIFIES (p, "attended-items", 0, ref_participant_set_attended_items (p, same));
  g_assert_true (ref_uint_array_equal (ref_participant_get_attended_items (p), attended));
  g_assert_true (ref_participant_get_attended_item (p, 88));
  g_assert_false (ref_participant_get_attended_item (p, 83));
}

static void
test_participant_movements (void)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();
  GListModel *movements = ref_participant_get_movements (p);
  g_autoptr (RefMovement) first = NULL;
  g_autoptr (RefMovement) second = NULL;

  ref_participant_add_movement (p, REF_MOVEMENT_KIND_LEFT, 5, FALSE, 18 * 60 + 40);
  ref_participant_add_movement (p, REF_MOVEMENT_KIND_ARRIVED, 8, TRUE, -1);
  g_assert_cmpuint (g_list_model_get_n_items (movements), ==, 2);
  first = g_list_model_get_item (movements, 0);
  second = g_list_model_get_item (movements, 1);
  g_assert_cmpint (ref_movement_get_kind (first), ==, REF_MOVEMENT_KIND_LEFT);
  g_assert_cmpuint (ref_movement_get_item (first), ==, 5);
  g_assert_false (ref_movement_get_during (first));
  g_assert_cmpint (ref_movement_get_time (first), ==, 18 * 60 + 40);
  g_assert_cmpint (ref_movement_get_kind (second), ==, REF_MOVEMENT_KIND_ARRIVED);
  g_assert_cmpuint (ref_movement_get_item (second), ==, 8);
  g_assert_true (ref_movement_get_during (second));
  g_assert_cmpint (ref_movement_get_time (second), ==, -1);
}

static void
test_participant_g_object_set (void)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefParticipant) member = ref_participant_new ();
  g_autoptr (RefParticipant) read_member = NULL;
  g_autofree char *name = NULL;
  RefAttendance attendance;

  g_object_set (p, "name", "Kate Svarrer", "party", "løsgænger", "attendance", REF_ATTENDANCE_ABSENT,
                "substitute-for", member, NULL);
  g_object_get (p, "name", &name, "attendance", &attendance, "substitute-for", &read_member, NULL);
  g_assert_cmpstr (name, ==, "Kate Svarrer");
  g_assert_cmpint (attendance, ==, REF_ATTENDANCE_ABSENT);
  g_assert_true (read_member == member);
}

/* "Johan Müller (A) (1. viceborgmester)": the form in the printed header. */
static void
test_participant_format (void)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autofree char *empty = ref_participant_format (p, TRUE);
  g_autofree char *name_only = NULL, *with_party = NULL, *role_hidden = NULL, *full = NULL, *role_only = NULL;

  g_assert_cmpstr (empty, ==, "");
  ref_participant_set_name (p, "Johan Müller");
  name_only = ref_participant_format (p, TRUE);
  g_assert_cmpstr (name_only, ==, "Johan Müller");
  ref_participant_set_party (p, "A");
  with_party = ref_participant_format (p, TRUE);
  g_assert_cmpstr (with_party, ==, "Johan Müller (A)");
  ref_participant_set_role (p, "1. viceborgmester");
  role_hidden = ref_participant_format (p, FALSE);
  g_assert_cmpstr (role_hidden, ==, "Johan Müller (A)");
  full = ref_participant_format (p, TRUE);
  g_assert_cmpstr (full, ==, "Johan Müller (A) (1. viceborgmester)");
  ref_participant_set_party (p, NULL);
  role_only = ref_participant_format (p, TRUE);
  g_assert_cmpstr (role_only, ==, "Johan Müller (1. viceborgmester)");
}

/* ---- the smaller classes ---- */

static void
test_movement (void)
{
  g_autoptr (RefMovement) m = ref_movement_new ();

  g_assert_cmpint (ref_movement_get_kind (m), ==, REF_MOVEMENT_KIND_LEFT);
  g_assert_cmpuint (ref_movement_get_item (m), ==, 0);
  g_assert_false (ref_movement_get_during (m));
  g_assert_cmpint (ref_movement_get_time (m), ==, -1);
  ASSERT_SET_ONCE (m, "kind", ref_movement_set_kind (m, REF_MOVEMENT_KIND_ARRIVED));
  g_assert_cmpint (ref_movement_get_kind (m), ==, REF_MOVEMENT_KIND_ARRIVED);
  ASSERT_SET_ONCE (m, "item", ref_movement_set_item (m, 88));
  g_assert_cmpuint (ref_movement_get_item (m), ==, 88);
  ASSERT_SET_ONCE (m, "during", ref_movement_set_during (m, TRUE));
  g_assert_true (ref_movement_get_during (m));
  ASSERT_SET_ONCE (m, "time", ref_movement_set_time (m, 19 * 60 + 55));
  g_assert_cmpint (ref_movement_get_time (m), ==, 19 * 60 + 55);
}

static void
test_section (void)
{
  g_autoptr (RefSection) s = ref_section_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Sagen er en opfølgning.");
  g_autoptr (RefText) same = ref_text_new_paragraph ("Sagen er en opfølgning.");

  g_assert_cmpint (ref_section_get_kind (s), ==, REF_SECTION_KIND_FREE);
  g_assert_cmpstr (ref_section_get_heading (s), ==, "");
  g_assert_cmpuint (ref_section_get_level (s), ==, 1);
  g_assert_null (ref_section_get_text (s));
  ASSERT_SET_ONCE (s, "kind", ref_section_set_kind (s, REF_SECTION_KIND_CASE));
  g_assert_cmpint (ref_section_get_kind (s), ==, REF_SECTION_KIND_CASE);
  ASSERT_SET_ONCE (s, "heading", ref_section_set_heading (s, "Sagsfremstilling og økonomi"));
  g_assert_cmpstr (ref_section_get_heading (s), ==, "Sagsfremstilling og økonomi");
  ASSERT_SET_ONCE (s, "level", ref_section_set_level (s, 2));
  g_assert_cmpuint (ref_section_get_level (s), ==, 2);
  /* Nothing deeper than a sub-section: the file format could not hold it. */
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*level >= 1 && level <= 2*");
  ref_section_set_level (s, 3);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (ref_section_get_level (s), ==, 2);
  ASSERT_NOTIFIES (s, "text", 1, ref_section_set_text (s, text));
  ASSERT_NOTIFIES (s, "text", 0, ref_section_set_text (s, same));
  g_assert_true (ref_text_equal (ref_section_get_text (s), text));
  ASSERT_NOTIFIES (s, "text", 1, ref_section_set_text (s, NULL));
  g_assert_null (ref_section_get_text (s));
}

/* An empty text and no text are the same value (ref_text_equal()): no change. */
static void
test_section_text_empty_is_none (void)
{
  g_autoptr (RefSection) s = ref_section_new ();
  g_autoptr (RefText) empty = ref_text_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");

  ASSERT_NOTIFIES (s, "text", 0, ref_section_set_text (s, empty));
  g_assert_true (ref_text_is_empty (ref_section_get_text (s)));
  ASSERT_NOTIFIES (s, "text", 1, ref_section_set_text (s, text));
  ASSERT_NOTIFIES (s, "text", 1, ref_section_set_text (s, empty));
  g_assert_true (ref_text_is_empty (ref_section_get_text (s)));
  ASSERT_NOTIFIES (s, "text", 0, ref_section_set_text (s, NULL));
}

static void
test_section_display_heading (void)
{
  g_autoptr (RefSection) s = ref_section_new ();

  /* A free section without a heading has none. */
  g_assert_cmpstr (ref_section_get_display_heading (s), ==, "");
  ref_section_set_kind (s, REF_SECTION_KIND_ECONOMY);
  g_assert_cmpstr (ref_section_get_display_heading (s), ==, "Økonomi");
  ref_section_set_kind (s, REF_SECTION_KIND_FURTHER);
  g_assert_cmpstr (ref_section_get_display_heading (s), ==, "Den videre proces");
  /* An explicit heading wins. */
  ref_section_set_heading (s, "Det videre forløb");
  g_assert_cmpstr (ref_section_get_display_heading (s), ==, "Det videre forløb");
  ref_section_set_heading (s, "");
  g_assert_cmpstr (ref_section_get_display_heading (s), ==, "Den videre proces");
}

static void
test_decision (void)
{
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (GDateTime) when = date (2025, 4, 22, 0, 0);
  g_autoptr (GDateTime) same_when = date (2025, 4, 22, 0, 0);
  g_autoptr (RefText) text = ref_text_new_paragraph ("Indstillingen blev godkendt.");
  g_autoptr (RefText) same_text = ref_text_new_paragraph ("Indstillingen blev godkendt.");
  g_autoptr (RefVote) vote = make_vote ();
  g_autoptr (RefVote) same_vote = make_vote ();

  g_assert_cmpstr (ref_decision_get_deciding_body (d), ==, "");
  g_assert_null (ref_decision_get_date (d));
  g_assert_cmpstr (ref_decision_get_reference (d), ==, "");
  g_assert_null (ref_decision_get_text (d));
  g_assert_null (ref_decision_get_vote (d));
  assert_empty_list (ref_decision_get_statements (d), REF_TYPE_STATEMENT);
  g_assert_cmpstr (ref_decision_get_remark (d), ==, "");

  ASSERT_SET_ONCE (d, "deciding-body", ref_decision_set_deciding_body (d, "Økonomiudvalget"));
  g_assert_cmpstr (ref_decision_get_deciding_body (d), ==, "Økonomiudvalget");
  ASSERT_NOTIFIES (d, "date", 1, ref_decision_set_date (d, when));
  ASSERT_NOTIFIES (d, "date", 0, ref_decision_set_date (d, same_when));
  g_assert_true (g_date_time_equal (ref_decision_get_date (d), when));
  ASSERT_SET_ONCE (d, "reference", ref_decision_set_reference (d, "Punkt 4"));
  g_assert_cmpstr (ref_decision_get_reference (d), ==, "Punkt 4");
  ASSERT_NOTIFIES (d, "text", 1, ref_decision_set_text (d, text));
  ASSERT_NOTIFIES (d, "text", 0, ref_decision_set_text (d, same_text));
  g_assert_true (ref_text_equal (ref_decision_get_text (d), text));
  ASSERT_NOTIFIES (d, "vote", 1, ref_decision_set_vote (d, vote));
  ASSERT_NOTIFIES (d, "vote", 0, ref_decision_set_vote (d, same_vote));
  g_assert_true (ref_vote_equal (ref_decision_get_vote (d), vote));
  ASSERT_SET_ONCE (d, "remark", ref_decision_set_remark (d, "Fraværende: Kate Svarrer"));
  g_assert_cmpstr (ref_decision_get_remark (d), ==, "Fraværende: Kate Svarrer");
}

static void
test_statement (void)
{
  g_autoptr (RefStatement) st = ref_statement_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Ønsker sin stemme ført til protokol.");
  g_autoptr (RefText) same = ref_text_new_paragraph ("Ønsker sin stemme ført til protokol.");

  g_assert_cmpint (ref_statement_get_kind (st), ==, REF_STATEMENT_KIND_PROTOCOL);
  g_assert_null (ref_statement_get_participant (st));
  g_assert_cmpstr (ref_statement_get_by (st), ==, "");
  g_assert_null (ref_statement_get_text (st));
  ASSERT_SET_ONCE (st, "kind", ref_statement_set_kind (st, REF_STATEMENT_KIND_MINORITY));
  g_assert_cmpint (ref_statement_get_kind (st), ==, REF_STATEMENT_KIND_MINORITY);
  ASSERT_SET_ONCE (st, "participant", ref_statement_set_participant (st, p));
  g_assert_true (ref_statement_get_participant (st) == p);
  ASSERT_SET_ONCE (st, "by", ref_statement_set_by (st, "Enhedslisten"));
  g_assert_cmpstr (ref_statement_get_by (st), ==, "Enhedslisten");
  ASSERT_NOTIFIES (st, "text", 1, ref_statement_set_text (st, text));
  ASSERT_NOTIFIES (st, "text", 0, ref_statement_set_text (st, same));
  g_assert_true (ref_text_equal (ref_statement_get_text (st), text));
}

static void
test_disqualification (void)
{
  g_autoptr (RefDisqualification) d = ref_disqualification_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();

  g_assert_null (ref_disqualification_get_participant (d));
  g_assert_cmpstr (ref_disqualification_get_reason (d), ==, "");
  /* Disqualified members normally leave the room. */
  g_assert_true (ref_disqualification_get_left (d));
  ASSERT_SET_ONCE (d, "participant", ref_disqualification_set_participant (d, p));
  g_assert_true (ref_disqualification_get_participant (d) == p);
  ASSERT_SET_ONCE (d, "reason", ref_disqualification_set_reason (d, "Bestyrelsesmedlem i foreningen"));
  g_assert_cmpstr (ref_disqualification_get_reason (d), ==, "Bestyrelsesmedlem i foreningen");
  ASSERT_SET_ONCE (d, "left", ref_disqualification_set_left (d, FALSE));
  g_assert_false (ref_disqualification_get_left (d));
}

static void
test_recommendation (void)
{
  g_autoptr (RefRecommendation) r = ref_recommendation_new ();
  g_autoptr (RefText) text = ref_text_new_from_plain ("1. at sagen godkendes\n2. at økonomien følges");
  g_autoptr (RefText) same = ref_text_new_from_plain ("1. at sagen godkendes\n2. at økonomien følges");

  g_assert_cmpstr (ref_recommendation_get_by (r), ==, "");
  g_assert_cmpstr (ref_recommendation_get_intro (r), ==, "");
  g_assert_null (ref_recommendation_get_text (r));
  ASSERT_SET_ONCE (r, "by", ref_recommendation_set_by (r, "Rådmanden for Sociale Forhold"));
  g_assert_cmpstr (ref_recommendation_get_by (r), ==, "Rådmanden for Sociale Forhold");
  ASSERT_SET_ONCE (r, "intro", ref_recommendation_set_intro (r, "indstiller,"));
  g_assert_cmpstr (ref_recommendation_get_intro (r), ==, "indstiller,");
  ASSERT_NOTIFIES (r, "text", 1, ref_recommendation_set_text (r, text));
  ASSERT_NOTIFIES (r, "text", 0, ref_recommendation_set_text (r, same));
  g_assert_true (ref_text_equal (ref_recommendation_get_text (r), text));
}

static void
test_attachment (void)
{
  g_autoptr (RefAttachment) a = ref_attachment_new ();

  g_assert_cmpstr (ref_attachment_get_title (a), ==, "");
  g_assert_cmpstr (ref_attachment_get_filename (a), ==, "");
  g_assert_false (ref_attachment_get_recommended (a));
  ASSERT_SET_ONCE (a, "title", ref_attachment_set_title (a, "Bilag 1: Økonomioversigt"));
  g_assert_cmpstr (ref_attachment_get_title (a), ==, "Bilag 1: Økonomioversigt");
  ASSERT_SET_ONCE (a, "filename", ref_attachment_set_filename (a, "økonomi.pdf"));
  g_assert_cmpstr (ref_attachment_get_filename (a), ==, "økonomi.pdf");
  ASSERT_SET_ONCE (a, "recommended", ref_attachment_set_recommended (a, TRUE));
  g_assert_true (ref_attachment_get_recommended (a));
}

static void
test_approval (void)
{
  g_autoptr (RefApproval) a = ref_approval_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (GDateTime) time = date (2025, 5, 7, 9, 12);
  g_autoptr (GDateTime) same_time = date (2025, 5, 7, 9, 12);

  g_assert_null (ref_approval_get_participant (a));
  g_assert_cmpstr (ref_approval_get_signer (a), ==, "");
  g_assert_null (ref_approval_get_time (a));
  g_assert_cmpstr (ref_approval_get_signature (a), ==, "");
  ASSERT_SET_ONCE (a, "participant", ref_approval_set_participant (a, p));
  g_assert_true (ref_approval_get_participant (a) == p);
  ASSERT_SET_ONCE (a, "signer", ref_approval_set_signer (a, "Søren Ærø"));
  g_assert_cmpstr (ref_approval_get_signer (a), ==, "Søren Ærø");
  ASSERT_NOTIFIES (a, "time", 1, ref_approval_set_time (a, time));
  ASSERT_NOTIFIES (a, "time", 0, ref_approval_set_time (a, same_time));
  g_assert_true (g_date_time_equal (ref_approval_get_time (a), time));
  ASSERT_SET_ONCE (a, "signature", ref_approval_set_signature (a, "Godkendt elektronisk"));
  g_assert_cmpstr (ref_approval_get_signature (a), ==, "Godkendt elektronisk");
}

/* ---- meeting lists ---- */

static void
record_items_changed (GListModel *list, guint position, guint removed, guint added, GString *log)
{
  g_string_append_printf (log, "%s%u-%u+%u", log->len ? " " : "", position, removed, added);
}

static void
test_items_changed (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (GString) log = g_string_new (NULL);
  g_autoptr (RefAgendaItem) first = ref_agenda_item_new ();
  g_autoptr (RefAgendaItem) stranger = ref_agenda_item_new ();
  RefAgendaItem *b;

  g_signal_connect (ref_meeting_get_items (m), "items-changed", G_CALLBACK (record_items_changed), log);
  ref_test_add_item (m, 1, "A");
  b = ref_test_add_item (m, 2, "B");
  g_assert_cmpstr (log->str, ==, "0-0+1 1-0+1");
  g_string_truncate (log, 0);
  ref_meeting_insert_item (m, 0, first);
  g_assert_cmpstr (log->str, ==, "0-0+1");
  g_string_truncate (log, 0);
  g_assert_true (ref_meeting_remove_item (m, b));
  g_assert_cmpstr (log->str, ==, "2-1+0");
  g_string_truncate (log, 0);
  ref_meeting_move_item (m, 0, 1);
  g_assert_cmpstr (log->str, ==, "0-1+0 1-0+1");
  g_string_truncate (log, 0);
  /* Nothing happens for an item that is not there, or a move onto itself. */
  g_assert_false (ref_meeting_remove_item (m, stranger));
  ref_meeting_move_item (m, 1, 1);
  g_assert_cmpstr (log->str, ==, "");
}

static void
test_insert_item_position (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (RefAgendaItem) middle = ref_agenda_item_new ();
  g_autoptr (RefAgendaItem) last = ref_agenda_item_new ();
  g_autofree char *numbers = NULL;
  guint position = 0;

  ref_test_add_item (m, 1, "A");
  ref_test_add_item (m, 3, "C");
  ref_agenda_item_set_number (middle, 2);
  ref_meeting_insert_item (m, 1, middle);
  /* Past the end: appended. */
  ref_agenda_item_set_number (last, 4);
  ref_meeting_insert_item (m, 99, last);
  numbers = ref_test_item_numbers (m);
  g_assert_cmpstr (numbers, ==, "1,2,3,4");
  g_assert_true (ref_meeting_find_item_position (m, middle, &position));
  g_assert_cmpuint (position, ==, 1);
}

static void
test_move_item (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autofree char *forward = NULL, *back = NULL;

  for (guint n = 1; n <= 4; n++)
    ref_test_add_item (m, n, "Punkt");
  ref_meeting_move_item (m, 0, 3);
  forward = ref_test_item_numbers (m);
  g_assert_cmpstr (forward, ==, "2,3,4,1");
  ref_meeting_move_item (m, 2, 0);
  back = ref_test_item_numbers (m);
  g_assert_cmpstr (back, ==, "4,2,3,1");
}

static void
test_find_item_by_number (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefAgendaItem *a = ref_test_add_item (m, 82, "Godkendelse af dagsorden");
  RefAgendaItem *b = ref_test_add_item (m, 83, "Meddelelser");
  g_autoptr (RefAgendaItem) stranger = ref_agenda_item_new ();
  guint position = 99;

  g_assert_true (ref_meeting_find_item_by_number (m, 82) == a);
  g_assert_true (ref_meeting_find_item_by_number (m, 83) == b);
  g_assert_null (ref_meeting_find_item_by_number (m, 1));
  g_assert_null (ref_meeting_find_item_by_number (m, 84));
  g_assert_true (ref_meeting_find_item_position (m, b, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_false (ref_meeting_find_item_position (m, stranger, &position));
}

/* New items continue the running numbers. */
static void
test_next_item_number (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();

  g_assert_cmpuint (ref_meeting_next_item_number (m), ==, 1);
  for (guint n = 82; n <= 96; n++)
    ref_test_add_item (m, n, "Punkt");
  g_assert_cmpuint (ref_meeting_get_n_items (m), ==, 15);
  g_assert_cmpuint (ref_meeting_next_item_number (m), ==, 97);
}

/* One past the highest number, wherever it is in the list. */
static void
test_next_item_number_unordered (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();

  ref_test_add_item (m, 5, "E");
  ref_test_add_item (m, 12, "L");
  ref_test_add_item (m, 3, "C");
  g_assert_cmpuint (ref_meeting_next_item_number (m), ==, 13);
}

static void
test_renumber_items (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autofree char *renumbered = NULL, *again = NULL;

  for (guint n = 82; n <= 96; n++)
    ref_test_add_item (m, n, "Punkt");
  ref_meeting_renumber_items (m, 1);
  renumbered = ref_test_item_numbers (m);
  g_assert_cmpstr (renumbered, ==, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15");
  g_assert_cmpuint (ref_meeting_next_item_number (m), ==, 16);
  /* In list order: the item moved first becomes number 40. */
  ref_meeting_move_item (m, 14, 0);
  ref_meeting_renumber_items (m, 40);
  again = ref_test_item_numbers (m);
  g_assert_cmpstr (again, ==, "40,41,42,43,44,45,46,47,48,49,50,51,52,53,54");
}

static void
test_find_participant (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefParticipant *a = ref_test_add_participant (m, "Søren Ærø");
  RefParticipant *b = ref_test_add_participant (m, "Kate Svarrer");

  g_assert_true (ref_meeting_find_participant (m, "Søren Ærø") == a);
  g_assert_true (ref_meeting_find_participant (m, "Kate Svarrer") == b);
  g_assert_null (ref_meeting_find_participant (m, "Kate"));
  g_assert_null (ref_meeting_find_substitute (m, a));
  ref_participant_set_substitute_for (b, a);
  g_assert_true (ref_meeting_find_substitute (m, a) == b);
}

/* Every reference to a removed participant goes with it. */
static void
test_remove_participant_clears_references (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefParticipant *a = ref_test_add_participant (m, "Allan Petersen");
  RefParticipant *s = ref_test_add_participant (m, "Sofie Suppleant");
  RefParticipant *other = ref_test_add_participant (m, "Birgit Jakobsen");
  RefAgendaItem *item = ref_test_add_item (m, 1, "Budget");
  g_autoptr (RefDisqualification) dq = ref_disqualification_new ();
  g_autoptr (RefDisqualification) other_dq = ref_disqualification_new ();
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (RefStatement) st = ref_statement_new ();
  g_autoptr (RefApproval) approval = ref_approval_new ();
  g_autoptr (RefParticipant) keep_a = g_object_ref (a);
  g_autoptr (RefDisqualification) left_dq = NULL;
  g_autoptr (RefParticipant) left_override = NULL;

  (void) keep_a; /* held so that a outlives its removal from the meeting */
  ref_participant_set_substitute_for (s, a);
  ref_disqualification_set_participant (dq, a);
  ref_disqualification_set_participant (other_dq, other);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), dq);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), other_dq);
  ref_agenda_item_set_absence_overridden (item, TRUE);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (item)), a);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_absence_override (item)), other);
  ref_statement_set_participant (st, a);
  ref_statement_set_by (st, "Allan Petersen (A)");
  ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (decision)), st);
  ref_agenda_item_add_decision (item, decision);
  ref_approval_set_participant (approval, a);
  ref_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (m)), approval);

  g_assert_true (ref_meeting_remove_participant (m, a));
  g_assert_null (ref_meeting_find_participant (m, "Allan Petersen"));
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 2);
  g_assert_null (ref_participant_get_substitute_for (s));
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_disqualifications (item)), ==, 1);
  left_dq = g_list_model_get_item (ref_agenda_item_get_disqualifications (item), 0);
  g_assert_true (left_dq == other_dq);
  g_assert_cmpuint (g_list_model_get_n_items (ref_agenda_item_get_absence_override (item)), ==, 1);
  left_override = g_list_model_get_item (ref_agenda_item_get_absence_override (item), 0);
  g_assert_true (left_override == other);
  g_assert_null (ref_statement_get_participant (st));
  /* The statement keeps the name it was made by. */
  g_assert_cmpstr (ref_statement_get_by (st), ==, "Allan Petersen (A)");
  g_assert_null (ref_approval_get_participant (approval));
  /* Not there any more. */
  g_assert_false (ref_meeting_remove_participant (m, a));
}

/* Statements on a quoted earlier decision may name the participant too. */
static void
test_remove_participant_prior_decision (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  RefParticipant *a = ref_test_add_participant (m, "Allan Petersen");
  RefAgendaItem *item = ref_test_add_item (m, 1, "Budget");
  g_autoptr (RefDecision) prior = ref_decision_new ();
  g_autoptr (RefStatement) st = ref_statement_new ();

  ref_statement_set_participant (st, a);
  ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (prior)), st);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_prior_decisions (item)), prior);
  g_assert_true (ref_meeting_remove_participant (m, a));
  g_assert_null (ref_statement_get_participant (st));
}

static void
test_remove_participant_stranger (void)
{
  g_autoptr (RefMeeting) m = ref_meeting_new ();
  g_autoptr (RefParticipant) stranger = ref_participant_new ();

  RefHistory *h = ref_meeting_get_history (m);
  guint depth;

  ref_test_add_participant (m, "Allan Petersen");
  depth = ref_history_get_undo_depth (h);
  g_assert_false (ref_meeting_remove_participant (m, stranger));
  g_assert_cmpuint (g_list_model_get_n_items (ref_meeting_get_participants (m)), ==, 1);
  g_assert_cmpuint (ref_history_get_undo_depth (h), ==, depth);
}

/* ---- structural equality ---- */

/* A meeting with something in every corner; built twice, the two are equal. */
static RefMeeting *
build_meeting (void)
{
  RefMeeting *m = ref_meeting_new ();
  g_autoptr (GDateTime) start = date (2025, 5, 6, 16, 30);
  g_autoptr (RefText) remarks = ref_text_new_paragraph ("Mødet blev afholdt på Ærø.");
  g_autoptr (RefText) case_text = ref_text_new_from_plain ("Baggrund.\n\n- a\n- b");
  g_autoptr (RefText) decision_text = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefText) statement_text = ref_text_new_paragraph ("Imod.");
  g_autoptr (RefVote) vote = make_vote ();
  g_autoptr (RefDecision) decision = ref_decision_new ();
  g_autoptr (RefStatement) st = ref_statement_new ();
  g_autoptr (RefRecommendation) rec = ref_recommendation_new ();
  g_autoptr (RefApproval) approval = ref_approval_new ();
  RefParticipant *a, *b;
  RefAgendaItem *item;

  ref_meeting_set_committee (m, "Socialudvalget");
  ref_meeting_set_start (m, start);
  ref_meeting_set_remarks (m, remarks);
  a = ref_test_add_participant (m, "Søren Ærø");
  b = ref_test_add_participant (m, "Kate Svarrer");
  ref_participant_set_attendance (b, REF_ATTENDANCE_PARTIAL);
  ref_participant_add_movement (b, REF_MOVEMENT_KIND_LEFT, 83, FALSE, -1);

  item = ref_test_add_item (m, 82, "Budget");
  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, case_text);
  ref_recommendation_set_by (rec, "Rådmanden");
  ref_agenda_item_set_recommendation (item, rec);
  ref_decision_set_text (decision, decision_text);
  ref_decision_set_vote (decision, vote);
  ref_statement_set_participant (st, b);
  ref_statement_set_text (st, statement_text);
  ref_list_store_append (G_LIST_STORE (ref_decision_get_statements (decision)), st);
  ref_agenda_item_add_decision (item, decision);
  ref_test_add_item (m, 83, "Eventuelt");

  ref_approval_set_participant (approval, a);
  ref_list_store_append (G_LIST_STORE (ref_meeting_get_approvals (m)), approval);
  return m;
}

static RefDecision *
first_decision (RefMeeting *m)
{
  RefAgendaItem *item = ref_meeting_find_item_by_number (m, 82);
  g_autoptr (RefDecision) decision = g_list_model_get_item (ref_agenda_item_get_decisions (item), 0);

  return decision; /* the item keeps it */
}

static void
test_model_equal_trees (void)
{
  g_autoptr (RefMeeting) a = build_meeting ();
  g_autoptr (RefMeeting) b = build_meeting ();
  g_autoptr (RefMeeting) empty1 = ref_meeting_new ();
  g_autoptr (RefMeeting) empty2 = ref_meeting_new ();
  char *where = (char *) "untouched";

  g_assert_true (ref_model_equal (a, b, &where));
  g_assert_null (where);
  g_assert_true (ref_model_equal (a, a, NULL));
  g_assert_true (ref_model_equal (empty1, empty2, NULL));
  g_assert_false (ref_model_equal (a, empty1, NULL));
}

static void
test_model_equal_deep_path (void)
{
  g_autoptr (RefMeeting) a = build_meeting ();
  g_autoptr (RefMeeting) b = build_meeting ();
  g_autoptr (RefText) other = ref_text_new_paragraph ("Godkendt med bemærkninger.");
  g_autofree char *where = NULL;

  ref_decision_set_text (first_decision (b), other);
  g_assert_false (ref_model_equal (a, b, &where));
  g_assert_nonnull (where);
  g_assert_nonnull (strstr (where, "decisions"));
  g_assert_cmpstr (where, ==, "items[0].decisions[0].text");
}

static void
test_model_equal_paths (void)
{
  g_autoptr (RefMeeting) a = build_meeting ();
  g_autoptr (RefMeeting) b = build_meeting ();
  g_autoptr (RefMeeting) c = build_meeting ();
  g_autoptr (RefMeeting) d = build_meeting ();
  g_autofree char *committee = NULL, *length = NULL, *vote = NULL;
  g_autoptr (RefVote) other_vote = ref_vote_new (6, 0, 1);

  ref_meeting_set_committee (b, "Økonomiudvalget");
  g_assert_false (ref_model_equal (a, b, &committee));
  g_assert_cmpstr (committee, ==, "committee");

  ref_test_add_item (c, 84, "Ekstra");
  g_assert_false (ref_model_equal (a, c, &length));
  g_assert_cmpstr (length, ==, "items.length");

  ref_decision_set_vote (first_decision (d), other_vote);
  g_assert_false (ref_model_equal (a, d, &vote));
  g_assert_cmpstr (vote, ==, "items[0].decisions[0].vote");
}

static void
test_model_equal_types (void)
{
  g_autoptr (RefSection) s = ref_section_new ();
  g_autoptr (RefAttachment) a = ref_attachment_new ();

  g_assert_false (ref_model_equal (s, a, NULL));
  g_assert_false (ref_model_equal (s, NULL, NULL));
  g_assert_true (ref_model_equal (NULL, NULL, NULL));
}

/* Duplicating an item copies its sections and decisions (new objects) but keeps
 * references to the meeting's participants. */
static void
test_model_copy (void)
{
  g_autoptr (RefAgendaItem) item = ref_agenda_item_new ();
  g_autoptr (RefDecision) d = ref_decision_new ();
  g_autoptr (RefParticipant) p = ref_participant_new ();
  g_autoptr (RefDisqualification) dq = ref_disqualification_new ();
  g_autoptr (RefText) text = ref_text_new_paragraph ("Godkendt.");
  g_autoptr (RefAgendaItem) copy = NULL;
  g_autoptr (RefDecision) copied_decision = NULL;
  g_autoptr (RefDisqualification) copied_dq = NULL;

  ref_agenda_item_set_title (item, "Budget");
  ref_agenda_item_add_section (item, REF_SECTION_KIND_CASE, NULL, text);
  ref_decision_set_text (d, text);
  ref_agenda_item_add_decision (item, d);
  ref_disqualification_set_participant (dq, p);
  ref_list_store_append (G_LIST_STORE (ref_agenda_item_get_disqualifications (item)), dq);

  copy = ref_model_copy (item);
  g_assert_true (ref_model_equal (item, copy, NULL));
  copied_decision = g_list_model_get_item (ref_agenda_item_get_decisions (copy), 0);
  g_assert_true (copied_decision != d);
  copied_dq = g_list_model_get_item (ref_agenda_item_get_disqualifications (copy), 0);
  g_assert_true (ref_disqualification_get_participant (copied_dq) == p);
  ref_agenda_item_set_title (copy, "Budget (kopi)");
  g_assert_cmpstr (ref_agenda_item_get_title (item), ==, "Budget");
}

/* ---- enums ---- */

static void
test_enum_nicks (void)
{
  int value = -1;

  g_assert_cmpstr (ref_enum_to_nick (REF_TYPE_SECTION_KIND, REF_SECTION_KIND_DECISION_THEME), ==, "decision-theme");
  g_assert_cmpstr (ref_enum_to_nick (REF_TYPE_MEETING_KIND, REF_MEETING_KIND_MINUTES), ==, "minutes");
  g_assert_cmpstr (ref_enum_to_nick (REF_TYPE_PARTICIPANT_TYPE, REF_PARTICIPANT_TYPE_SUBSTITUTE), ==, "substitute");
  g_assert_cmpstr (ref_enum_to_nick (REF_TYPE_NOTICE, REF_NOTICE_WITHOUT), ==, "without");
  g_assert_true (ref_enum_from_nick (REF_TYPE_ATTENDANCE, "partial", &value));
  g_assert_cmpint (value, ==, REF_ATTENDANCE_PARTIAL);
  g_assert_true (ref_enum_from_nick (REF_TYPE_SECTION_KIND, "attendance-note", &value));
  g_assert_cmpint (value, ==, REF_SECTION_KIND_ATTENDANCE_NOTE);
}

static void
test_enum_nicks_unknown (void)
{
  int value = 42;

  g_assert_false (ref_enum_from_nick (REF_TYPE_ATTENDANCE, "maybe", &value));
  g_assert_false (ref_enum_from_nick (REF_TYPE_ATTENDANCE, "Present", &value));
  g_assert_false (ref_enum_from_nick (REF_TYPE_ATTENDANCE, "", &value));
  g_assert_false (ref_enum_from_nick (REF_TYPE_ATTENDANCE, NULL, &value));
  g_assert_cmpint (value, ==, 42);
  g_assert_null (ref_enum_to_nick (REF_TYPE_ATTENDANCE, 99));
}

/* Every value of every enum survives the round trip through its nick. */
static void
test_enum_nicks_round_trip (void)
{
  const GType types[] = {
    REF_TYPE_MEETING_KIND, REF_TYPE_EDITION, REF_TYPE_PARTICIPANT_TYPE, REF_TYPE_ATTENDANCE,
    REF_TYPE_NOTICE, REF_TYPE_MOVEMENT_KIND, REF_TYPE_ITEM_KIND, REF_TYPE_CASE_TYPE,
    REF_TYPE_SECTION_KIND, REF_TYPE_STATEMENT_KIND, REF_TYPE_VOTE_CHOICE,
  };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (types[t]);

      for (guint i = 0; i < klass->n_values; i++)
        {
          const char *nick = ref_enum_to_nick (types[t], klass->values[i].value);
          int value = -1;

          g_assert_nonnull (nick);
          g_assert_true (ref_enum_from_nick (types[t], nick, &value));
          g_assert_cmpint (value, ==, klass->values[i].value);
        }
    }
}

static void
test_section_kind_default_headings (void)
{
  RefSectionKind kind;

  g_assert_cmpstr (ref_section_kind_default_heading (REF_SECTION_KIND_SUMMARY), ==, "Sammendrag");
  g_assert_cmpstr (ref_section_kind_default_heading (REF_SECTION_KIND_ECONOMY), ==, "Økonomi");
  g_assert_cmpstr (ref_section_kind_default_heading (REF_SECTION_KIND_FREE), ==, "");
  /* Every standard heading is recognised as its kind. */
  for (RefSectionKind k = REF_SECTION_KIND_SUMMARY; k < REF_SECTION_KIND_FREE; k++)
    {
      g_assert_true (ref_section_kind_from_heading (ref_section_kind_default_heading (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
}

static void
test_section_kind_from_heading (void)
{
  RefSectionKind kind = REF_SECTION_KIND_FREE;

  g_assert_true (ref_section_kind_from_heading ("Økonomiske konsekvenser og finansiering", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_ECONOMY);
  kind = REF_SECTION_KIND_FREE;
  g_assert_true (ref_section_kind_from_heading ("Økonomiske konsekvenser og finansiering:", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_ECONOMY);
  g_assert_true (ref_section_kind_from_heading ("Baggrund:", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_BACKGROUND);
  g_assert_true (ref_section_kind_from_heading ("BAGGRUND", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_BACKGROUND);
  g_assert_true (ref_section_kind_from_heading ("ØKONOMI:", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_ECONOMY);
  g_assert_true (ref_section_kind_from_heading ("  Sagsfremstilling  ", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_CASE);
  g_assert_true (ref_section_kind_from_heading ("Resumé", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_SUMMARY);
  g_assert_true (ref_section_kind_from_heading ("Det videre forløb.", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_FURTHER);
  g_assert_true (ref_section_kind_from_heading ("Yderligere deltagelse på mødet", &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_ATTENDANCE_NOTE);
}

static void
test_section_kind_from_heading_unknown (void)
{
  RefSectionKind kind = REF_SECTION_KIND_CASE;

  g_assert_false (ref_section_kind_from_heading ("Noget helt andet", &kind));
  g_assert_false (ref_section_kind_from_heading ("Økonomisk", &kind));
  g_assert_false (ref_section_kind_from_heading ("", &kind));
  g_assert_false (ref_section_kind_from_heading (":", &kind));
  g_assert_false (ref_section_kind_from_heading (NULL, &kind));
  g_assert_cmpint (kind, ==, REF_SECTION_KIND_CASE);
}

/* Whose approval the minutes need: members and substitutes who were not absent. */
static void
test_participant_approves_minutes (void)
{
  g_autoptr (RefParticipant) p = ref_participant_new ();

  ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_MEMBER);
  ref_participant_set_attendance (p, REF_ATTENDANCE_PRESENT);
  g_assert_true (ref_participant_is_committee_member (p));
  g_assert_true (ref_participant_approves_minutes (p));
  ref_participant_set_attendance (p, REF_ATTENDANCE_PARTIAL);
  g_assert_true (ref_participant_approves_minutes (p));
  ref_participant_set_attendance (p, REF_ATTENDANCE_ABSENT);
  g_assert_true (ref_participant_is_committee_member (p));
  g_assert_false (ref_participant_approves_minutes (p));
  ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_SUBSTITUTE);
  ref_participant_set_attendance (p, REF_ATTENDANCE_PRESENT);
  g_assert_true (ref_participant_approves_minutes (p));
  ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_OFFICIAL);
  g_assert_false (ref_participant_is_committee_member (p));
  g_assert_false (ref_participant_approves_minutes (p));
  ref_participant_set_participant_type (p, REF_PARTICIPANT_TYPE_GUEST);
  g_assert_false (ref_participant_approves_minutes (p));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/all/defaults", test_all_defaults);
  g_test_add_func ("/model/all/properties", test_all_properties);
  g_test_add_func ("/model/all/strings", test_all_strings);

  g_test_add_func ("/model/meeting/defaults", test_meeting_defaults);
  g_test_add_func ("/model/meeting/setters", test_meeting_setters);
  g_test_add_func ("/model/meeting/g-object-set", test_meeting_g_object_set);
  g_test_add_func ("/model/meeting/items-changed", test_items_changed);
  g_test_add_func ("/model/meeting/insert-item-position", test_insert_item_position);
  g_test_add_func ("/model/meeting/move-item", test_move_item);
  g_test_add_func ("/model/meeting/find-item-by-number", test_find_item_by_number);
  g_test_add_func ("/model/meeting/next-item-number", test_next_item_number);
  g_test_add_func ("/model/meeting/next-item-number-unordered", test_next_item_number_unordered);
  g_test_add_func ("/model/meeting/renumber-items", test_renumber_items);
  g_test_add_func ("/model/meeting/find-participant", test_find_participant);
  g_test_add_func ("/model/meeting/remove-participant", test_remove_participant_clears_references);
  g_test_add_func ("/model/meeting/remove-participant-prior-decision", test_remove_participant_prior_decision);
  g_test_add_func ("/model/meeting/remove-participant-stranger", test_remove_participant_stranger);

  g_test_add_func ("/model/item/defaults", test_item_defaults);
  g_test_add_func ("/model/item/setters", test_item_setters);
  g_test_add_func ("/model/item/case-route", test_item_case_route);
  g_test_add_func ("/model/item/g-object-set", test_item_g_object_set);
  g_test_add_func ("/model/item/printed-title", test_item_printed_title);
  g_test_add_func ("/model/item/has-decision", test_item_has_decision);
  g_test_add_func ("/model/item/has-decision-prior", test_item_has_decision_prior);
  g_test_add_func ("/model/item/sections", test_item_sections);
  g_test_add_func ("/model/item/disqualified", test_item_disqualified);

  g_test_add_func ("/model/participant/defaults", test_participant_defaults);
  g_test_add_func ("/model/participant/setters", test_participant_setters);
  g_test_add_func ("/model/participant/movements", test_participant_movements);
  g_test_add_func ("/model/participant/approves-minutes", test_participant_approves_minutes);
  g_test_add_func ("/model/participant/g-object-set", test_participant_g_object_set);
  g_test_add_func ("/model/participant/format", test_participant_format);

  g_test_add_func ("/model/movement", test_movement);
  g_test_add_func ("/model/section", test_section);
  g_test_add_func ("/model/section/text-empty-is-none", test_section_text_empty_is_none);
  g_test_add_func ("/model/section/display-heading", test_section_display_heading);
  g_test_add_func ("/model/decision", test_decision);
  g_test_add_func ("/model/statement", test_statement);
  g_test_add_func ("/model/disqualification", test_disqualification);
  g_test_add_func ("/model/recommendation", test_recommendation);
  g_test_add_func ("/model/attachment", test_attachment);
  g_test_add_func ("/model/approval", test_approval);

  g_test_add_func ("/model/equal/trees", test_model_equal_trees);
  g_test_add_func ("/model/equal/deep-path", test_model_equal_deep_path);
  g_test_add_func ("/model/equal/paths", test_model_equal_paths);
  g_test_add_func ("/model/equal/types", test_model_equal_types);
  g_test_add_func ("/model/copy", test_model_copy);

  g_test_add_func ("/model/enum/nicks", test_enum_nicks);
  g_test_add_func ("/model/enum/nicks-unknown", test_enum_nicks_unknown);
  g_test_add_func ("/model/enum/nicks-round-trip", test_enum_nicks_round_trip);
  g_test_add_func ("/model/section-kind/default-headings", test_section_kind_default_headings);
  g_test_add_func ("/model/section-kind/from-heading", test_section_kind_from_heading);
  g_test_add_func ("/model/section-kind/from-heading-unknown", test_section_kind_from_heading_unknown);

  return g_test_run ();
}
