#!/usr/bin/env python3
"""Writes a large workbook for Fuzz/xlsx/bench.sh (not a fixture: hundreds of MB of XML).

The reference park's quarter as day rows: 1,000 meters x 90 days (2026 Q1), a row per meter
and day with the meter (a shared string), the day (a date serial) and 96 quarter-hour values
(kWh with three decimals), deflated by zlib at level 6 as Excel would.
    python3 Fuzz/xlsx/bench-make.py OUT.xlsx [METERS] [DAYS]
"""
import random
import sys
import zipfile

out = sys.argv[1]
meters = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
days = int(sys.argv[3]) if len(sys.argv) > 3 else 90
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col(i):
    s = ""
    n = i + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


COLS = [col(i) for i in range(98)]
rnd = random.Random(16)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    z.writestr("xl/workbook.xml", '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="loads" '
               'sheetId="1" r:id="rId1"/></sheets></workbook>' % (MAIN, RELS))
    z.writestr("xl/_rels/workbook.xml.rels",
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
               '</Relationships>' % (RELS, RELS))
    z.writestr("xl/sharedStrings.xml", '<sst xmlns="%s">%s</sst>' % (
        MAIN, "".join("<si><t>M%04d</t></si>" % m for m in range(meters))))
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=False) as f:
        f.write(('<worksheet xmlns="%s"><sheetData>' % MAIN).encode())
        header = '<row r="1"><c r="A1" t="inlineStr"><is><t>meter</t></is></c>' + \
            '<c r="B1" t="inlineStr"><is><t>date</t></is></c>' + \
            "".join('<c r="%s1"><v>%d</v></c>' % (COLS[i + 2], i + 1) for i in range(96)) + "</row>"
        f.write(header.encode())
        r = 1
        for m in range(meters):
            parts = []
            for d in range(days):
                r += 1
                cells = ['<row r="%d" spans="1:98"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" s="1"><v>%d</v></c>'
                         % (r, r, m, r, 46023 + d)]
                for i in range(96):
                    cells.append('<c r="%s%d"><v>%d.%03d</v></c>' % (COLS[i + 2], r, rnd.randrange(40),
                                                                     rnd.randrange(1000)))
                cells.append("</row>")
                parts.append("".join(cells))
            f.write("".join(parts).encode())
        f.write(b"</sheetData></worksheet>")
