/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "ref-captions.h"
#include "ref-esdh-import.h"

G_BEGIN_DECLS

/*
 * What the dialect readers share. A reader gets the parsed export and fills the
 * meeting through the helpers below; the helpers know the model and the vocabulary
 * (ref-captions.h), the readers only know where their dialect keeps things.
 */

typedef struct {
  RefMeeting *meeting;
  GPtrArray *warnings;     /* RefImportWarning* */
  GFile *folder;           /* where the export's relative file names start; nullable */
  char *display_name;      /* the export's name in messages */
  GCancellable *cancellable;
  GPtrArray *items;        /* RefAgendaItem*, in the export's order until finished */
  GHashTable *participants; /* normalised name → RefParticipant* (the meeting owns them) */
  GHashTable *absences;    /* RefParticipant* → GPtrArray of RefAgendaItem* absent for */
  guint n_attachments;
  guint n_attachments_found;
  GHashTable *checked_files; /* path → EsdhPdfCheck + 1: each file is checked once */
} EsdhReader;

typedef struct {
  const char *name; /* as the notes say it: "SBSYS" */
  /* TRUE when @root is this dialect's export. */
  gboolean (*probe) (xmlNode *root);
  /* Fills r->meeting and r->items; FALSE with @error when the export lacks what every
   * meeting needs. */
  gboolean (*read) (EsdhReader *r, xmlNode *root, GError **error);
} EsdhDialect;

extern const EsdhDialect ref_esdh_dialect_sbsys;
extern const EsdhDialect ref_esdh_dialect_kmd;
extern const EsdhDialect ref_esdh_dialect_fujitsu;
extern const EsdhDialect ref_esdh_dialect_acadre;

/* ref-esdh-import.c: parses @bytes (repairing what it can, with notes); NULL with
 * @error when no document could be read. */
xmlDoc  *esdh_parse_xml (EsdhReader *r, GBytes *bytes, GError **error);
/* Reads and parses an XML file of the bundle (same repairs and limits). */
xmlDoc  *esdh_load_xml_file (EsdhReader *r, GFile *file, GError **error);
/* The dialect whose probe accepts @root, or NULL. */
const EsdhDialect *esdh_find_dialect (xmlNode *root);

/* ---- ref-esdh-xml.c: navigating an export by local element names ---- */

/* The local name of @node is @name (any namespace). */
gboolean esdh_is (xmlNode *node, const char *name);
/* The first element child named @name, or NULL. */
xmlNode *esdh_child (xmlNode *node, const char *name);
/* The element at @path ("Meeting/Members"), one child level per step, or NULL. */
xmlNode *esdh_path (xmlNode *node, const char *path);
/* The next element sibling named @name after @node (for loops). */
xmlNode *esdh_next (xmlNode *node, const char *name);
/* The text of @node with white space trimmed; NULL when empty. (transfer full) */
char    *esdh_text (xmlNode *node);
/* esdh_text (esdh_path (node, path)). */
char    *esdh_path_text (xmlNode *node, const char *path);
/* The value of attribute @name, or NULL when missing or empty. (transfer full) */
char    *esdh_attr (xmlNode *node, const char *name);
/* The first number in @text ("7", "Pkt. 7", "7."), at most six digits; 0 for none. */
guint    esdh_parse_number (const char *text);
/* "True", "true", "1", "ja" … */
gboolean esdh_parse_bool (const char *text, gboolean fallback);
/* "15-05-2013 16:30:00", "02-05-2017 10:00", "2013-06-20 10:30", "2013-06-20T10:30:00"
 * as wall-clock time (UTC as the model keeps it); NULL when unreadable.
 * @has_time (nullable) tells whether the text had a time of day. */
GDateTime *esdh_parse_date_time (const char *text, gboolean *has_time);

/* ---- ref-esdh-html.c: HTML fields → structured text ---- */

/* A run of text under one heading: the first has heading NULL (the field's own
 * caption heads it); each <h1>…<h6> inside the field starts another. */
typedef struct {
  char *heading;
  RefText *text;
} EsdhSegment;

void      esdh_segment_free (gpointer segment);
/* Parses @html with libxml2's HTML parser (scripts, styles, forms and event handlers
 * are dropped; links keep only http, https and mailto targets) into segments of
 * paragraphs, lists, tables and emphasis. Text without any tag is read as plain text.
 * Never NULL; empty segments are left out. (element-type EsdhSegment) */
GPtrArray *esdh_html_to_segments (const char *html);
/* All of @html as one text; headings become bold paragraphs. */
RefText  *esdh_html_to_text (const char *html);
/* Plain text: paragraphs at blank lines, line breaks kept, white space tidied. */
RefText  *esdh_plain_to_text (const char *plain);
/* Text for the model: control characters removed, white space (also no-break space)
 * collapsed, trimmed; NULL when nothing is left. (transfer full) */
char     *esdh_clean (const char *text);

/* ---- ref-esdh-item.c: building the meeting ---- */

void esdh_warn (EsdhReader *r, const char *text, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* A new item, kept in r->items (owned there). */
RefAgendaItem *esdh_add_item (EsdhReader *r, guint number, const char *title);
/* Places one captioned field of an item: a section, the recommendation, a decision, who
 * decides, attachments named in text, the case route. @html is the field's content
 * (HTML or plain text); @decision: the export marks the field as a decision. Empty
 * fields are left out. */
void esdh_item_add_field (EsdhReader *r, RefAgendaItem *item, const char *caption, const char *html,
                          gboolean decision);
/* Same for a field already turned into text (plain-text exports). */
void esdh_item_add_text_field (EsdhReader *r, RefAgendaItem *item, const char *caption, RefText *text,
                               gboolean decision);
/* An attachment named @title whose file the export gives as @path (relative to @base,
 * or to r->folder when @base is NULL; "\" or "/" separated; nullable). The file is
 * looked up in the bundle, allowing for differences in case and Unicode normalisation;
 * a missing file or a blank placeholder PDF gives a note. */
void esdh_item_add_attachment (EsdhReader *r, RefAgendaItem *item, const char *title, const char *path,
                               GFile *base);

/* A participant from a label such as "Doris Børger (A)", "Lolan Ottesen (A) - formand",
 * "Jesper  Mathiesen (A)"; @party and @role (nullable) override what the label says.
 * An existing participant of the same name is returned instead of a second one.
 * (transfer none) */
RefParticipant *esdh_add_participant (EsdhReader *r, const char *label, const char *party, const char *role,
                                      RefAttendance attendance);
/* The participant whose name @label gives, or NULL. (transfer none) */
RefParticipant *esdh_find_participant (EsdhReader *r, const char *label);
/* Records that @participant did not take part in @item. */
void esdh_mark_absent_for_item (EsdhReader *r, RefParticipant *participant, RefAgendaItem *item);

/* The meeting's own name ("Ekstraordinært forretningsudvalgsmøde") as a remark, when
 * it says more than the committee's name and the kind of document. */
void esdh_meeting_name_remark (EsdhReader *r, const char *name);

/* Reads a front page in plain text ("Tilstede", "Afbud/Fraværende", "Sekretær" lists
 * of participants, "kl. 13:00", "i Mødecenter C …") into the meeting. */
void esdh_read_front_page (EsdhReader *r, const char *plain);

/* Sorts the items by number (noting when the export had them out of order),
 * resolves duplicate numbers, turns per-item absences into attendance, and moves the
 * items into the meeting. */
void esdh_finish (EsdhReader *r);

/* ---- ref-esdh-fulltext.c: an item's whole text as one plain string (KMD eDoc) ---- */

/* Splits @plain at the captions it contains, whether on lines of their own or run
 * together with the text ("SammendragDet årlige…"), and places each part in @item.
 * Header lines ("Sagsnr.: …") set the case number; the item's own number and title
 * line is skipped. */
void esdh_item_read_full_text (EsdhReader *r, RefAgendaItem *item, const char *plain);

/* ---- ref-esdh-bundle.c: the files of a bundle ---- */

/* @relative ("Enclosures\\1.pdf", "\\Attachments\\x.pdf", "3525829e1.docx") inside
 * @base: exact, or else the one entry whose name matches ignoring case and Unicode
 * normalisation (@inexact set). NULL when not found, or when the path would leave
 * @base. (transfer full) */
GFile   *esdh_bundle_find (GFile *base, const char *relative, gboolean *inexact);
/* The export XML files below @folder (two levels deep), sorted by path. (element-type
 * GFile) */
GPtrArray *esdh_bundle_list_xml (GFile *folder, GCancellable *cancellable);
/* Unpacks the zip @zip into @dest (created) with libarchive; refuses absolute paths,
 * "..", links and devices, and stops at the size limits. */
gboolean esdh_bundle_unpack_zip (EsdhReader *r, GFile *zip, GFile *dest, GCancellable *cancellable, GError **error);

typedef enum {
  ESDH_PDF_OK,
  ESDH_PDF_BLANK,   /* no text and no images: a placeholder */
  ESDH_PDF_SCAN,    /* images without text */
  ESDH_PDF_DAMAGED, /* poppler cannot open it */
} EsdhPdfCheck;

EsdhPdfCheck esdh_bundle_check_pdf (GFile *file);

G_END_DECLS
