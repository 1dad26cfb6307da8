"""From the parsed parts of a plan to the data of a plan file, with links, roles and proposals.

Everything the importer links is an id that ``data/`` already has, so the plan validates as written.
Names and documents ``data/`` lacks go to the proposals (``agencies``, ``groups``, ``documents`` in the
formats of data/agencies.yaml and data/documents.yaml) and are named in the clause's ``check:``, to be
linked once the editor has added them. Every reading the importer is unsure of is a ``check:`` line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..data.model import appendix_ref, format_date
from ..data.records import ROMAN
from ..data.values import fold
from .agencies import AgencyIndex, Mention, slug
from .data import ReferenceData
from .parse import Decision, Header, Node, Para, ParsedPlan, Table, appendix_heading
from .refs import DocumentIndex, Reference, find_references
from .roles import ROLE_WORDS, find_deadline, find_roles, heading_actors, settle

#: Sections whose numbered headings name the agency responsible for the items under them.
_DUTY_SECTIONS = ("to chuc thuc hien", "phan cong", "trach nhiem", "nhiem vu cua cac", "giao nhiem vu")
_ROMAN_NUMERAL = re.compile(r"^[IVX]+$")


@dataclass
class Proposals:
    """Entries the editor may add to data/agencies.yaml and data/documents.yaml."""

    agencies: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.agencies or self.groups or self.documents)

    def as_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in ("agencies", "groups", "documents"):
            entries = list(getattr(self, key).values())
            if entries:
                out[key] = entries
        return out


@dataclass
class ImportResult:
    plan: dict[str, Any]
    comments: list[str]  # plan-level points for the editor, written as YAML comments
    proposals: Proposals
    clauses: int = 0
    roles: int = 0
    checks: int = 0


@dataclass
class _Context:
    data: ReferenceData
    agencies: AgencyIndex
    documents: DocumentIndex
    proposals: Proposals
    source: str
    comments: list[str] = field(default_factory=list)
    clauses: int = 0
    roles: int = 0
    checks: int = 0


def build_plan(parsed: ParsedPlan, data: ReferenceData, plan_id: str, source: str, text_file: str) -> ImportResult:
    """The plan file's data for ``parsed``; ``source`` is the text file's name, for notes, and
    ``text_file`` the path the plan gives for it (``sources/…``, relative to the repository)."""
    proposals = Proposals()
    documents = DocumentIndex(data)
    ctx = _Context(data, AgencyIndex(data), documents, proposals, source)
    ctx.comments.extend(parsed.notes)
    for table in parsed.tables:
        _place_table(table)

    plan: dict[str, Any] = {"id": plan_id, "type": parsed.doc_type}
    all_refs = [r for text in _all_texts(parsed) for r in find_references(text)]
    plan["number"] = _number(parsed)
    plan["date"] = _date(parsed, all_refs, ctx)
    plan["issuer"] = _issuer(parsed, ctx)
    plan["title"] = parsed.title
    implements = _implements(parsed.title, ctx)
    if implements:
        plan["implements"] = implements
    decision_id = _decision_document(parsed, plan_id, ctx)
    if parsed.decision is not None:
        plan["decision"] = _decision(parsed.decision, decision_id, ctx)
    if parsed.opening:
        plan["opening"] = _paragraph(parsed.opening, ctx, "phần mở đầu", with_roles=False)
    plan["sections"] = [_clause(node, None, ctx, duty=False) for node in parsed.sections]
    if parsed.closing:
        plan["closing"] = _paragraph(parsed.closing, ctx, "đoạn kết", with_roles=True)
    recipients = parsed.recipients or (parsed.decision.recipients if parsed.decision else [])
    if recipients:
        plan["recipients"] = [_recipient(text, ctx) for text in recipients]
    plan["signer"] = _signer(parsed, ctx)
    appendices = [a for n, table in enumerate(parsed.appendices, 1) if (a := _appendix(table, n, ctx))]
    if appendices:
        plan["appendices"] = appendices
    plan["source"] = _source(parsed, text_file)
    if parsed.decision is None and issuing_decision(parsed) is not None:
        plan["note"] = _attached_note(decision_id, parsed, ctx)
    proposals.documents.update(documents.proposals)
    _place_proposals(proposals, _home_jurisdiction(plan["issuer"], parsed, ctx), ctx)
    return ImportResult(plan, ctx.comments, proposals, ctx.clauses, ctx.roles, ctx.checks)


def _all_texts(parsed: ParsedPlan) -> list[str]:
    texts = [parsed.title, *(p.text for p in parsed.opening), *(p.text for p in parsed.closing)]
    for section in parsed.sections:
        for node in section.walk():
            texts += [node.head.text, *(p.text for p in node.paras), *(p.text for p in node.attributes)]
    return texts


# --- metadata ------------------------------------------------------------------------------------


def _number(parsed: ParsedPlan) -> str | dict[str, str]:
    header = parsed.header
    if header.number:
        return header.number
    if header.number_written:
        return {"unknown": "Dòng «Số:» của bản văn bản để trống số hiệu."}
    decision = issuing_decision(parsed)
    if decision is not None or parsed.decision is not None:
        return {"unknown": f"Văn bản không có số hiệu riêng: được ban hành kèm theo {_cite(decision)}."}
    return {"unknown": "Bản văn bản dùng để nhập liệu không có phần đầu ghi số hiệu."}


def issuing_decision(parsed: ParsedPlan) -> Reference | None:
    """The Quyết định the plan was issued with: from the Quyết định in the text, or from the line
    "(Ban hành kèm theo Quyết định số … ngày …)" under the title."""
    number = parsed.decision.header.number if parsed.decision is not None else None
    if parsed.decision is not None and number:
        date = parsed.decision.header.date
        return Reference(0, 0, "quyet-dinh", "Quyết định", number, date, None, f"Quyết định số {number}")
    for ref in find_references(parsed.attached_note or ""):
        if ref.type == "quyet-dinh":
            return ref
    return None


def _cite(ref: Reference | None) -> str:
    if ref is None:
        return "một Quyết định"
    return f"Quyết định số {ref.number}" + (f" ngày {format_date(ref.date)}" if ref.date else "")


def _date(parsed: ParsedPlan, refs: list[Reference], ctx: _Context) -> str | dict[str, str]:
    header = parsed.header
    if header.date:
        return format_date(header.date)
    decision = issuing_decision(parsed)
    if decision is not None and decision.date is not None:
        # a plan "ban hành kèm theo" a Quyết định is issued by it, on its date
        if not (parsed.attached_note and decision.citation in " ".join(parsed.attached_note.split())):
            ctx.comments.append("ngày ban hành lấy theo ngày của Quyết định ban hành kèm theo văn bản")
        return format_date(decision.date)
    if header.date_month:
        month, year = header.date_month
        return {
            "unknown": f"Bản văn bản để trống ngày ban hành (chỉ ghi tháng {month} năm {year}).",
            "not_before": format_date(dt.date(year, month, 1)),
        }
    cited = [r for r in refs if r.date is not None]
    reason = "Bản văn bản dùng để nhập liệu không ghi ngày ban hành."
    if not cited:
        return {"unknown": reason}
    latest = max(cited, key=lambda r: r.date or dt.date.min)
    assert latest.date is not None
    return {
        "unknown": f"{reason} Văn bản trích dẫn {latest.type_word} số {latest.number} ngày {format_date(latest.date)} "
        "nên được ban hành từ ngày đó trở về sau.",
        "not_before": format_date(latest.date),
    }


def _issuer(parsed: ParsedPlan, ctx: _Context) -> dict[str, Any]:
    for header in (parsed.header, parsed.decision.header if parsed.decision else None):
        if header is None or not header.issuer_lines:
            continue
        found = _issuer_from_lines(header, ctx)
        if found:
            return {"agency": found}
    for para in parsed.opening:
        # "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch …": the agency named right before "ban hành"
        for mention in ctx.agencies.find(para.text, [(r.start, r.end) for r in find_references(para.text)]):
            if mention.actor_id and re.match(
                r" ban hành (?:Kế hoạch|Chương trình|Đề án|Quyết định|Hướng dẫn)", para.text[mention.end :]
            ):
                return {
                    "agency": mention.actor_id,
                    "editorial": True,
                    "note": f"Bản văn bản không có phần đầu ghi cơ quan ban hành; cơ quan được lấy theo câu "
                    f"«{mention.text} ban hành …» của phần mở đầu.",
                }
    lines = parsed.header.issuer_lines or (parsed.decision.header.issuer_lines if parsed.decision else [])
    if lines:
        name = " ".join(lines)
        proposal = _propose_agency(Mention(0, len(name), name, None, kind="khac"), "phần đầu văn bản", ctx)
        ctx.comments.append(
            f"cơ quan ban hành «{name}» chưa có trong data/agencies.yaml: đã đề xuất mã {proposal}; "
            "kế hoạch chỉ hợp lệ sau khi bổ sung cơ quan này"
        )
        return {"agency": proposal}
    ctx.comments.append("không tìm thấy cơ quan ban hành (văn bản không có phần đầu): điền issuer.agency")
    return {"agency": "chua-xac-dinh"}


def _issuer_from_lines(header: Header, ctx: _Context) -> str | None:
    lines = header.issuer_lines
    # "UBND TỈNH X / SỞ Y TẾ": the issuer is the last line; "ỦY BAN NHÂN DÂN / TỈNH X" is one name on two lines
    for start in range(len(lines) - 1, -1, -1):
        found = ctx.agencies.actor_for(" ".join(lines[start:]))
        if found:
            return found
    return None


def _implements(title: str, ctx: _Context) -> list[str]:
    """The document the title says the plan carries out: the first one after "thực hiện"/"triển khai"."""
    for ref in find_references(title):
        if not re.search(r"(?:thuc hien|trien khai)", fold(title[: ref.start])):
            continue
        resolution = ctx.documents.resolve(ref, "trích yếu")
        if resolution.document_id:
            if resolution.check:
                ctx.comments.append(f"implements: {resolution.check}")
            return [resolution.document_id]
        ctx.comments.append(f"implements: {resolution.check}")
        return []
    return []


def _signer(parsed: ParsedPlan, ctx: _Context) -> dict[str, str]:
    signature = parsed.signature or (parsed.decision.signature if parsed.decision else None)
    out: dict[str, str] = {}
    if signature and signature.authority:
        out["authority"] = ", ".join(signature.authority)
    if signature and signature.position:
        out["position"] = signature.position
    if signature and signature.name:
        out["name"] = signature.name
    else:
        out["name"] = "Chưa rõ người ký"
        ctx.comments.append("bản văn bản không ghi tên người ký: signer.name là chữ giữ chỗ, cần điền")
    return out


def _source(parsed: ParsedPlan, text_file: str) -> dict[str, str]:
    note = "Nhập bằng scripts/import từ bản văn bản thuần (text)."
    if parsed.joins:
        note += (
            f" {parsed.joins} chỗ câu bị ngắt giữa chừng (thường do sang trang) đã được nối lại; "
            "mỗi chỗ được đánh dấu check: ở mục tương ứng."
        )
    return {"text_file": text_file, "note": note}


def _recipient(text: str, ctx: _Context) -> str | dict[str, Any]:
    """A recipient line is linked only when it is nothing but names of known agencies."""
    mentions = ctx.agencies.find(text)
    if not mentions or any(m.actor_id is None for m in mentions):
        return text
    rest = text
    for mention in mentions:
        rest = rest.replace(mention.text, " ", 1)
    if not re.fullmatch(r"[\s,;.và]*", rest):
        return text
    return {"text": text, "agencies": list(dict.fromkeys(m.actor_id for m in mentions if m.actor_id))}


def _decision_document(parsed: ParsedPlan, plan_id: str, ctx: _Context) -> str | None:
    """The id of the Quyết định that issued the plan: known in data/, or proposed as a document that
    approves (``phe-chuan``) the plan. ``None`` when the text does not say which Quyết định it is."""
    decision = parsed.decision
    ref = issuing_decision(parsed)
    if ref is None:
        return None
    before = set(ctx.documents.proposals)
    resolution = ctx.documents.resolve(
        ref, "dòng «ban hành kèm theo»" if decision is None else "phần đầu của Quyết định ban hành kèm theo"
    )
    if resolution.proposal_id and resolution.proposal_id not in before:
        entry = ctx.documents.proposals[resolution.proposal_id]
        if decision is not None:
            _describe_decision(entry, decision, ctx)
        entry["relations"] = [{"type": "phe-chuan", "target": plan_id}]
        order = (
            "id",
            "type",
            "number",
            "date",
            "issuer",
            "title",
            "signer",
            "verification",
            "verification_note",
            "relations",
        )
        ctx.documents.proposals[resolution.proposal_id] = {k: entry[k] for k in order if k in entry}
    elif resolution.document_id is None and resolution.check:
        ctx.comments.append(resolution.check)
    return resolution.document_id or resolution.proposal_id


def _attached_note(document_id: str | None, parsed: ParsedPlan, ctx: _Context) -> str:
    """The editorial note of a plan exported without the Quyết định that issued it."""
    known = document_id if document_id in ctx.data.document_ids else None
    return f"Văn bản được ban hành kèm theo {_cite(issuing_decision(parsed))}" + (f" ({known})" if known else "") + "."


def _decision(decision: Decision, document_id: str | None, ctx: _Context) -> dict[str, Any]:
    """The Quyết định's own words, as official text of the plan (``decision:``), never as a note."""
    if document_id is None:
        document_id = "chua-xac-dinh"
        ctx.comments.append(
            "Quyết định ban hành kèm theo không ghi số hiệu: điền decision.document bằng mã của "
            "Quyết định trong data/documents.yaml"
        )
    elif document_id not in ctx.data.document_ids:
        ctx.comments.append(
            f"decision.document: Quyết định {document_id} chưa có trong data/documents.yaml: "
            "đã đề xuất; kế hoạch chỉ hợp lệ sau khi bổ sung văn bản này"
        )
    out: dict[str, Any] = {"document": document_id}
    if decision.authority:
        out["authority"] = decision.authority
    if decision.title:
        out["title"] = decision.title
    if decision.preamble:
        out["preamble"] = "\n\n".join(decision.preamble)
    out["articles"] = [{"number": a.number, "text": a.text} for a in decision.articles]
    signature = decision.signature
    if signature.name:
        signer: dict[str, str] = {}
        if signature.authority:
            signer["authority"] = ", ".join(signature.authority)
        if signature.position:
            signer["position"] = signature.position
        signer["name"] = signature.name
        out["signer"] = signer
    return out


def _describe_decision(entry: dict[str, Any], decision: Decision, ctx: _Context) -> None:
    """Fill a proposed Quyết định from its own header, title and signature."""
    header = decision.header
    issuer = _issuer_from_lines(header, ctx) if header.issuer_lines else None
    agency = next((a for a in ctx.data.agencies if a.id == issuer), None)
    entry["issuer"] = agency.name if agency else (" ".join(header.issuer_lines) or entry["issuer"])
    entry["title"] = decision.title or entry["title"]
    signature = decision.signature
    if signature.name:
        capacity = ", ".join([*signature.authority, *([signature.position] if signature.position else [])])
        entry["signer"] = signature.name + (f" ({capacity})" if capacity else "")
    entry["verification_note"] = (
        f"Đề xuất bởi công cụ nhập liệu từ phần đầu của Quyết định trong {ctx.source}; chưa đối chiếu với bản gốc."
    )


# --- clauses -------------------------------------------------------------------------------------


def _paragraph(paras: list[Para], ctx: _Context, where: str, *, with_roles: bool) -> dict[str, Any]:
    text = "\n\n".join(p.text for p in paras)
    checks = [c for p in paras for c in p.checks]
    out: dict[str, Any] = {"text": text}
    _fill(out, None, text, [], ctx, where, checks, with_roles=with_roles, with_deadline=False)
    return out


def _clause(
    node: Node,
    parent: tuple[str, str] | None,
    ctx: _Context,
    *,
    duty: bool,
    heading: list[Mention] | None = None,
    heading_doubt: str | None = None,
    dash_index: int = 0,
    prefix: str = "",
) -> dict[str, Any]:
    """One clause and its items. ``parent`` is (ref, number); ``heading`` the actors named above;
    ``prefix`` starts the ref of an appendix row in messages (``PL1.``)."""
    ref = _ref(node, parent, dash_index)
    where = f"mục {prefix}{ref}"
    title, text = _title_and_text(node)
    out: dict[str, Any] = {"number": node.number}
    if title is not None:
        out["title"] = title
    if text is not None:
        out["text"] = text
    checks = list(node.checks) + [c for p in (node.head, *node.paras, *node.attributes) for c in p.checks]
    if parent is None:
        duty = any(word in fold(title or "") for word in _DUTY_SECTIONS)
    named: list[Mention] = []
    if title is not None and parent is not None:
        named = heading_actors(title, ctx.agencies.find(title, [(r.start, r.end) for r in find_references(title)]))
        if named:
            heading = named
            heading_doubt = None if duty else "tên cơ quan ở tiêu đề mục được hiểu là cơ quan thực hiện các nội dung"
    if text is not None:
        _fill(out, title, text, heading or [], ctx, where, checks, heading_doubt=heading_doubt, note=node.note)
    else:
        # a heading that is a sentence ("1. Sở Y tế chủ trì, phối hợp … các nội dung sau:") gives roles itself;
        # one that only names agencies gives them to the items under it
        wording = title if title is not None and parent is not None and not named else ""
        _fill(out, title, wording, [], ctx, where, checks, note=node.note)
    ctx.clauses += 1
    if node.children:
        items = []
        dashes = 0
        for child in node.children:
            dashes += child.kind == "dash"
            items.append(
                _clause(
                    child,
                    (ref, node.number),
                    ctx,
                    duty=duty,
                    heading=heading,
                    heading_doubt=heading_doubt,
                    dash_index=dashes,
                    prefix=prefix,
                )
            )
        out["items"] = items
    return out


def _fill(
    out: dict[str, Any],
    title: str | None,
    text: str,
    heading: list[Mention],
    ctx: _Context,
    where: str,
    checks: list[str],
    *,
    heading_doubt: str | None = None,
    with_roles: bool = True,
    with_deadline: bool = True,
    note: str | None = None,
) -> None:
    """Add roles, basis, deadline and check to a clause, in the schema's key order."""
    basis: list[str] = []
    masked: list[tuple[int, int]] = []
    for source_text, is_text in ((title or "", False), (text, True)):
        for ref in find_references(source_text):
            resolution = ctx.documents.resolve(ref, where)
            if resolution.document_id:
                basis.append(resolution.document_id)
            if resolution.check:
                checks.append(resolution.check)
            if is_text:
                masked.append((ref.start, ref.end))
        for doc_id, check in ctx.documents.by_title(source_text):
            if doc_id not in basis:
                basis.append(doc_id)
                checks.append(check)
    for document in ctx.data.documents:  # titles quoted in the text are no agency mentions
        if isinstance(document.title, str):
            at = text.find(document.title)
            if at >= 0:
                masked.append((at, at + len(document.title)))
    roles: dict[str, list[str]] = {}
    if with_roles and text:
        mentions = ctx.agencies.find(text, masked)
        result = settle(find_roles(text, mentions, heading, heading_doubt))
        roles = {role: ids for role, ids in result.roles.items()}
        checks.extend(result.checks)
        for item in result.unknown:
            existing = item.mention.proposed_id
            if existing in ctx.data.actor_ids and existing not in roles.get(item.role, []):
                roles.setdefault(item.role, []).append(existing)
                checks.append(
                    f"«{item.mention.text}» được gắn với {existing} theo mã; nếu đúng, thêm cách viết này "
                    "vào spellings của cơ quan"
                )
                continue
            proposal = _propose_agency(item.mention, where, ctx)
            checks.append(
                f"«{item.mention.text}» ({ROLE_WORDS[item.role]}) chưa có trong data/agencies.yaml: đã đề "
                f"xuất mã {proposal}; thêm vào roles.{item.role} sau khi bổ sung"
                + (f" ({item.doubt})" if item.doubt else "")
            )
        roles = {role: list(dict.fromkeys(ids)) for role in ROLE_WORDS if (ids := roles.get(role))}
    if roles:
        out["roles"] = roles
        ctx.roles += sum(len(ids) for ids in roles.values())
    if basis:
        out["basis"] = list(dict.fromkeys(basis))
    if with_deadline and text:
        deadline = find_deadline(text, has_roles=bool(roles) or bool(heading))
        if deadline:
            out["deadline"] = {"text": deadline.text}
            if deadline.check:
                checks.append(deadline.check)
    if note:
        out["note"] = note
    if checks:
        out["check"] = "\n".join(dict.fromkeys(checks))
        ctx.checks += len(dict.fromkeys(checks))


def _title_and_text(node: Node) -> tuple[str | None, str | None]:
    head = node.head.text
    paras = [p.text for p in node.paras]
    attributes = "\n".join(p.text for p in node.attributes)
    if node.heading_only:
        return head, None
    # a dash item is never a heading: "- Các sở … rà soát, gồm:" is the text its "+" items continue
    if node.kind == "roman" or (node.kind != "dash" and (node.children or paras) and _looks_like_heading(head)):
        body = "\n\n".join(paras)
        if attributes:
            body = f"{body}\n{attributes}" if body else attributes
        return head, body or None
    text = "\n\n".join([head, *paras])
    if attributes:
        text = f"{text}\n{attributes}"
    return None, text


def _looks_like_heading(text: str) -> bool:
    stripped = text.rstrip()
    if stripped.endswith((".", ";", "!", "?", "…")):
        return False
    return not stripped.endswith(":") or len(stripped) < 100


def _ref(node: Node, parent: tuple[str, str] | None, dash_index: int) -> str:
    """The citation form the validator gives a clause ("II.2.4", "II.2.a", "II.2.a.-1")."""
    if node.kind == "dash":
        return f"{parent[0]}.-{dash_index}" if parent else f"-{dash_index}"
    if parent is None:
        return node.number
    parent_ref, parent_number = parent
    if "." in node.number or _ROMAN_NUMERAL.match(parent_number):
        top = parent_ref.split(".")[0]
        return f"{top}.{node.number}" if _ROMAN_NUMERAL.match(top) else node.number
    return f"{parent_ref}.{node.number}"


def _home_jurisdiction(issuer: dict[str, Any], parsed: ParsedPlan, ctx: _Context) -> str | None:
    """The jurisdiction whose bodies the plan's names mean: its issuer's, or the one its header names."""
    known = {a.id: a for a in ctx.data.agencies}
    if issuer.get("agency") in known:
        return known[issuer["agency"]].jurisdiction_id
    lines = fold(
        " ".join(parsed.header.issuer_lines or (parsed.decision.header.issuer_lines if parsed.decision else []))
    )
    for jurisdiction in sorted(ctx.data.jurisdictions, key=lambda j: -len(j.name)):
        if lines and re.search(rf"\b{re.escape(fold(jurisdiction.name))}\b", lines):
            return jurisdiction.id
    return None


def _place_proposals(proposals: Proposals, home: str | None, ctx: _Context) -> None:
    """Each proposed agency or group belongs to the plan's jurisdiction (the editor checks it)."""
    for entry in (*proposals.agencies.values(), *proposals.groups.values()):
        entry["jurisdiction"] = home or "chua-xac-dinh"
        ordered: dict[str, Any] = {k: entry[k] for k in ("id", "name", "jurisdiction") if k in entry}
        ordered.update(entry)
        entry.clear()
        entry.update(ordered)
    if home is None and (proposals.agencies or proposals.groups):
        ctx.comments.append(
            "không xác định được địa bàn của kế hoạch: ghi 'jurisdiction:' của các cơ quan đề xuất "
            "(mã địa bàn trong data/jurisdictions.yaml)"
        )


def _propose_agency(mention: Mention, where: str, ctx: _Context) -> str:
    """Add ``mention`` to the proposals (as a group if it names several agencies); its proposed id."""
    base = mention.proposed_id or "co-quan"
    name = mention.text[0].upper() + mention.text[1:]
    existing = {**ctx.proposals.agencies, **ctx.proposals.groups}
    for proposed in existing.values():
        if proposed["name"] == name:
            return str(proposed["id"])
    proposal_id, n = base, 2
    while proposal_id in ctx.data.actor_ids or proposal_id in existing:
        proposal_id, n = f"{base}-{n}", n + 1
    note = f"Đề xuất bởi công cụ nhập liệu: «{mention.text}» ở {where} của {ctx.source}."
    if mention.collective:
        entry: dict[str, Any] = {"id": proposal_id, "name": name}
        if re.match(r"(?:UBND|Ủy ban nhân dân) (?:các huyện|cấp huyện)", mention.text):
            entry["member_kinds"] = ["ubnd-cap-huyen"]
        entry["note"] = note + " Văn bản không liệt kê thành viên; biên tập viên xác định thành viên của nhóm."
        ctx.proposals.groups[proposal_id] = entry
    else:
        ctx.proposals.agencies[proposal_id] = {
            "id": proposal_id,
            "name": name,
            "kind": mention.kind or "khac",
            "note": note + " Kiểm tra tên chính thức và loại cơ quan.",
        }
    return proposal_id


# --- tables --------------------------------------------------------------------------------------


@dataclass
class _Row:
    """A row of a task table: its TT cell, its content, its other cells as (column, value)."""

    line: int
    number: str
    content: str
    others: list[tuple[str, str]]
    group: bool  # a group row ("I | CẢI CÁCH THỂ CHẾ | | |"): a heading over the rows below it


def _rows(table: Table) -> list[_Row]:
    columns = table.columns
    folded = [fold(c) for c in columns]
    number_col = next((i for i, c in enumerate(folded) if c.strip(". ") in ("tt", "stt", "so tt")), None)
    content_col = next(
        (
            i
            for i, c in enumerate(folded)
            if i != number_col and ("noi dung" in c or "nhiem vu" in c or c.startswith("ten"))
        ),
        None,
    )
    if content_col is None:
        content_col = next(i for i in range(len(columns)) if i != number_col)
    out = []
    for line, cells in table.rows:
        cells = cells + [""] * (len(columns) - len(cells))
        number = cells[number_col] if number_col is not None else ""
        content = cells[content_col]
        others = [(columns[i], cells[i]) for i in range(len(columns)) if i not in (number_col, content_col)]
        if not content:
            continue
        group = bool(
            _ROMAN_NUMERAL.match(number)
            or re.fullmatch(r"[A-Z]", number)
            or (not any(v for _, v in others) and content == content.upper())
        )
        out.append(_Row(line, number, content, [(label, value) for label, value in others if value], group))
    return out


def _row_attributes(row: _Row) -> list[Para]:
    """The row's other cells as the lines of its text: "Cơ quan chủ trì: Sở Nội vụ"."""
    return [Para(f"{label}: {value}", row.line) for label, value in row.others]


def _place_table(table: Table) -> None:
    """Rows of a task table in the body become dash items of the clause that holds the table."""
    owner = table.owner
    if owner is None or not table.rows:  # pragma: no cover - build_tree keeps only owned tables
        return
    group: Node | None = None
    for row in _rows(table):
        if row.group:
            group = Node(
                "-",
                "dash",
                Para(row.content, row.line),
                row.line,
                heading_only=True,
                note=f"Mục {row.number} của bảng." if row.number else None,
            )
            owner.children.append(group)
            continue
        node = Node(
            "+" if group else "-",
            "dash",
            Para(row.content, row.line),
            row.line,
            attributes=_row_attributes(row),
            note=f"Dòng số {row.number} của bảng." if row.number else None,
        )
        (group.children if group else owner.children).append(node)


def _appendix(table: Table, index: int, ctx: _Context) -> dict[str, Any] | None:
    """A Phụ lục with its task table: title, caption, and its rows as clauses numbered by the TT column
    (group rows I, II with their rows under them), so they get roles and deadlines like any clause."""
    title, caption = appendix_heading(table)
    rows = _rows(table)
    if not rows:
        ctx.comments.append(
            f"phụ lục ở dòng {table.line} không có bảng nhiệm vụ (dòng dạng «TT | Nội dung | …») nên chưa được nhập"
        )
        return None
    roots: list[Node] = []
    group: Node | None = None
    count = 0
    for row in rows:
        if row.group:
            number = row.number if row.number in ROMAN else ROMAN[min(sum(n.kind == "roman" for n in roots), 14)]
            group = Node(number, "roman", Para(row.content, row.line), row.line, heading_only=True)
            if number != row.number:
                group.checks.append(
                    f"dòng nhóm ở dòng {row.line} đánh số «{row.number}» trong bảng; đã ghi là {number}"
                )
            roots.append(group)
            continue
        count += 1
        number = row.number if row.number.isdigit() else str(count)
        node = Node(number, "arabic", Para(row.content, row.line), row.line, attributes=_row_attributes(row))
        if number != row.number:
            node.checks.append(
                f"dòng ở dòng {row.line} không có số thứ tự hợp lệ («{row.number}»); đã đánh số {number}"
            )
        (group.children if group else roots).append(node)
    out: dict[str, Any] = {"title": title}
    if caption:
        out["caption"] = caption
    prefix = f"{appendix_ref(index)}."
    out["items"] = [_clause(node, None, ctx, duty=False, prefix=prefix) for node in roots]
    return out


def _shorten(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def plan_id_for(parsed: ParsedPlan) -> str:
    """A default plan id: the year and the first words of the title (``2021-thuc-hien-ke-hoach-so-15``)."""
    year = parsed.header.date.year if parsed.header.date else None
    if year is None and parsed.decision and parsed.decision.header.date:
        year = parsed.decision.header.date.year
    if year is None:
        found = re.findall(r"\b(20\d\d)\b", parsed.title)
        year = int(found[-1]) if found else None
    words = slug(parsed.title).split("-")[:7]
    return "-".join(([str(year)] if year else []) + words)
