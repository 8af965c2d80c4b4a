/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-xml-error.h"

G_DEFINE_QUARK (ref-xml-error-quark, ref_xml_error)
