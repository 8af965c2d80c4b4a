#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes small, uncompressed minutes PDFs into tests/fuzz/corpus/pdf/.

The fixture PDFs compress their content streams, so most mutations of them only break
the Flate data; these seeds keep the text operators in plain sight, with the Base-14
fonts Helvetica and Helvetica-Bold, so that libFuzzer can change headings, numbers and
layout and reach the importer's own logic. Run once; the output is committed.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def esc(text):
    out = []
    for ch in text:
        if ch in "()\\":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append("\\%03o" % ch.encode("cp1252")[0])
    return "".join(out)


def page_stream(lines, page_no, n_pages):
    """lines: (font, size, x, y, text); font 1 = regular, 2 = bold."""
    ops = []
    for font, size, x, y, text in lines:
        ops.append("BT /F%d %g Tf %g %g Td (%s) Tj ET" % (font, size, x, y, esc(text)))
    ops.append("BT /F1 9 Tf 480 30 Td (%s) Tj ET" % esc("Side %d af %d" % (page_no, n_pages)))
    return "\n".join(ops).encode("latin-1")


def build_pdf(pages):
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for i, lines in enumerate(pages):
        data = page_stream(lines, i + 1, len(pages))
        content = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                         "/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                         % (pages_obj, f1, f2, content)).encode()))
    objects[catalog - 1] = ("<< /Type /Catalog /Pages %d 0 R >>" % pages_obj).encode()
    objects[pages_obj - 1] = ("<< /Type /Pages /Kids [%s] /Count %d >>"
                              % (" ".join("%d 0 R" % k for k in kids), len(kids))).encode()

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def minutes(kind, n_items):
    title = "Referat" if kind == "referat" else "Dagsorden"
    y = 780
    first = [(2, 20, 60, y, title)]
    header = [
        "Socialudvalget",
        "Mødedato: Tirsdag d. 6. maj 2025",
        "Mødetidspunkt: kl. 16.00 - 18.00",
        "Mødested: Rådhuset, mødelokale 1",
        "Deltagere: Anne Hansen (A), Bo Jensen (V) og Carl Nielsen (F)",
        "Fraværende: Dorthe Olsen (Ø)",
    ]
    for text in header:
        y -= 24
        first.append((1, 11, 60, y, text))
    y -= 30
    first.append((2, 13, 60, y, "Indholdsfortegnelse"))
    for n in range(1, n_items + 1):
        y -= 18
        first.append((1, 11, 60, y, "%d. %s" % (n, item_title(n))))
        first.append((1, 11, 500, y, str(n + 1)))
    pages = [first]
    for n in range(1, n_items + 1):
        y = 780
        lines = [(2, 14, 60, y, "Punkt %d: %s" % (n, item_title(n)))]
        y -= 20
        lines.append((1, 10, 60, y, "Sagsnr.: 25/%d" % (1000 + n)))
        for heading, body in sections(kind, n):
            y -= 28
            lines.append((2, 11, 60, y, heading))
            for text in body:
                y -= 15
                lines.append((1, 11, 60 if not text.startswith("- ") else 72, y, text))
        pages.append(lines)
    return pages


def item_title(n):
    titles = ["Godkendelse af dagsorden", "Budgetopfølgning 2025", "Lukket punkt: Personalesag",
              "Orientering om tilsyn på bosteder", "Eventuelt"]
    return titles[(n - 1) % len(titles)]


def sections(kind, n):
    out = [("Sagsfremstilling", ["Administrationen vurderer, at der er behov for en styrket",
                                 "sammenhæng mellem social- og sundhedsområdet.",
                                 "- Økonomi: 2,5 mio. kr.", "- Tidsplan: efteråret 2025"]),
           ("Indstilling", ["Direktionen indstiller, at", "1. orienteringen tages til efterretning",
                            "2. sagen sendes videre til Økonomiudvalget"])]
    if kind == "referat":
        out.append(("Beslutning Socialudvalget den 06-05-2025", ["Godkendt.", "Fraværende: Dorthe Olsen (Ø)"]))
    if n % 2 == 0:
        out.append(("Bilag", ["Notat om tilsyn", "Budgetoversigt.pdf"]))
    return out


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus", "pdf")
    os.makedirs(target, exist_ok=True)
    for name, kind, n in [("seed-referat-3.pdf", "referat", 3), ("seed-dagsorden-2.pdf", "dagsorden", 2),
                          ("seed-referat-1.pdf", "referat", 1), ("seed-referat-5.pdf", "referat", 5)]:
        with open(os.path.join(target, name), "wb") as f:
            f.write(build_pdf(minutes(kind, n)))


if __name__ == "__main__":
    main()
