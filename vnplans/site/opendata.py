"""Open data: the portfolio as JSON and CSV files, generated at build time from the same model.

Files (under ``du-lieu-mo/``; the field lists are documented on the open-data page, from
:data:`DATASETS`):

* ``ke-hoach.json``: plans with their full clause tree, roles, basis and deadlines;
* ``muc.csv``: one row per clause; ``phan-cong.csv``: one row per role assignment;
* ``co-quan.json`` / ``co-quan.csv``: agencies and groups (with resolved members);
* ``van-ban.json`` / ``van-ban.csv``: legal documents and their relations;
* ``dia-ban.csv``, ``ke-thua.csv``, ``dia-ban-va-ke-thua.json``: jurisdictions, the changes of the map
  and the succession events (who carries a reorganised body's duties); ``phan-cong.csv`` gives each
  duty's present-day holders;
* ``schemas/*.schema.json``: the JSON Schemas of the YAML source files.

CSV files are UTF-8 with a byte order mark, so spreadsheet programs open Vietnamese text correctly.
Every CSV cell, headers included, is neutralised against formula injection (:func:`csv_cell`); the
JSON files keep the exact text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..data.model import Agency, Clause, Decision, DocumentRef, Group, Plan, Portfolio, RoleAssignment, Unknown
from ..data.schema import ALL_SCHEMA_FILES, SCHEMA_DIR
from ..data.succession import Holder, Succession
from . import routes

OPEN_DATA_DIR = "du-lieu-mo"
FORMAT_VERSION = 1
#: The licence the editors chose for the open data (their choice, not a decision of any authority).
LICENCE_NAME = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"


@dataclass(frozen=True)
class Dataset:
    """One published file and its columns (shown on the open-data page): for each, its key (the name
    the JSON files use for the same value, stable), its header in the CSV file (Vietnamese) and what
    it means."""

    path: str
    title: str
    fields: tuple[tuple[str, str, str], ...]


_CLAUSE_FIELDS = (
    ("plan_id", "Mã kế hoạch", "mã kế hoạch"),
    ("ref", "Số mục", "số mục dùng để trích dẫn, ví dụ II.2.4"),
    ("anchor", "Mã neo", "mã neo của mục trên trang kế hoạch"),
    ("label", "Số mục như in", "số mục như in trong văn bản, ví dụ 2.4."),
    ("depth", "Cấp", "cấp của mục (1 = phần I, II, III)"),
    ("title", "Tên mục", "tên mục, nguyên văn"),
    ("text", "Nội dung", "nội dung mục, nguyên văn"),
    ("deadline_text", "Thời hạn", "thời hạn như văn bản ghi"),
    (
        "deadline",
        "Thời hạn chuẩn hóa",
        "thời hạn chuẩn hóa: YYYY-MM-DD, YYYY-Qn, YYYY, thuong-xuyen, dinh-ky, hang-nam",
    ),
    ("basis", "Văn bản căn cứ", "mã các văn bản căn cứ, cách nhau bởi dấu chấm phẩy"),
    ("url", "Địa chỉ trang", "địa chỉ của mục trên trang (tương đối với gốc trang)"),
)
_ROLE_FIELDS = (
    ("plan_id", "Mã kế hoạch", "mã kế hoạch"),
    ("clause_ref", "Số mục", "số mục"),
    ("role", "Mã vai trò", "vai trò: chu-tri, phoi-hop, thuc-hien, duoc-tham-muu, nhan-bao-cao"),
    ("role_label", "Vai trò", "tên vai trò bằng tiếng Việt"),
    ("actor_id", "Mã cơ quan", "mã cơ quan hoặc nhóm"),
    ("actor_name", "Tên cơ quan", "tên cơ quan hoặc nhóm"),
    ("actor_is_group", "Là nhóm", "true nếu là nhóm cơ quan"),
    ("editorial", "Biên tập", "true nếu là cách hiểu của biên tập viên, văn bản không ghi trực tiếp"),
    ("note", "Ghi chú biên tập", "ghi chú biên tập"),
    (
        "now_ids",
        "Mã cơ quan nay đảm nhận",
        "cơ quan nay đảm nhận nhiệm vụ (mã, cách nhau bởi dấu chấm phẩy); trống nếu cơ quan được giao vẫn hoạt động",
    ),
    ("now_names", "Tên cơ quan nay đảm nhận", "tên các cơ quan nay đảm nhận nhiệm vụ"),
    (
        "now_status",
        "Tình trạng hiện nay",
        "con-hoat-dong (cơ quan được giao vẫn hoạt động), da-xac-minh, chua-xac-minh, chua-xac-dinh "
        "(chia tách mà chưa biết chức năng của nhiệm vụ: các cơ quan nêu là cơ quan có thể nhận) hoặc chua-ro "
        "(không còn hoạt động, chưa rõ cơ quan kế thừa)",
    ),
)
_AGENCY_FIELDS = (
    ("id", "Mã", "mã cơ quan hoặc nhóm"),
    ("name", "Tên", "tên chính thức"),
    ("kind", "Loại cơ quan", "loại cơ quan (trống với nhóm)"),
    ("is_group", "Là nhóm", "true nếu là nhóm cơ quan"),
    ("jurisdiction", "Mã địa bàn", "mã địa bàn của cơ quan hoặc nhóm"),
    ("from", "Từ ngày", "ngày bắt đầu hoạt động YYYY-MM-DD (trống nếu có từ trước hoặc chưa xác định)"),
    ("until", "Đến ngày", "ngày cuối cùng hoạt động YYYY-MM-DD (trống nếu còn hoạt động hoặc chưa xác định)"),
    (
        "standard",
        "Danh mục chung",
        "true nếu là cơ quan trong danh mục cơ quan chung, chưa đối chiếu riêng với địa phương",
    ),
    ("short_names", "Tên viết tắt", "tên viết tắt, cách nhau bởi dấu chấm phẩy"),
    ("members", "Thành viên", "với nhóm: mã các cơ quan thành viên (cách hiểu của biên tập viên)"),
    ("url", "Địa chỉ trang", "địa chỉ trang"),
)
_DOCUMENT_FIELDS = (
    ("id", "Mã văn bản", "mã văn bản (gồm năm, vì số hiệu có thể trùng)"),
    ("type", "Loại văn bản", "loại văn bản"),
    ("number", "Số hiệu", "số hiệu (trống nếu chưa xác định)"),
    ("date", "Ngày ban hành", "ngày ban hành YYYY-MM-DD (trống nếu chưa xác định)"),
    ("effective_date", "Ngày có hiệu lực", "ngày có hiệu lực YYYY-MM-DD (trống nếu chưa xác định)"),
    (
        "status",
        "Tình trạng hiệu lực",
        "con-hieu-luc, het-hieu-luc-mot-phan, het-hieu-luc-toan-bo, chua-co-hieu-luc, ngung-hieu-luc (trống nếu chưa xác định)",
    ),
    ("fields", "Lĩnh vực", "lĩnh vực, cách nhau bởi dấu chấm phẩy (trống nếu chưa xác định)"),
    ("issuer", "Cơ quan ban hành", "cơ quan ban hành"),
    ("title", "Trích yếu", "trích yếu (trống nếu chưa xác định)"),
    ("verification", "Xác minh", "da-xac-minh, chi-theo-van-ban hoặc chua-xac-minh"),
    ("source_url", "Nguồn công khai", "nguồn công khai"),
    ("url", "Địa chỉ trang", "địa chỉ trang"),
)

_JURISDICTION_FIELDS = (
    ("id", "Mã địa bàn", "mã địa bàn"),
    ("name", "Tên địa bàn", "tên địa bàn"),
    ("level", "Cấp", "cấp: trung-uong, tinh, huyen, xa"),
    ("parent", "Mã địa bàn cấp trên", "mã địa bàn cấp trên"),
    ("from", "Từ ngày", "ngày bắt đầu YYYY-MM-DD"),
    ("until", "Đến ngày", "ngày cuối cùng YYYY-MM-DD"),
    ("url", "Địa chỉ trang", "địa chỉ trang"),
)
_EVENT_FIELDS = (
    ("event", "Số thứ tự", "số thứ tự của sự kiện"),
    ("kind", "Loại sự kiện", "sap-nhap, chia-tach, doi-ten, giai-the hoặc chuyen-cap"),
    ("date", "Ngày", "ngày có hiệu lực YYYY-MM-DD (trống nếu chưa xác định)"),
    ("from_id", "Mã cơ quan cũ", "mã cơ quan không còn hoạt động"),
    ("to_id", "Mã cơ quan nhận", "mã cơ quan nhận nhiệm vụ"),
    ("functions", "Chức năng", "chức năng cơ quan này nhận (khi chia tách), cách nhau bởi dấu chấm phẩy"),
    ("certainty", "Mức chắc chắn", "da-xac-minh, theo-quy-dinh-chung hoặc chua-xac-minh"),
    ("basis", "Văn bản căn cứ", "mã văn bản căn cứ, cách nhau bởi dấu chấm phẩy"),
    (
        "generated",
        "Suy ra từ quy định chung",
        "true nếu sự kiện suy ra từ quy định chung (danh mục cơ quan chung, hợp nhất tỉnh)",
    ),
)

DATASETS = (
    Dataset(f"{OPEN_DATA_DIR}/ke-hoach.json", "Kế hoạch, đầy đủ cây mục, phân công, căn cứ (JSON)", ()),
    Dataset(f"{OPEN_DATA_DIR}/muc.csv", "Các mục của kế hoạch (CSV)", _CLAUSE_FIELDS),
    Dataset(f"{OPEN_DATA_DIR}/phan-cong.csv", "Phân công: mỗi dòng một cơ quan trong một mục (CSV)", _ROLE_FIELDS),
    Dataset(f"{OPEN_DATA_DIR}/co-quan.csv", "Cơ quan và nhóm cơ quan (CSV)", _AGENCY_FIELDS),
    Dataset(f"{OPEN_DATA_DIR}/co-quan.json", "Cơ quan và nhóm cơ quan (JSON)", ()),
    Dataset(f"{OPEN_DATA_DIR}/van-ban.csv", "Văn bản pháp lý (CSV)", _DOCUMENT_FIELDS),
    Dataset(f"{OPEN_DATA_DIR}/van-ban.json", "Văn bản pháp lý và quan hệ giữa chúng (JSON)", ()),
    Dataset(f"{OPEN_DATA_DIR}/dia-ban.csv", "Địa bàn: trung ương, tỉnh, huyện (CSV)", _JURISDICTION_FIELDS),
    Dataset(
        f"{OPEN_DATA_DIR}/ke-thua.csv",
        "Kế thừa nhiệm vụ khi sắp xếp tổ chức: mỗi dòng một cơ quan nhận trong một sự kiện (CSV)",
        _EVENT_FIELDS,
    ),
    Dataset(f"{OPEN_DATA_DIR}/dia-ban-va-ke-thua.json", "Địa bàn, thay đổi địa giới và sự kiện kế thừa (JSON)", ()),
)


def _headers(fields: tuple[tuple[str, str, str], ...]) -> list[str]:
    return [header for _, header, _ in fields]


def _value(value: Any) -> Any:
    if isinstance(value, Unknown):
        return {"unknown": value.reason, "not_before": value.not_before.isoformat() if value.not_before else None}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _flat(value: Any) -> str:
    """CSV cells: unknowns are empty (the JSON carries the reason)."""
    if value is None or isinstance(value, Unknown):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _clause_json(plan: Plan, clause: Clause) -> dict[str, Any]:
    return {
        "ref": clause.ref,
        "anchor": clause.anchor,
        "label": clause.label,
        "title": clause.title,
        "text": clause.text,
        "roles": [
            {"role": r.role.value, "actor": r.actor_id, "editorial": r.editorial, "note": r.note} for r in clause.roles
        ],
        "basis": [{"document": b.document_id, "editorial": b.editorial, "note": b.note} for b in clause.basis],
        "deadline": {"text": clause.deadline.text, "normalized": clause.deadline.normalized}
        if clause.deadline
        else None,
        "note": clause.note,
        "numbering": clause.numbering,
        "footnotes": [{"marker": f.marker, "text": f.text} for f in clause.footnotes],
        "url": routes.clause_url(plan, clause),
        "items": [_clause_json(plan, child) for child in clause.children],
    }


def _decision_json(decision: Decision) -> dict[str, Any]:
    signer = decision.signer
    return {
        "document": decision.document_id,
        "type": decision.type,
        "authority": decision.authority,
        "title": decision.title,
        "preamble": decision.preamble,
        "articles": [{"number": a.number, "anchor": a.anchor, "text": a.text} for a in decision.articles],
        "to": list(decision.to),
        "text": decision.text,
        "signer": {"name": signer.name, "authority": signer.authority, "position": signer.position} if signer else None,
    }


def plans_json(portfolio: Portfolio) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "plans": [
            {
                "id": plan.id,
                "type": plan.type,
                "type_line": plan.type_line,
                "number": _value(plan.number),
                "date": _value(plan.date),
                "issuer": {"agency": plan.issuer_id, "editorial": plan.issuer_editorial, "note": plan.issuer_note},
                "title": plan.title,
                "implements": [ref.document_id for ref in plan.implements],
                "signer": {
                    "name": plan.signer.name,
                    "authority": plan.signer.authority,
                    "position": plan.signer.position,
                },
                "url": routes.plan_url(plan),
                "opening": _clause_json(plan, plan.opening) if plan.opening else None,
                "sections": [_clause_json(plan, s) for s in plan.sections],
                "closing": _clause_json(plan, plan.closing) if plan.closing else None,
                "recipients": [{"text": r.text, "agencies": list(r.agency_ids)} for r in plan.recipients],
                "decision": _decision_json(plan.decision) if plan.decision else None,
                "appendices": [
                    {
                        "ref": a.ref,
                        "anchor": a.anchor,
                        "title": a.title,
                        "caption": a.caption,
                        "items": [_clause_json(plan, item) for item in a.items],
                    }
                    for a in plan.appendices
                ],
            }
            for plan in portfolio.plans
        ],
    }


def agencies_json(portfolio: Portfolio) -> dict[str, Any]:
    published = {a.id for a in routes.published_agencies(portfolio)}
    return {
        "format_version": FORMAT_VERSION,
        "agencies": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "jurisdiction": a.jurisdiction_id,
                "from": _value(a.period.start),
                "until": _value(a.period.end),
                "standard": a.generated,
                "short_names": list(a.short_names),
                "spellings": list(a.spellings),
                "url": routes.agency_url(a) if a.id in published else None,
            }
            for a in portfolio.agencies
        ],
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "spellings": list(g.spellings),
                "jurisdiction": g.jurisdiction_id,
                "members": list(g.members),
                "membership_note": g.note,
                "url": routes.agency_url(g),
            }
            for g in portfolio.groups
        ],
    }


def documents_json(portfolio: Portfolio) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "documents": [
            {
                "id": d.id,
                "type": d.type,
                "number": _value(d.number),
                "date": _value(d.date),
                "effective_date": _value(d.effective_date),
                "status": d.status.value if d.status else None,
                "fields": list(d.fields),
                "issuer": d.issuer,
                "title": _value(d.title),
                "signer": _value(d.signer),
                "source_url": d.source_url,
                "verification": d.verification.value,
                "verification_note": d.verification_note,
                "relations": [
                    {"type": r.type.value, "target": r.target_id, "editorial": r.editorial} for r in d.relations
                ],
                "url": routes.document_url(d),
            }
            for d in portfolio.documents
        ],
    }


#: Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"): = + - @,
#: and tab and carriage return, which some programs skip before looking for one. Line feed too,
#: for the same reason.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Put before such a cell. Spreadsheets then read the cell as text; the JSON files keep the exact text.
TEXT_PREFIX = "'"


def csv_cell(value: str) -> str:
    """A CSV cell that no spreadsheet evaluates: a cell starting with a formula trigger gets a
    leading apostrophe ("- Tổ chức…" → "'- Tổ chức…", "=HYPERLINK(…)" → "'=HYPERLINK(…)")."""
    return TEXT_PREFIX + value if value.startswith(FORMULA_TRIGGERS) else value


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(_flat(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


#: The header of the matrix's first columns, in the CSV and the spreadsheet alike.
MATRIX_HEADER = ("Mục", "Tên mục", "Nội dung (nguyên văn)")


def role_cell(assignment: RoleAssignment | None) -> str:
    """What the matrix says of one actor in one clause: "Chủ trì", "Phối hợp (biên tập)", or nothing."""
    if assignment is None:
        return ""
    return assignment.role.label + (" (biên tập)" if assignment.editorial else "")


def matrix_rows(columns: Sequence[Agency | Group], clauses: Sequence[Clause]) -> list[list[str]]:
    """The matrix's rows as text: number, title, text, then the role of each column's actor."""
    out = []
    for clause in clauses:
        first: dict[str, RoleAssignment] = {}
        for assignment in clause.roles:
            first.setdefault(assignment.actor_id, assignment)
        out.append([clause.ref, clause.title or "", clause.text or "", *[role_cell(first.get(a.id)) for a in columns]])
    return out


def matrix_csv(columns: Sequence[Agency | Group], clauses: Sequence[Clause]) -> bytes:
    """The assignment matrix as a wide table: one row per clause, one column per actor (in the order of
    the page: most involved first), with Vietnamese headers."""
    return _csv([*MATRIX_HEADER, *[a.name for a in columns]], matrix_rows(columns, clauses))


def _now(succession: Succession, actor: Agency | Group, functions: tuple[str, ...]) -> tuple[str, tuple[Holder, ...]]:
    """(status, holders) of a duty today, for the open data (see the ``now_status`` field)."""
    if isinstance(actor, Group) or not succession.has_ended(actor):
        return "con-hoat-dong", ()
    holders = succession.present_holders(actor.id, functions)
    if not holders:
        return "chua-ro", ()
    if any(h.candidate for h in holders):
        return "chua-xac-dinh", holders
    return ("da-xac-minh" if all(h.verified for h in holders) else "chua-xac-minh"), holders


def _refs(refs: Iterable[DocumentRef]) -> list[dict[str, Any]]:
    return [{"document": r.document_id, "article": r.article} for r in refs]


def places_json(portfolio: Portfolio) -> dict[str, Any]:
    """Jurisdictions, the changes of the administrative map and the succession events."""
    return {
        "format_version": FORMAT_VERSION,
        "as_of": portfolio.as_of.isoformat(),
        "jurisdictions": [
            {
                "id": j.id,
                "name": j.name,
                "level": j.level.value,
                "parent": j.parent_id,
                "from": _value(j.period.start),
                "until": _value(j.period.end),
                "note": j.note,
            }
            for j in portfolio.jurisdictions
        ],
        "changes": [
            {
                "kind": c.kind.value,
                "from": list(c.from_ids),
                "to": list(c.to_ids),
                "date": _value(c.date),
                "basis": _refs(c.basis),
                "certainty": c.certainty.value,
                "note": c.note,
            }
            for c in portfolio.changes
        ],
        "functions": [{"id": f.id, "name": f.name} for f in portfolio.functions],
        "events": [
            {
                "kind": e.kind.value,
                "from": list(e.from_ids),
                "to": [
                    {
                        "agency": s.agency_id,
                        "functions": list(s.functions),
                        "certainty": s.certainty.value,
                        "basis": _refs(s.basis),
                        "note": s.note,
                    }
                    for s in e.successors
                ],
                "date": _value(e.date),
                "basis": _refs(e.basis),
                "certainty": e.certainty.value,
                "generated": e.generated,
                "note": e.note,
            }
            for e in portfolio.events
        ],
    }


def open_data_files(portfolio: Portfolio) -> dict[str, bytes]:
    """Every open-data file, path (relative to the site root) → content."""
    succession = Succession(portfolio)
    clause_rows = []
    role_rows = []
    for plan in portfolio.plans:
        for clause in plan.clauses():
            clause_rows.append(
                [
                    plan.id,
                    clause.ref,
                    clause.anchor,
                    clause.label,
                    clause.depth,
                    clause.title,
                    clause.text,
                    clause.deadline.text if clause.deadline else None,
                    clause.deadline.normalized if clause.deadline else None,
                    ";".join(b.document_id for b in clause.basis),
                    routes.clause_url(plan, clause),
                ]
            )
            for r in clause.roles:
                actor = portfolio.actor(r.actor_id)
                now = _now(succession, actor, r.functions)
                role_rows.append(
                    [
                        plan.id,
                        clause.ref,
                        r.role.value,
                        r.role.label,
                        actor.id,
                        actor.name,
                        actor.is_group,
                        r.editorial,
                        r.note,
                        ";".join(h.agency.id for h in now[1]),
                        ";".join(h.agency.name for h in now[1]),
                        now[0],
                    ]
                )
    published = {a.id for a in routes.published_agencies(portfolio)}
    agency_rows = [
        [
            a.id,
            a.name,
            a.kind,
            False,
            a.jurisdiction_id,
            a.period.start,
            a.period.end,
            a.generated,
            ";".join(a.short_names),
            "",
            routes.agency_url(a) if a.id in published else "",
        ]
        for a in portfolio.agencies
    ]
    agency_rows += [
        [g.id, g.name, "", True, g.jurisdiction_id, None, None, False, "", ";".join(g.members), routes.agency_url(g)]
        for g in portfolio.groups
    ]
    jurisdiction_urls = {j.id for j in routes.published_jurisdictions(portfolio, routes.published_agencies(portfolio))}
    jurisdiction_rows = [
        [
            j.id,
            j.name,
            j.level.value,
            j.parent_id,
            j.period.start,
            j.period.end,
            routes.jurisdiction_url(j) if j.id in jurisdiction_urls else "",
        ]
        for j in portfolio.jurisdictions
    ]
    event_rows = [
        [
            index,
            event.kind.value,
            event.date,
            from_id,
            successor.agency_id,
            ";".join(successor.functions),
            successor.certainty.value,
            ";".join(b.document_id for b in (successor.basis or event.basis)),
            event.generated,
        ]
        for index, event in enumerate(portfolio.events, 1)
        for from_id in event.from_ids
        for successor in event.successors
    ]
    document_rows = [
        [
            d.id,
            d.type,
            d.number,
            d.date,
            d.effective_date,
            d.status.value if d.status else None,
            ";".join(d.fields),
            d.issuer,
            d.title,
            d.verification.value,
            d.source_url,
            routes.document_url(d),
        ]
        for d in portfolio.documents
    ]
    files = {
        f"{OPEN_DATA_DIR}/ke-hoach.json": _json(plans_json(portfolio)),
        f"{OPEN_DATA_DIR}/muc.csv": _csv(_headers(_CLAUSE_FIELDS), clause_rows),
        f"{OPEN_DATA_DIR}/phan-cong.csv": _csv(_headers(_ROLE_FIELDS), role_rows),
        f"{OPEN_DATA_DIR}/co-quan.csv": _csv(_headers(_AGENCY_FIELDS), agency_rows),
        f"{OPEN_DATA_DIR}/co-quan.json": _json(agencies_json(portfolio)),
        f"{OPEN_DATA_DIR}/van-ban.csv": _csv(_headers(_DOCUMENT_FIELDS), document_rows),
        f"{OPEN_DATA_DIR}/van-ban.json": _json(documents_json(portfolio)),
        f"{OPEN_DATA_DIR}/dia-ban.csv": _csv(_headers(_JURISDICTION_FIELDS), jurisdiction_rows),
        f"{OPEN_DATA_DIR}/ke-thua.csv": _csv(_headers(_EVENT_FIELDS), event_rows),
        f"{OPEN_DATA_DIR}/dia-ban-va-ke-thua.json": _json(places_json(portfolio)),
    }
    for name in ALL_SCHEMA_FILES:
        files[f"{OPEN_DATA_DIR}/schemas/{name}"] = (SCHEMA_DIR / name).read_bytes()
    return files
