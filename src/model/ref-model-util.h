/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Setter helpers shared by the model classes. Each returns early (FALSE) when the
 * value is unchanged; otherwise it records the old value in the object's history,
 * stores the new value and notifies @pspec. Strings: NULL and "" are the same value
 * and are stored as NULL; getters return "" for it.
 */
gboolean ref_set_string (gpointer self, char **field, const char *value, GParamSpec *pspec);
gboolean ref_set_int (gpointer self, int *field, int value, GParamSpec *pspec);
gboolean ref_set_uint (gpointer self, guint *field, guint value, GParamSpec *pspec);
gboolean ref_set_boolean (gpointer self, gboolean *field, gboolean value, GParamSpec *pspec);
gboolean ref_set_enum (gpointer self, int *field, int value, GParamSpec *pspec);
gboolean ref_set_object (gpointer self, gpointer *field, gpointer value, GParamSpec *pspec);
gboolean ref_set_date_time (gpointer self, GDateTime **field, GDateTime *value, GParamSpec *pspec);
/* For refcounted immutable boxed values (RefText, RefVote, GArray, GStrv).
 * @equal may be NULL for pointer identity; otherwise it must accept NULL on either
 * side (ref_text_equal(), ref_vote_equal(), ref_uint_array_equal(), ref_strv_equal0()). */
gboolean ref_set_boxed (gpointer self, gpointer *field, gpointer value, GType boxed_type,
                        GEqualFunc equal, GParamSpec *pspec);

#define REF_STR(s) ((s) ? (s) : "")

/* Deep structural equality of two model objects: every readable property, list
 * models item by item, boxed values by value. On difference, @where (if not NULL)
 * receives a path such as "items[3].decisions[0].text". */
gboolean ref_model_equal (gpointer a, gpointer b, char **where);

/* A deep copy of a model object (an agenda item, a decision …) for "duplicate":
 * children are copied, references to participants are kept, immutable values
 * (RefText, RefVote, dates) are shared. Returns: (transfer full). */
gpointer ref_model_copy (gpointer object);

gboolean ref_uint_array_equal (GArray *a, GArray *b);
gboolean ref_strv_equal0 (char **a, char **b);

G_END_DECLS
