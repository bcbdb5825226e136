"""Export files built in tests without any spreadsheet writer: a tiny .xlsx (a zip of XML
parts that calamine reads as a real workbook), Parquet bytes, UTF-16 with a BOM."""

from __future__ import annotations

import codecs
import io
import zipfile
from xml.sax.saxutils import escape

import pyarrow as pa
import pyarrow.parquet as pq

# --- a tiny .xlsx writer (zip of XML parts), so calamine reads a real workbook ---------------
DATE, STAMP = "date", "stamp"  # style markers: (serial, DATE) is a date-formatted cell


def _ref(row: int, column: int) -> str:
    name, column = "", column + 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return f"{name}{row}"


def _cell(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return f'<c r="{ref}" s="{1 if value[1] == DATE else 2}"><v>{value[0]}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def xlsx(sheets: dict[str, list[list]], first_row: int = 1) -> bytes:
    """A workbook with inline strings, numbers and date-formatted serials."""
    ns = 'xmlns="http://schemas.openxmlformats.org/'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    names = list(sheets)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", (
            f'<?xml version="1.0"?><Types {ns}package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                      f'ContentType="{sheet_type}"/>' for i in range(1, len(names) + 1))
            + "</Types>"))
        z.writestr("_rels/.rels", (
            f'<?xml version="1.0"?><Relationships {ns}package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"))
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0"?><workbook {ns}spreadsheetml/2006/main" xmlns:r="{rel}">'
            "<sheets>" + "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                                 for i, n in enumerate(names, 1)) + "</sheets></workbook>"))
        z.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0"?><Relationships {ns}package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1))
            + f'<Relationship Id="rId{len(names) + 1}" Type="{rel}/styles" '
              'Target="styles.xml"/></Relationships>'))
        z.writestr("xl/styles.xml", (
            f'<?xml version="1.0"?><styleSheet {ns}spreadsheetml/2006/main">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>'
            '</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
            '<xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'))
        for i, name in enumerate(names, 1):
            rows = "".join(
                f'<row r="{r}">' + "".join(_cell(_ref(r, c), v) for c, v in enumerate(row))
                + "</row>" for r, row in enumerate(sheets[name], first_row))
            z.writestr(f"xl/worksheets/sheet{i}.xml", (
                f'<?xml version="1.0"?><worksheet {ns}spreadsheetml/2006/main">'
                f"<sheetData>{rows}</sheetData></worksheet>"))
    return buf.getvalue()


def parquet(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def utf16(text: str, order: str = "le") -> bytes:
    bom = codecs.BOM_UTF16_LE if order == "le" else codecs.BOM_UTF16_BE
    return bom + text.encode(f"utf-16-{order}")
