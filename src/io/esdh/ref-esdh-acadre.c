/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ref-esdh-private.h"

/*
 * Formpipe Acadre MM: a manifest (root › table@name=committee|meeting|agenda|
 * producedAgenda, values in attributes of empty <field>s) names the meeting XML of each
 * produced agenda (xmlfilename in filesfolder; type 1 dagsorden, 2 referat). The meeting
 * XML nests tables with values as <field name="…">text</field>: agenda › committee ›
 * commember/member; meeting (date, finish, location, address) › meetmember/member
 * (absent); agendaitemparents (sort: the running item number) › agendaitem (name,
 * access, caseno, absent) › bullet (bulletname, HTML bulletcontent, bulletsortorder),
 * enclosure (name, filename, sort). Either file may be imported.
 */

static xmlNode *
table (xmlNode *parent, const char *name)
{
  for (xmlNode *c = parent ? parent->children : NULL; c != NULL; c = c->next)
    if (esdh_is (c, "table"))
      {
        g_autofree char *n = esdh_attr (c, "name");
        if (g_strcmp0 (n, name) == 0)
          return c;
      }
  return NULL;
}

static xmlNode *
next_table (xmlNode *node, const char *name)
{
  for (xmlNode *c = node ? node->next : NULL; c != NULL; c = c->next)
    if (esdh_is (c, "table"))
      {
        g_autofree char *n = esdh_attr (c, "name");
        if (g_strcmp0 (n, name) == 0)
          return c;
      }
  return NULL;
}

/* The meeting XML's <field name="@name">value</field> of @t's <fields>. */
static char *
field (xmlNode *t, const char *name)
{
  for (xmlNode *f = esdh_path (t, "fields/field"); f != NULL; f = esdh_next (f, "field"))
    {
      g_autofree char *n = esdh_attr (f, "name");
      if (g_strcmp0 (n, name) == 0)
        return esdh_text (f);
    }
  return NULL;
}

/* The manifest's <field @key="value"/> among @fields. */
static char *
manifest_value (xmlNode *fields, const char *key)
{
  for (xmlNode *f = esdh_child (fields, "field"); f != NULL; f = esdh_next (f, "field"))
    {
      char *value = esdh_attr (f, key);
      if (value != NULL)
        return value;
    }
  return NULL;
}

static gboolean
is_manifest (xmlNode *root)
{
  return table (root, "producedAgenda") != NULL;
}

static gboolean
acadre_probe (xmlNode *root)
{
  xmlNode *agenda = table (root, "agenda");

  if (!esdh_is (root, "root"))
    return FALSE;
  return is_manifest (root) || (agenda != NULL && (table (agenda, "meeting") != NULL || table (agenda, "agendaitemparents") != NULL));
}

/* ---- the meeting XML ---- */

static RefAttendance
absent_flag (const char *value)
{
  if (value == NULL)
    return REF_ATTENDANCE_UNKNOWN;
  return esdh_parse_bool (value, FALSE) ? REF_ATTENDANCE_ABSENT : REF_ATTENDANCE_PRESENT;
}

static void
read_members (EsdhReader *r, xmlNode *list, gboolean with_attendance)
{
  for (xmlNode *m = table (list, "member"); m != NULL; m = next_table (m, "member"))
    {
      g_autofree char *name = field (m, "name");
      g_autofree char *role = field (m, "role");
      g_autofree char *party = field (m, "party");
      g_autofree char *absent = field (m, "absent");
      g_autofree char *comment = field (m, "comment");
      RefParticipant *participant;

      participant = esdh_add_participant (r, name, party, role,
                                          with_attendance ? absent_flag (absent) : REF_ATTENDANCE_UNKNOWN);
      if (participant != NULL && comment != NULL)
        ref_participant_set_note (participant, comment);
    }
}

/* "Præstekravevej 46<br>Følle Strand<br>8410 Rønde" → lines joined by commas. */
static char *
address_line (const char *html)
{
  g_autoptr (RefText) text = esdh_html_to_text (html);
  g_autofree char *plain = ref_text_to_plain (text);
  g_auto (GStrv) lines = g_strsplit (plain, "\n", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (kept, lines[i]);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (", ", (char **) kept->pdata);
}

static void
read_meeting_header (EsdhReader *r, xmlNode *agenda)
{
  xmlNode *committee = table (agenda, "committee");
  xmlNode *meeting = table (agenda, "meeting");
  g_autofree char *committee_name = field (committee, "name");
  g_autofree char *meeting_name = field (meeting, "name");
  g_autofree char *agenda_name = field (agenda, "name");
  g_autofree char *date = field (meeting, "date");
  g_autofree char *finish = field (meeting, "finish");
  g_autofree char *location = field (meeting, "location");
  g_autofree char *address = field (meeting, "address");
  g_autoptr (GDateTime) start = esdh_parse_date_time (date, NULL);
  g_autoptr (GDateTime) end = esdh_parse_date_time (finish, NULL);
  RefMeetingKind kind;

  if (committee_name != NULL)
    {
      g_autofree char *tidy = ref_caption_tidy (committee_name);
      ref_meeting_set_committee (r->meeting, tidy);
    }
  if (start != NULL)
    ref_meeting_set_start (r->meeting, start);
  if (start != NULL && end != NULL && g_date_time_compare (end, start) > 0)
    ref_meeting_set_end (r->meeting, end);
  if (address != NULL)
    {
      g_autofree char *line = address_line (address);
      g_autofree char *joined = location && *line ? g_strdup_printf ("%s, %s", location, line)
                                                  : g_strdup (location ? location : line);
      ref_meeting_set_location (r->meeting, joined);
    }
  else if (location != NULL)
    ref_meeting_set_location (r->meeting, location);
  if (agenda_name != NULL && ref_caption_meeting_kind (agenda_name, &kind))
    ref_meeting_set_kind (r->meeting, kind);
  esdh_meeting_name_remark (r, meeting_name);

  if (table (table (meeting, "meetmember"), "member") != NULL)
    read_members (r, table (meeting, "meetmember"), TRUE);
  else
    read_members (r, table (committee, "commember"), FALSE);
}

static int
compare_order (gconstpointer a, gconstpointer b, gpointer key)
{
  g_autofree char *sa = field (*(xmlNode *const *) a, key);
  g_autofree char *sb = field (*(xmlNode *const *) b, key);
  long va = sa ? strtol (sa, NULL, 10) : 0, vb = sb ? strtol (sb, NULL, 10) : 0;

  return va < vb ? -1 : va > vb;
}

static GPtrArray *
sorted_tables (xmlNode *parent, const char *name, const char *key)
{
  GPtrArray *tables = g_ptr_array_new ();

  for (xmlNode *t = table (parent, name); t != NULL; t = next_table (t, name))
    g_ptr_array_add (tables, t);
  g_ptr_array_sort_with_data (tables, compare_order, (gpointer) key);
  return tables;
}

static void
read_enclosure (EsdhReader *r, RefAgendaItem *item, xmlNode *enclosure, GFile *base)
{
  g_autofree char *name = field (enclosure, "name");
  g_autofree char *filename = field (enclosure, "filename");
  g_autoptr (GFile) file = filename && base ? esdh_bundle_find (base, filename, NULL) : NULL;

  /* Where the enclosure file is missing, the bundle may hold it converted to PDF
   * under its title. */
  if (name != NULL && base != NULL && file == NULL)
    {
      g_autofree char *pdf = g_strconcat (name, ".pdf", NULL);
      g_autoptr (GFile) found = esdh_bundle_find (base, pdf, NULL);

      if (found != NULL)
        g_free (filename), filename = g_steal_pointer (&pdf);
    }
  esdh_item_add_attachment (r, item, name, filename, base);
}

static void
mark_absent_names (EsdhReader *r, RefAgendaItem *item, const char *names)
{
  g_auto (GStrv) parts = NULL;

  if (names == NULL)
    return;
  parts = g_regex_split_simple ("\\s*(?:\\n|,|;| og )\\s*", names, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      RefParticipant *participant = *parts[i] ? esdh_find_participant (r, parts[i]) : NULL;
      if (participant != NULL)
        esdh_mark_absent_for_item (r, participant, item);
    }
}

static void
read_item (EsdhReader *r, xmlNode *parent, guint fallback_number, GFile *base)
{
  xmlNode *node = table (parent, "agendaitem");
  g_autofree char *sort = field (parent, "sort");
  g_autofree char *title = field (node, "name");
  g_autofree char *case_number = field (node, "caseno");
  g_autofree char *access_name = field (node, "accessname");
  g_autofree char *access = field (node, "access");
  g_autofree char *absent = field (node, "absent");
  g_autofree char *excuse = field (node, "excuse");
  g_autoptr (GPtrArray) bullets = NULL;
  g_autoptr (GPtrArray) enclosures = NULL;
  guint number = sort ? esdh_parse_number (sort) : fallback_number;
  gboolean closed = FALSE;
  RefAgendaItem *item;

  if (node == NULL)
    return;
  item = esdh_add_item (r, number, title);
  ref_agenda_item_set_case_number (item, case_number);
  if (!ref_caption_access_closed (access_name, &closed))
    closed = access != NULL && g_strcmp0 (access, "1") != 0;
  ref_agenda_item_set_closed (item, closed);

  bullets = sorted_tables (node, "bullet", "bulletsortorder");
  for (guint i = 0; i < bullets->len; i++)
    {
      g_autofree char *caption = field (bullets->pdata[i], "bulletname");
      g_autofree char *content = field (bullets->pdata[i], "bulletcontent");

      esdh_item_add_field (r, item, caption, content, FALSE);
    }
  enclosures = sorted_tables (node, "enclosure", "sort");
  for (guint i = 0; i < enclosures->len; i++)
    read_enclosure (r, item, enclosures->pdata[i], base);
  mark_absent_names (r, item, absent);
  mark_absent_names (r, item, excuse);
}

static gboolean
read_meeting (EsdhReader *r, xmlNode *root, GFile *base, GError **error)
{
  xmlNode *agenda = table (root, "agenda");
  g_autofree char *start_number = esdh_path_text (root, "agendaData/startAgendaItemNo");
  guint next = esdh_parse_number (start_number);

  if (agenda == NULL)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT,
                   _("“%s” is an Acadre file without an agenda"), r->display_name);
      return FALSE;
    }
  read_meeting_header (r, agenda);
  if (next == 0)
    next = 1;
  for (xmlNode *parent = table (agenda, "agendaitemparents"); parent != NULL;
       parent = next_table (parent, "agendaitemparents"))
    {
      if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
        return FALSE;
      read_item (r, parent, next++, base);
    }
  return TRUE;
}

/* ---- the manifest ---- */

typedef struct {
  char *xml;
  char *folder;
  int type;
} Produced;

/* The meeting XML of @p in the bundle, or NULL. */
static GFile *
find_produced (EsdhReader *r, const Produced *p, gboolean *inexact)
{
  g_autofree char *path = NULL;

  if (p->xml == NULL || r->folder == NULL)
    return NULL;
  path = p->folder ? g_build_filename (p->folder, p->xml, NULL) : g_strdup (p->xml);
  return esdh_bundle_find (r->folder, path, inexact);
}

static gboolean
read_manifest (EsdhReader *r, xmlNode *root, GError **error)
{
  g_autoptr (GArray) produced = g_array_new (FALSE, TRUE, sizeof (Produced));
  g_autoptr (GFile) chosen = NULL;
  g_autoptr (GFile) base = NULL;
  g_autofree char *chosen_name = NULL;
  const Produced *choice = NULL;
  gboolean inexact = FALSE, ok;
  xmlDoc *doc;

  for (xmlNode *t = table (root, "producedAgenda"); t != NULL; t = next_table (t, "producedAgenda"))
    for (xmlNode *fields = esdh_child (t, "fields"); fields != NULL; fields = esdh_next (fields, "fields"))
      {
        Produced p = { 0 };
        g_autofree char *type = manifest_value (fields, "type");

        p.xml = manifest_value (fields, "xmlfilename");
        p.folder = manifest_value (fields, "filesfolder");
        p.type = type ? atoi (type) : 0;
        g_array_append_val (produced, p);
      }

  /* The minutes (type 2) when the bundle has them, else the agenda; the last
   * produced of a type is the newest. */
  for (int wanted = 2; wanted >= 0 && chosen == NULL; wanted--)
    for (guint i = produced->len; i-- > 0 && chosen == NULL;)
      {
        const Produced *p = &g_array_index (produced, Produced, i);
        if ((wanted > 0 && p->type != wanted) || (wanted == 0 && (p->type == 1 || p->type == 2)))
          continue;
        chosen = find_produced (r, p, &inexact);
        if (chosen != NULL)
          choice = p;
      }
  for (guint i = 0; i < produced->len; i++)
    {
      const Produced *p = &g_array_index (produced, Produced, i);
      g_autoptr (GFile) exists = p != choice ? find_produced (r, p, NULL) : NULL;

      if (p != choice && p->xml != NULL && exists == NULL)
        esdh_warn (r, p->xml, p->type == 2 ? _("The manifest names minutes whose XML file is not in the bundle")
                                           : _("The manifest names an agenda whose XML file is not in the bundle"));
    }
  if (chosen == NULL)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT,
                   _("The Acadre manifest “%s” names no meeting XML that is in the bundle"), r->display_name);
      for (guint i = 0; i < produced->len; i++)
        {
          Produced *p = &g_array_index (produced, Produced, i);
          g_free (p->xml);
          g_free (p->folder);
        }
      return FALSE;
    }
  chosen_name = g_file_get_basename (chosen);
  if (inexact)
    esdh_warn (r, choice->xml,
               _("The manifest names the file differently from the bundle (case or accents); “%s” was used"),
               chosen_name);
  if (choice->type == 2)
    ref_meeting_set_kind (r->meeting, REF_MEETING_KIND_MINUTES);

  base = g_file_get_parent (chosen);
  doc = esdh_load_xml_file (r, chosen, error);
  for (guint i = 0; i < produced->len; i++)
    {
      Produced *p = &g_array_index (produced, Produced, i);
      g_free (p->xml);
      g_free (p->folder);
    }
  if (doc == NULL)
    return FALSE;
  if (!acadre_probe (xmlDocGetRootElement (doc)) || is_manifest (xmlDocGetRootElement (doc)))
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT,
                   _("“%s”, named by the Acadre manifest, is not an Acadre meeting file"), chosen_name);
      xmlFreeDoc (doc);
      return FALSE;
    }
  ok = read_meeting (r, xmlDocGetRootElement (doc), base, error);
  xmlFreeDoc (doc);
  return ok;
}

static gboolean
acadre_read (EsdhReader *r, xmlNode *root, GError **error)
{
  if (is_manifest (root))
    return read_manifest (r, root, error);
  return read_meeting (r, root, r->folder, error);
}

const EsdhDialect ref_esdh_dialect_acadre = {
  "Acadre",
  acadre_probe,
  acadre_read,
};
