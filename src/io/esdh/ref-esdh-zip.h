/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The zip reader of the case-system import, a loadable module (GModule) of its own:
 * see ref-esdh-bundle.c for why. ref-esdh-bundle.c loads it from the build tree when
 * run uninstalled, from $libdir/referent once installed, or from the folder that
 * $REFERENT_MODULE_DIR names. */
#define REF_ESDH_ZIP_MODULE_NAME "referent-esdh-zip"
#define REF_ESDH_ZIP_MODULE_DIR_VARIABLE "REFERENT_MODULE_DIR"
#define REF_ESDH_ZIP_UNPACK_SYMBOL "ref_esdh_zip_unpack"

/* Called for an entry that was not unpacked, or a note on the whole zip: @text is
 * what it is about (an entry's path, the zip's name), @message says what happened. */
typedef void (*RefEsdhZipWarnFunc) (const char *text, const char *message, gpointer user_data);

/* Unpacks the zip file at @zip_path (@zip_name: how messages name it) into the
 * existing folder @dest with libarchive. Refuses absolute paths, "..", links and
 * devices (reported through @warn) and stops at the size limits. Errors are set in
 * @error_domain with RefEsdhImportError codes. */
typedef gboolean (*RefEsdhZipUnpackFunc) (const char *zip_path, const char *zip_name, GFile *dest, GQuark error_domain,
                                          RefEsdhZipWarnFunc warn, gpointer warn_data, GCancellable *cancellable,
                                          GError **error);

G_END_DECLS
