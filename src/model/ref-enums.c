/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-enums.h"
#include "ref-enum-types.h"

#include <string.h>

const char *
ref_enum_to_nick (GType enum_type, int value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev ? ev->value_nick : NULL;
}

gboolean
ref_enum_from_nick (GType enum_type, const char *nick, int *value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;
  *value = ev->value;
  return TRUE;
}

/* Danish headings are document data, not UI text: they are what the printed minutes
 * say, whatever the language of the desktop, so they are not translated. */
static const struct {
  RefSectionKind kind;
  const char *heading;
} section_headings[] = {
  { REF_SECTION_KIND_SUMMARY, "Sammendrag" },
  { REF_SECTION_KIND_BACKGROUND, "Baggrund" },
  { REF_SECTION_KIND_CASE, "Sagsfremstilling" },
  { REF_SECTION_KIND_ECONOMY, "Økonomi" },
  { REF_SECTION_KIND_DECISION_THEME, "Beslutningstema" },
  { REF_SECTION_KIND_PREVIOUS, "Tidligere behandling" },
  { REF_SECTION_KIND_CONTENT, "Indhold" },
  { REF_SECTION_KIND_FURTHER, "Den videre proces" },
  { REF_SECTION_KIND_ATTENDANCE_NOTE, "Yderligere deltagelse" },
  { REF_SECTION_KIND_FREE, "" },
};

const char *
ref_section_kind_default_heading (RefSectionKind kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (section_headings); i++)
    if (section_headings[i].kind == kind)
      return section_headings[i].heading;
  return "";
}

/* Other spellings met in published minutes that mean the same kind of section. */
static const struct {
  const char *heading;
  RefSectionKind kind;
} section_synonyms[] = {
  { "Resumé", REF_SECTION_KIND_SUMMARY },
  { "Resume", REF_SECTION_KIND_SUMMARY },
  { "Sagsbeskrivelse", REF_SECTION_KIND_CASE },
  { "Sagen", REF_SECTION_KIND_CASE },
  { "Økonomiske konsekvenser", REF_SECTION_KIND_ECONOMY },
  { "Økonomiske konsekvenser og finansiering", REF_SECTION_KIND_ECONOMY },
  { "Økonomi og finansiering", REF_SECTION_KIND_ECONOMY },
  { "Tidligere beslutninger", REF_SECTION_KIND_PREVIOUS },
  { "Det videre forløb", REF_SECTION_KIND_FURTHER },
  { "Videre proces", REF_SECTION_KIND_FURTHER },
  { "Yderligere deltagelse på mødet", REF_SECTION_KIND_ATTENDANCE_NOTE },
};

gboolean
ref_section_kind_from_heading (const char *heading, RefSectionKind *kind)
{
  g_autofree char *folded = NULL;
  gsize len;

  if (heading == NULL)
    return FALSE;
  folded = g_utf8_casefold (heading, -1);
  g_strstrip (folded);
  len = strlen (folded);
  while (len > 0 && (folded[len - 1] == ':' || folded[len - 1] == '.'))
    folded[--len] = '\0';

  for (gsize i = 0; i < G_N_ELEMENTS (section_headings); i++)
    {
      g_autofree char *h = g_utf8_casefold (section_headings[i].heading, -1);
      if (*h != '\0' && g_str_equal (h, folded))
        {
          *kind = section_headings[i].kind;
          return TRUE;
        }
    }
  for (gsize i = 0; i < G_N_ELEMENTS (section_synonyms); i++)
    {
      g_autofree char *h = g_utf8_casefold (section_synonyms[i].heading, -1);
      if (g_str_equal (h, folded))
        {
          *kind = section_synonyms[i].kind;
          return TRUE;
        }
    }
  return FALSE;
}
