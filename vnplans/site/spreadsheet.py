"""A plan's assignment matrix as a spreadsheet (.xlsx), the officials' own tool.

Written with XlsxWriter (pinned in requirements.txt): a library made only to write .xlsx files,
maintained, pure Python, with no dependencies of its own. It writes every cell with the type we give
it, so a text is never read as a formula, a number or a date: cells are written with ``write_string``
(never ``write``, which would turn "=…" into a formula), and a text that a spreadsheet would take for
a formula if retyped (:data:`~vnplans.site.opendata.FORMULA_TRIGGERS`) also gets Excel's "quote prefix"
style, the equivalent of the CSV's leading apostrophe that does not change the text itself.

The file is reproducible: it is built in memory (XlsxWriter then dates every part of the zip
1980-01-01) and its document properties carry the date of the data, not the time of the build.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import xlsxwriter

from ..data.model import Agency, Clause, Group, Role, format_date
from .opendata import FORMULA_TRIGGERS, LICENCE_NAME, LICENCE_URL, MATRIX_HEADER, matrix_rows


def matrix_xlsx(
    plan_label: str,
    columns: Sequence[Agency | Group],
    clauses: Sequence[Clause],
    as_of: dt.date,
    page_address: str,
) -> bytes:
    """The workbook: a sheet "Phân công" (the matrix, its first row and column frozen, filterable)
    and a sheet "Thông tin" (which plan, where from, the date of the data, the licence, the legend)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    created = dt.datetime.combine(as_of, dt.time())
    book.set_properties(
        {
            "title": f"Phân công thực hiện – {plan_label}",
            "subject": "Bảng phân công: mục của kế hoạch × cơ quan",
            "comments": f"Dữ liệu cập nhật đến ngày {format_date(as_of)}. {LICENCE_NAME}: {LICENCE_URL}",
            "created": created,
        }
    )
    book.set_custom_property("Dữ liệu cập nhật đến", format_date(as_of))
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "bottom", "border": 1, "bg_color": "#E8EAF6"})
    text = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    guarded = book.add_format({"text_wrap": True, "valign": "top", "border": 1, "quote_prefix": True})
    guarded_header = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "bottom", "border": 1, "bg_color": "#E8EAF6", "quote_prefix": True}
    )
    role = book.add_format({"align": "center", "valign": "top", "border": 1})

    sheet = book.add_worksheet("Phân công")
    names = [*MATRIX_HEADER, *[a.name for a in columns]]
    for col, name in enumerate(names):
        sheet.write_string(0, col, name, guarded_header if name.startswith(FORMULA_TRIGGERS) else header)
    for row_index, row in enumerate(matrix_rows(columns, clauses), 1):
        for col, value in enumerate(row):
            fmt = role if col >= len(MATRIX_HEADER) else text
            if value.startswith(FORMULA_TRIGGERS):
                fmt = guarded
            sheet.write_string(row_index, col, value, fmt)
    sheet.set_column(0, 0, 9)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 2, 60)
    sheet.set_column(3, 3 + max(len(columns) - 1, 0), 14)
    sheet.set_row(0, 90)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, len(clauses), len(names) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # every column on the width of one page
    sheet.repeat_rows(0)

    info = book.add_worksheet("Thông tin")
    lines = [
        ("Kế hoạch", plan_label),
        ("Trang web", page_address),
        ("Dữ liệu cập nhật đến ngày", format_date(as_of)),
        ("Giấy phép dữ liệu", f"{LICENCE_NAME} ({LICENCE_URL})"),
        ("Cột", "Mỗi cột sau ba cột đầu là một cơ quan hoặc nhóm cơ quan, xếp theo mức tham gia."),
        *[(r.label, r.description) for r in Role],
        ("(biên tập)", "cách hiểu của biên tập viên, văn bản không ghi trực tiếp"),
    ]
    bold = book.add_format({"bold": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    guarded_wrap = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
    for row_index, (label, value) in enumerate(lines):
        info.write_string(row_index, 0, label, bold)
        info.write_string(row_index, 1, value, guarded_wrap if value.startswith(FORMULA_TRIGGERS) else wrap)
    info.set_column(0, 0, 26)
    info.set_column(1, 1, 90)
    book.close()
    return buffer.getvalue()
