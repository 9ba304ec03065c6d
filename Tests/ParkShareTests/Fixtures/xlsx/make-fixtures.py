#!/usr/bin/env python3
"""Writes the xlsx reader's fixtures ONCE; the tests read the checked-in files and never run this.

deflate/NAME-LEVEL.deflate  raw DEFLATE (zlib, wbits=-15) of each input at every level 0-9
deflate/manifest.txt         NAME SIZE SHA-256 of each uncompressed input
*.xlsx                       workbooks and broken archives (see write_workbooks)

Run from anywhere: python3 make-fixtures.py (deterministic: fixed seeds, fixed zip dates).
"""
import hashlib
import os
import random
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def deflate_inputs():
    rnd = random.Random(16)
    rows = []
    for i in range(3000):
        rows.append("M%03d,2026-01-01T%02d:%02d:00+08:00,%d.%03d\n"
                    % (i % 37, (i // 4) % 24, (i % 4) * 15, rnd.randrange(900), rnd.randrange(1000)))
    text = "".join(rows).encode()
    # A run: distance 1, many matches of the longest length (258).
    runs = b"x" + b"a" * 100_000 + b"tail"
    # Back-references near the far end of the 32 KiB window (zlib reaches 32,506 back), in a
    # stream long enough that the decoder has slid its window several times.
    block = bytes(rnd.randrange(256) for _ in range(2000))
    filler = bytes(rnd.randrange(256) for _ in range(30_400))
    far = (block + filler) * 3 + block
    small = b"zone,kwh\nA,1.5\n"  # short: zlib writes a fixed-Huffman block
    return {"text": text, "runs": runs, "far": far, "small": small, "empty": b""}


def write_deflate():
    out = os.path.join(HERE, "deflate")
    os.makedirs(out, exist_ok=True)
    manifest = []
    for name, data in deflate_inputs().items():
        manifest.append("%s %d %s" % (name, len(data), hashlib.sha256(data).hexdigest()))
        for level in range(10):
            c = zlib.compressobj(level, zlib.DEFLATED, -15)
            stream = c.compress(data) + c.flush()
            with open(os.path.join(out, "%s-%d.deflate" % (name, level)), "wb") as f:
                f.write(stream)
    with open(os.path.join(out, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

CONTENT_TYPES = HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '</Types>')

ROOT_RELS = HEAD + (
    '<Relationships xmlns="%s"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>' % PKG)


def workbook(sheets, pr='<workbookPr defaultThemeVersion="166925"/>'):
    items = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1)
                    for i, n in enumerate(sheets))
    return HEAD + ('<workbook xmlns="%s" xmlns:r="%s"><fileVersion appName="xl" lastEdited="7"/>'
                   '%s<bookViews><workbookView xWindow="0" yWindow="0"/></bookViews>'
                   '<sheets>%s</sheets><calcPr calcId="191029"/></workbook>') % (MAIN, RELS, pr, items)


def workbook_rels(n_sheets, shared=True):
    rels = []
    for i in range(n_sheets):
        # Attributes in another order than Excel's, as other writers do.
        rels.append('<Relationship Target="worksheets/sheet%d.xml" Type="%s/worksheet" Id="rId%d"/>'
                    % (i + 1, RELS, i + 1))
    rels.append('<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>' % (n_sheets + 1, RELS))
    if shared:
        rels.append("<Relationship Id='rId%d' Type='%s/sharedStrings' Target='/xl/sharedStrings.xml'/>"
                    % (n_sheets + 2, RELS))
    return HEAD + '<Relationships xmlns="%s">%s</Relationships>' % (PKG, "".join(rels))


STYLES = HEAD + ('<styleSheet xmlns="%s"><numFmts count="1"><numFmt numFmtId="164" '
                 'formatCode="yyyy-mm-dd hh:mm"/></numFmts></styleSheet>' % MAIN)

# Shared strings: plain, rich-text runs, entities, phonetic runs (not part of the text),
# xml:space, an empty string, an escaped control character (_x000D_).
SHARED = [
    "<si><t>meter</t></si>",
    "<si><t>timestamp</t></si>",
    "<si><t>kwh</t></si>",
    '<si><r><rPr><b/><sz val="11"/></rPr><t>M</t></r><r><t xml:space="preserve">-01 </t></r></si>',
    "<si><t>A&amp;B &lt;c&gt; &quot;q&quot; &apos;s&apos; &#20013;&#x6587;</t></si>",
    '<si><t>\u7535\u8868</t><rPh sb="0" eb="2"><t>\u3067\u3093\u3074\u3087\u3046</t></rPh>'
    '<phoneticPr fontId="1"/></si>',
    '<si><t xml:space="preserve">  padded  </t></si>',
    "<si><t/></si>",
    "<si><t>a_x000D_b</t></si>",
]


def shared_strings():
    return HEAD + '<sst xmlns="%s" count="12" uniqueCount="%d">%s</sst>' % (
        MAIN, len(SHARED), "".join(SHARED))


def sheet(data, prefix="", extra=""):
    p = prefix + ":" if prefix else ""
    ns = ('xmlns:%s="%s"' % (prefix, MAIN)) if prefix else ('xmlns="%s" xmlns:r="%s"' % (MAIN, RELS))
    return HEAD + ('<{p}worksheet {ns}><{p}dimension ref="A1:D6"/><{p}sheetViews><{p}sheetView '
                   'workbookViewId="0"/></{p}sheetViews><{p}sheetFormatPr defaultRowHeight="15"/>'
                   '{extra}<{p}sheetData>{data}</{p}sheetData><{p}pageMargins left="0.7" right="0.7" '
                   'top="0.75" bottom="0.75" header="0.3" footer="0.3"/></{p}worksheet>').format(
                       p=p, ns=ns, data=data, extra=extra)


# The readings sheet as Excel writes it: references on every row and cell, shared strings,
# numbers as written, dates as serials, a boolean, an error, formulas with cached values.
SHEET1 = sheet(
    '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>note</t></is></c></row>'
    '<row r="2" spans="1:4"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45292.010416666664</v></c>'
    '<c r="C2"><v>0.1</v></c><c r="D2" t="s"><v>4</v></c></row>'
    '<row r="3" spans="1:4"><c r="A3" t="s"><v>3</v></c><c r="B3" s="1"><v>45292.020833333336</v></c>'
    '<c r="C3" t="n"><v>1E-3</v></c><c r="D3" t="b"><v>1</v></c></row>'
    '<row r="5" spans="1:4"><c r="A5" t="str"><f>A2&amp;"x"</f><v>M-01 x</v></c>'
    '<c r="C5"><f>SUM(C2:C3)</f><v>0.101</v></c><c r="D5" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
    '<row r="6" spans="1:4" ht="20" customHeight="1"><c r="B6" t="d"><v>2024-01-01T00:15:00</v></c>'
    '<c r="C6" s="2"/><c r="D6" t="s"><v>5</v></c></row>',
    extra='<cols><col min="1" max="1" width="12" customWidth="1"/></cols>')

# Another writer: a namespace prefix, single quotes, no references (positional rows and
# cells), a comment and a CDATA section.
SHEET2 = sheet(
    "<!-- written without references --><x:row><x:c t='inlineStr'><x:is><x:r><x:t>fir</x:t></x:r>"
    "<x:r><x:t>st</x:t></x:r></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>"
    "<x:row><x:c t='s'><x:v>6</x:v></x:c><x:c/><x:c t='s'><x:v>7</x:v></x:c>"
    "<x:c t='s'><x:v>8</x:v></x:c><x:c t='str'><x:v><![CDATA[<raw> & ]]></x:v></x:c></x:row>",
    prefix="x")

# A formula with no cached value (a generator that does not compute): refused at C4.
SHEET3 = sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="B4"><v>2</v></c>'
               '<c r="C4"><f>SUM(A1:B4)</f></c></row>')


def write_zip(name, parts, method=None):
    import zipfile
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method if method is not None else zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode() if isinstance(text, str) else text)
    with open(path, "rb") as f:
        return bytearray(f.read())


def book_parts():
    return [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook(["\u8bfb\u6570", "Notes", "Uncached"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels(3)),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", shared_strings()),
        ("xl/worksheets/sheet1.xml", SHEET1),
        ("xl/worksheets/sheet2.xml", SHEET2),
        ("xl/worksheets/sheet3.xml", SHEET3),
    ]


def patch_entry(data, name, central_at, local_at, value, size):
    """Overwrites a field of entry `name` in its central record and its local header."""
    import struct
    n = name.encode()
    p = data.find(b"PK\x01\x02" + bytes(0))
    while p >= 0:
        nlen = struct.unpack_from("<H", data, p + 28)[0]
        if bytes(data[p + 46:p + 46 + nlen]) == n:
            data[p + central_at:p + central_at + size] = value.to_bytes(size, "little")
            local = struct.unpack_from("<I", data, p + 42)[0]
            if local_at is not None:
                data[local + local_at:local + local_at + size] = value.to_bytes(size, "little")
            return data
        p = data.find(b"PK\x01\x02", p + 4)
    raise KeyError(name)


def save(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(bytes(data))


def write_workbooks():
    import struct
    import zipfile
    book = write_zip("book.xlsx", book_parts())
    write_zip("book1904.xlsx", [
        ("xl/workbook.xml", workbook(["Sheet1"], pr='<workbookPr date1904="1"/>')),
        ("xl/_rels/workbook.xml.rels", workbook_rels(1, shared=False)),
        ("xl/worksheets/sheet1.xml", sheet('<row r="1"><c r="A1"><v>43830.5</v></c></row>')),
    ])
    # A zip bomb: 100 MB of zeros in one entry, about 100 KB compressed (1000:1).
    zeros = bytes(100 * 1024 * 1024)
    bomb = write_zip("bomb.xlsx", [("xl/workbook.xml", workbook(["Sheet1"])),
                                   ("xl/worksheets/sheet1.xml", zeros)])
    # The same bomb declaring 1,000 bytes: stopped as soon as it inflates past them.
    save("bomb-lying.xlsx", patch_entry(bomb, "xl/worksheets/sheet1.xml", 24, 22, 1000, 4))
    write_zip("evil.xlsx", [("xl/workbook.xml", workbook(["Sheet1"])), ("../evil", "owned")])
    # Encrypted: general-purpose flag bit 0 (the data is not actually encrypted).
    enc = write_zip("encrypted.xlsx", book_parts())
    flags = struct.unpack_from("<H", enc, enc.find(b"PK\x01\x02") + 8)[0]
    save("encrypted.xlsx", patch_entry(enc, "[Content_Types].xml", 8, 6, flags | 1, 2))
    save("truncated.xlsx", book[:len(book) // 2])
    crc = struct.unpack_from("<I", book, book.find(b"xl/worksheets/sheet1.xml") - 30 + 14)[0]
    save("badcrc.xlsx", patch_entry(bytearray(book), "xl/worksheets/sheet1.xml", 16, 14,
                                    crc ^ 0x1, 4))
    # The sheet declares one byte more than it inflates to.
    short = bytearray(book)
    size = struct.unpack_from("<I", short, short.find(b"xl/worksheets/sheet1.xml") - 30 + 22)[0]
    save("short.xlsx", patch_entry(short, "xl/worksheets/sheet1.xml", 24, 22, size + 1, 4))
    write_zip("bzip2.xlsx", [("xl/workbook.xml", workbook(["Sheet1"]))], method=zipfile.ZIP_BZIP2)


if __name__ == "__main__":
    write_deflate()
    write_workbooks()
