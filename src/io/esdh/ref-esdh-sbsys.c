/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ref-esdh-private.h"

/*
 * SBSYS "Publication" XML: Publication › Agendas › Agenda with the Committee, the
 * Meeting (When, Until, Where, Members) and Items › Item (Number, Caption, IsPublic,
 * Case/Number, Fields › ItemField with Caption, HTML Content and IsFeedback for the
 * decision fields, Members › ItemMember, Enclosures › Enclosure). Values are in CDATA;
 * dates are "dd-MM-yyyy HH:mm:ss".
 */

static gboolean
sbsys_probe (xmlNode *root)
{
  return esdh_is (root, "Publication") && esdh_child (root, "Agendas") != NULL;
}

/* ParticipationStatusAsValue: 0 not decided, 1 and 4 take part, the others do not
 * (sent apologies, not invited …); the text is used when there is no value. */
static RefAttendance
participation (xmlNode *member)
{
  g_autofree char *value = esdh_path_text (member, "ParticipationStatusAsValue");
  g_autofree char *text = esdh_path_text (member, "ParticipationStatusAsText");
  g_autofree char *participate = esdh_path_text (member, "Participate");

  if (participate != NULL)
    return esdh_parse_bool (participate, TRUE) ? REF_ATTENDANCE_PRESENT : REF_ATTENDANCE_ABSENT;
  if (value != NULL && g_ascii_isdigit (value[0]))
    switch (atoi (value))
      {
      case 0:
        return REF_ATTENDANCE_UNKNOWN;
      case 1:
      case 4:
        return REF_ATTENDANCE_PRESENT;
      default:
        return REF_ATTENDANCE_ABSENT;
      }
  if (text == NULL || g_ascii_strcasecmp (text, "NotDecided") == 0)
    return REF_ATTENDANCE_UNKNOWN;
  if (strstr (text, "Not") != NULL || strstr (text, "Absent") != NULL || strstr (text, "Cancel") != NULL)
    return REF_ATTENDANCE_ABSENT;
  return REF_ATTENDANCE_PRESENT;
}

static char *
member_role (xmlNode *member)
{
  g_autofree char *list = esdh_path_text (member, "MeetingMemberRolesList");
  xmlNode *roles = esdh_child (member, "MeetingMemberRoles");

  if (list != NULL)
    return g_steal_pointer (&list);
  for (xmlNode *role = roles ? roles->children : NULL; role != NULL; role = role->next)
    if (role->type == XML_ELEMENT_NODE)
      {
        char *name = esdh_path_text (role, "Name");
        if (name == NULL)
          name = esdh_text (role);
        if (name != NULL)
          return name;
      }
  return NULL;
}

static void
read_participants (EsdhReader *r, xmlNode *agenda)
{
  xmlNode *members = esdh_path (agenda, "Meeting/Members");
  g_autoptr (GHashTable) committee = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *committee_members = esdh_path (agenda, "Committee/Members");
  gboolean any = FALSE;

  for (xmlNode *m = esdh_child (committee_members, "CommitteeMember"); m != NULL; m = esdh_next (m, "CommitteeMember"))
    {
      char *name = esdh_path_text (m, "Member/Name");
      if (name == NULL)
        name = esdh_path_text (m, "Name");
      if (name != NULL)
        g_hash_table_add (committee, name);
    }

  for (xmlNode *m = esdh_child (members, "MeetingMember"); m != NULL; m = esdh_next (m, "MeetingMember"))
    {
      g_autofree char *name = esdh_path_text (m, "Name");
      g_autofree char *role = member_role (m);
      g_autofree char *note = esdh_path_text (m, "ParticipationNote");
      RefParticipant *participant;

      if (name == NULL)
        continue;
      participant = esdh_add_participant (r, name, NULL, role, participation (m));
      if (participant == NULL)
        continue;
      any = TRUE;
      if (note != NULL)
        ref_participant_set_note (participant, note);
      /* Invited to the meeting but not on the committee: a guest, unless the role says
       * more. */
      if (g_hash_table_size (committee) > 0 && !g_hash_table_contains (committee, name)
          && ref_participant_get_participant_type (participant) == REF_PARTICIPANT_TYPE_MEMBER)
        ref_participant_set_participant_type (participant, REF_PARTICIPANT_TYPE_GUEST);
    }
  if (any)
    return;
  /* No meeting members: the committee, in the export's order, attendance not known. */
  for (xmlNode *m = esdh_child (committee_members, "CommitteeMember"); m != NULL; m = esdh_next (m, "CommitteeMember"))
    {
      g_autofree char *name = esdh_path_text (m, "Member/Name");
      if (name == NULL)
        name = esdh_path_text (m, "Name");
      if (name != NULL)
        esdh_add_participant (r, name, NULL, NULL, REF_ATTENDANCE_UNKNOWN);
    }
}

static int
compare_index (gconstpointer a, gconstpointer b)
{
  xmlNode *na = *(xmlNode *const *) a, *nb = *(xmlNode *const *) b;
  g_autofree char *ia = esdh_path_text (na, "Index");
  g_autofree char *ib = esdh_path_text (nb, "Index");
  long va = ia ? strtol (ia, NULL, 10) : 0, vb = ib ? strtol (ib, NULL, 10) : 0;

  return va < vb ? -1 : va > vb;
}

/* The children of @parent named @name, sorted by their Index. */
static GPtrArray *
sorted_children (xmlNode *parent, const char *name)
{
  GPtrArray *nodes = g_ptr_array_new ();

  for (xmlNode *n = esdh_child (parent, name); n != NULL; n = esdh_next (n, name))
    g_ptr_array_add (nodes, n);
  g_ptr_array_sort (nodes, compare_index);
  return nodes;
}

static void
read_enclosure (EsdhReader *r, RefAgendaItem *item, xmlNode *enclosure)
{
  g_autofree char *title = esdh_path_text (enclosure, "Name");
  g_autofree char *path = esdh_path_text (enclosure, "InstantiationFilePathRelative");

  if (path == NULL)
    {
      g_autofree char *file = esdh_path_text (enclosure, "InstantiationFileName");
      if (file != NULL)
        path = g_build_filename ("Enclosures", file, NULL);
    }
  if (title == NULL)
    title = esdh_path_text (enclosure, "FileName");
  esdh_item_add_attachment (r, item, title, path, NULL);
}

static void
read_item (EsdhReader *r, xmlNode *node, GHashTable *by_id)
{
  g_autofree char *number_text = esdh_path_text (node, "Number");
  g_autofree char *title = esdh_path_text (node, "Caption");
  g_autofree char *case_number = esdh_path_text (node, "Case/Number");
  g_autofree char *is_public = esdh_path_text (node, "IsPublic");
  g_autofree char *id = esdh_attr (node, "ID");
  g_autoptr (GPtrArray) fields = sorted_children (esdh_child (node, "Fields"), "ItemField");
  g_autoptr (GPtrArray) enclosures = sorted_children (esdh_child (node, "Enclosures"), "Enclosure");
  guint number = esdh_parse_number (number_text);
  RefAgendaItem *item;

  if (title == NULL)
    title = esdh_path_text (node, "Case/Title");
  item = esdh_add_item (r, number, title);
  ref_agenda_item_set_case_number (item, case_number);
  ref_agenda_item_set_closed (item, !esdh_parse_bool (is_public, TRUE));
  if (id != NULL)
    g_hash_table_insert (by_id, g_steal_pointer (&id), item);

  for (guint i = 0; i < fields->len; i++)
    {
      xmlNode *field = fields->pdata[i];
      g_autofree char *caption = esdh_path_text (field, "Caption");
      g_autofree char *content = esdh_path_text (field, "Content");
      g_autofree char *feedback = esdh_path_text (field, "IsFeedback");

      esdh_item_add_field (r, item, caption, content, esdh_parse_bool (feedback, FALSE));
    }

  for (guint i = 0; i < enclosures->len; i++)
    read_enclosure (r, item, enclosures->pdata[i]);

  /* Per-item participation: not invited, or marked as not taking part. */
  for (xmlNode *m = esdh_path (node, "Members/ItemMember"); m != NULL; m = esdh_next (m, "ItemMember"))
    {
      g_autofree char *name = esdh_path_text (m, "Name");
      g_autofree char *invited = esdh_attr (m, "IsInvited");
      RefParticipant *participant = name ? esdh_find_participant (r, name) : NULL;

      if (invited == NULL)
        invited = esdh_path_text (m, "IsInvited");
      if (participant != NULL && (!esdh_parse_bool (invited, TRUE) || participation (m) == REF_ATTENDANCE_ABSENT))
        esdh_mark_absent_for_item (r, participant, item);
    }
}

static gboolean
sbsys_read (EsdhReader *r, xmlNode *root, GError **error)
{
  xmlNode *agendas = esdh_child (root, "Agendas");
  xmlNode *agenda = esdh_child (agendas, "Agenda");
  g_autoptr (GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *type = esdh_path_text (root, "PublicationTypeAsEnum");
  g_autofree char *type_value = esdh_path_text (root, "PublicationTypeAsValue");
  g_autofree char *committee = NULL;
  g_autofree char *agenda_name = NULL;
  g_autofree char *when = NULL, *until = NULL, *where = NULL, *concluded = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  xmlNode *enclosures;

  if (agenda == NULL)
    {
      g_set_error (error, REF_ESDH_IMPORT_ERROR, REF_ESDH_IMPORT_ERROR_NOT_EXPORT,
                   _("“%s” is an SBSYS publication without an agenda"), r->display_name);
      return FALSE;
    }
  if (esdh_next (agenda, "Agenda") != NULL)
    esdh_warn (r, r->display_name, _("The publication holds several agendas; only the first was imported"));
  if ((type != NULL && ref_caption_is_draft (type)) || g_strcmp0 (type_value, "0") == 0)
    esdh_warn (r, type, _("This is a draft publication: the final agenda may differ"));

  committee = esdh_path_text (agenda, "Committee/Name");
  agenda_name = esdh_path_text (agenda, "Name");
  if (committee == NULL)
    committee = g_strdup (agenda_name);
  {
    g_autofree char *tidy = ref_caption_tidy (committee);
    ref_meeting_set_committee (r->meeting, tidy);
  }
  when = esdh_path_text (agenda, "Meeting/When");
  until = esdh_path_text (agenda, "Meeting/Until");
  where = esdh_path_text (agenda, "Meeting/Where");
  if (where == NULL)
    where = esdh_path_text (agenda, "Committee/DefaultMeetingPlace");
  start = esdh_parse_date_time (when, NULL);
  end = esdh_parse_date_time (until, NULL);
  ref_meeting_set_start (r->meeting, start);
  if (start != NULL && end != NULL && g_date_time_compare (end, start) > 0)
    ref_meeting_set_end (r->meeting, end);
  ref_meeting_set_location (r->meeting, where);
  concluded = esdh_path_text (agenda, "Meeting/Concluded");
  ref_meeting_set_kind (r->meeting, concluded != NULL ? REF_MEETING_KIND_MINUTES : REF_MEETING_KIND_AGENDA);
  esdh_meeting_name_remark (r, agenda_name);

  read_participants (r, agenda);
  for (xmlNode *item = esdh_path (agenda, "Items/Item"); item != NULL; item = esdh_next (item, "Item"))
    {
      if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
        return FALSE;
      read_item (r, item, by_id);
    }

  /* Enclosures listed for the whole agenda (with the item's ID), for items that list
   * none themselves. */
  {
    g_autoptr (GHashTable) without = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < r->items->len; i++)
      if (g_list_model_get_n_items (ref_agenda_item_get_attachments (r->items->pdata[i])) == 0)
        g_hash_table_add (without, r->items->pdata[i]);
    enclosures = esdh_child (agenda, "Enclosures");
    for (xmlNode *e = esdh_child (enclosures, "Enclosure"); e != NULL; e = esdh_next (e, "Enclosure"))
      {
        g_autofree char *item_id = esdh_attr (e, "ItemID");
        RefAgendaItem *item = item_id ? g_hash_table_lookup (by_id, item_id) : NULL;

        if (item != NULL && g_hash_table_contains (without, item))
          read_enclosure (r, item, e);
      }
  }
  return TRUE;
}

const EsdhDialect ref_esdh_dialect_sbsys = {
  "SBSYS",
  sbsys_probe,
  sbsys_read,
};
