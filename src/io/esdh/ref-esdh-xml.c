/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-esdh-private.h"

#include <stdlib.h>
#include <string.h>

/* Exports differ in namespaces (Fujitsu qualifies every element, the others none), so
 * elements are found by their local name. */

gboolean
esdh_is (xmlNode *node, const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

xmlNode *
esdh_child (xmlNode *node, const char *name)
{
  if (node == NULL)
    return NULL;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (esdh_is (c, name))
      return c;
  return NULL;
}

xmlNode *
esdh_next (xmlNode *node, const char *name)
{
  for (xmlNode *c = node ? node->next : NULL; c != NULL; c = c->next)
    if (esdh_is (c, name))
      return c;
  return NULL;
}

xmlNode *
esdh_path (xmlNode *node, const char *path)
{
  g_auto (GStrv) steps = g_strsplit (path, "/", -1);

  for (guint i = 0; steps[i] != NULL && node != NULL; i++)
    node = esdh_child (node, steps[i]);
  return node;
}

char *
esdh_text (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  /* libxml2 in recovery mode can pass invalid UTF-8 through. */
  text = content ? g_utf8_make_valid ((const char *) content, -1) : NULL;
  xmlFree (content);
  if (text == NULL)
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

char *
esdh_path_text (xmlNode *node, const char *path)
{
  return esdh_text (esdh_path (node, path));
}

char *
esdh_attr (xmlNode *node, const char *name)
{
  xmlChar *value;
  char *text;

  if (node == NULL)
    return NULL;
  value = xmlGetProp (node, (const xmlChar *) name);
  text = value ? g_utf8_make_valid ((const char *) value, -1) : NULL;
  xmlFree (value);
  if (text != NULL && *g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

gboolean
esdh_parse_bool (const char *text, gboolean fallback)
{
  static const char *const yes[] = { "true", "1", "ja", "yes", "sand", NULL };
  static const char *const no[] = { "false", "0", "nej", "no", "falsk", NULL };

  if (text == NULL)
    return fallback;
  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return TRUE;
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return FALSE;
  return fallback;
}

GDateTime *
esdh_parse_date_time (const char *text, gboolean *has_time)
{
  int year, month, day, minutes;
  const char *time_part;

  if (has_time != NULL)
    *has_time = FALSE;
  if (text == NULL || !ref_caption_parse_date (text, &year, &month, &day))
    return NULL;
  /* The time follows the date ("15-05-2013 16:30:00", "2013-06-20T10:30"); look
   * after the first space or T so that "2013-06-20" is not read as a time. */
  time_part = strpbrk (text, " T");
  minutes = time_part ? ref_caption_parse_time (time_part) : -1;
  /* "01-01-0001 00:00" is how .NET exports write "no date". */
  if (year < 1900)
    return NULL;
  if (minutes < 0)
    minutes = 0;
  else if (has_time != NULL)
    *has_time = TRUE;
  return g_date_time_new_utc (year, month, day, minutes / 60, minutes % 60, 0);
}

guint
esdh_parse_number (const char *text)
{
  guint value = 0, digits = 0;
  const char *p = text;

  if (p == NULL)
    return 0;
  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  /* Item numbers have at most six digits; anything longer is no item number. */
  for (; g_ascii_isdigit (*p); p++)
    if (++digits > 6)
      return 0;
    else
      value = value * 10 + (guint) (*p - '0');
  return value;
}
