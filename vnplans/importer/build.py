"""From the parsed parts of a plan to the data of a plan file, with links, roles and proposals.

Names and documents the data has are linked by id. Those it lacks are proposed (``jurisdictions``,
``agencies``, ``groups``, ``documents`` in the formats of the data files) and the plan names them by
their proposed ids, so that accepting the proposals as they are gives data that validates. Each
proposed body is named in its clause's ``check:``, with every reading the importer is unsure of.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..data.model import Level, appendix_ref, format_date
from ..data.names import name_key
from ..data.numbering import ROMAN, clause_ref, is_roman
from ..data.values import fold
from .agencies import Mention, NameFinder, matching_copy, qualified_name, slug
from .data import ReferenceData
from .parse import Decision, Node, Para, ParsedPlan, Table, appendix_heading, mark_numbering
from .places import Places, find_places
from .refs import DocumentIndex, Reference, find_references
from .roles import (
    ROLE_LABEL,
    ROLE_PRIORITY,
    ROLE_WORDS,
    FoundRole,
    find_deadline,
    find_roles,
    heading_actors,
    is_directive_heading,
    settle,
)
from .source import Footnote

#: Table columns whose cells name roles; the other columns are read for nothing but the deadline.
_ROLE_COLUMN = re.compile(r"chu tri|phoi hop|thuc hien|cap trinh|co quan trinh")


@dataclass
class Proposals:
    """Entries the editor may add to data/jurisdictions.yaml, data/agencies.yaml and data/documents.yaml."""

    jurisdictions: list[dict[str, Any]] = field(default_factory=list)
    agencies: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.jurisdictions or self.agencies or self.groups or self.documents)

    def as_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.jurisdictions:
            out["jurisdictions"] = list(self.jurisdictions)
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
    places: Places
    names: NameFinder
    documents: DocumentIndex
    proposals: Proposals
    source: str
    comments: list[str] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    by_key: dict[str, str] = field(default_factory=dict)  # mention key → proposed id
    clauses: int = 0
    roles: int = 0
    checks: int = 0


def build_plan(parsed: ParsedPlan, data: ReferenceData, plan_id: str, source: str, text_file: str) -> ImportResult:
    """The plan file's data for ``parsed``; ``source`` is the text file's name, for notes, and
    ``text_file`` the path the plan gives for it (``sources/…``, relative to the repository)."""
    places = find_places(parsed, data)
    proposals = Proposals(jurisdictions=list(places.proposed_entries))
    ctx = _Context(data, places, NameFinder(places), DocumentIndex(data), proposals, source)
    ctx.names.learn(parsed.body_text)
    ctx.comments.extend(parsed.notes)
    ctx.comments.extend(places.notes)
    ctx.footnotes = list(parsed.footnotes)
    for table in parsed.tables:
        _place_table(table)

    plan: dict[str, Any] = {"id": plan_id, "type": parsed.doc_type}
    if parsed.type_line.upper() != _type_label(parsed.doc_type).upper():
        plan["type_line"] = parsed.type_line
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
    plan["sections"] = [_clause(node, None, ctx) for node in parsed.sections]
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
    for note in ctx.footnotes:
        ctx.comments.append(f"chú thích {note.marker} (dòng {note.line}) không gắn được với mục nào: «{note.text}»")
    proposals.documents.update(ctx.documents.proposals)
    return ImportResult(plan, ctx.comments, proposals, ctx.clauses, ctx.roles, ctx.checks)


def _type_label(doc_type: str) -> str:
    from ..data.vocab import DocType

    return DocType(doc_type).label


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
    """The document the plan was issued with: from the wrapper in the text, or from the line
    "(Ban hành kèm theo Quyết định số … ngày …)" under the title."""
    decision = parsed.decision
    if decision is not None and decision.header.number:
        word = _type_label(decision.type)
        number = decision.header.number
        return Reference(0, 0, decision.type, word, number, decision.header.date, None, f"{word} số {number}")
    for ref in find_references(parsed.attached_note or ""):
        if ref.type in ("quyet-dinh", "nghi-quyet", "cong-van"):
            return ref
    return None


def _cite(ref: Reference | None) -> str:
    if ref is None:
        return "một văn bản khác"
    return f"{ref.type_word} số {ref.number}" + (f" ngày {format_date(ref.date)}" if ref.date else "")


def _date(parsed: ParsedPlan, refs: list[Reference], ctx: _Context) -> str | dict[str, str]:
    header = parsed.header
    if header.date:
        return format_date(header.date)
    decision = issuing_decision(parsed)
    if decision is not None and decision.date is not None:
        # a plan "ban hành kèm theo" a Quyết định is issued by it, on its date
        if not (parsed.attached_note and decision.citation in " ".join(parsed.attached_note.split())):
            ctx.comments.append("ngày ban hành lấy theo ngày của văn bản ban hành kèm theo kế hoạch")
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
    places = ctx.places
    if places.issuer_id:
        return {"agency": places.issuer_id}
    if places.issuer_key:
        found = places.standard_id(places.issuer_key)
        if found:
            return {"agency": found}
    for para in parsed.opening:
        # "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch …": the agency named right before "ban hành"
        for mention in ctx.names.find(para.text, [(r.start, r.end) for r in find_references(para.text)]):
            if mention.actor_id and re.match(
                r" ban hành (?:Kế hoạch|Chương trình|Đề án|Quyết định|Hướng dẫn)", para.text[mention.end :]
            ):
                return {
                    "agency": mention.actor_id,
                    "editorial": True,
                    "note": f"Bản văn bản không có phần đầu ghi cơ quan ban hành; cơ quan được lấy theo câu "
                    f"«{mention.text} ban hành …» của phần mở đầu.",
                }
    if places.issuer_name:
        mention = ctx.names.describe_unknown(0, len(places.issuer_name), places.issuer_name)
        if mention.actor_id:
            return {"agency": mention.actor_id}
        proposal = _propose(mention, "phần đầu văn bản", ctx)
        ctx.comments.append(
            f"cơ quan ban hành «{places.issuer_name}» chưa có trong dữ liệu: đã đề xuất mã {proposal}; kiểm tra "
            "tên và loại"
        )
        return {"agency": proposal}
    lines = parsed.header.issuer_lines or (parsed.decision.header.issuer_lines if parsed.decision else [])
    if lines:
        name = " ".join(lines)
        mention = ctx.names.describe_unknown(0, len(name), name[:1] + name[1:].lower())
        proposal = _propose(mention, "phần đầu văn bản", ctx)
        ctx.comments.append(
            f"cơ quan ban hành «{name}» chưa có trong dữ liệu: đã đề xuất mã {proposal}; kiểm tra tên và loại"
        )
        return {"agency": proposal}
    ctx.comments.append("không tìm thấy cơ quan ban hành (văn bản không có phần đầu): điền issuer.agency")
    return {"agency": "chua-xac-dinh"}


def _implements(title: str, ctx: _Context) -> list[str]:
    """The document the title says the plan carries out: the first one after "thực hiện"/"triển khai"."""
    for ref in find_references(title):
        if not re.search(r"(?:thuc hien|trien khai)", fold(title[: ref.start])) and ref.start > 0:
            continue
        resolution = ctx.documents.resolve(ref, "trích yếu")
        if resolution.document_id:
            if resolution.check:
                ctx.comments.append(f"implements: {resolution.check}")
            return [resolution.document_id]
        if resolution.proposal_id:
            ctx.comments.append(f"implements: {resolution.check}")
            return [resolution.proposal_id]
        ctx.comments.append(f"implements: {resolution.check}")
        return []
    return []


def _signer(parsed: ParsedPlan, ctx: _Context) -> dict[str, str]:
    signature = parsed.signature or (parsed.decision.signature if parsed.decision else None)
    out: dict[str, str] = {}
    if signature and signature.authority:
        out["authority"] = "\n".join(signature.authority)
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
    """A recipient line is linked only when it is nothing but names of bodies the data has."""
    mentions = ctx.names.find(text)
    if not mentions or any(m.actor_id is None or not ctx.places.is_known(m.actor_id) for m in mentions):
        return text
    rest = text
    for mention in mentions:
        rest = rest.replace(mention.text, " ", 1)
    if not re.fullmatch(r"[\s,;.và]*", rest):
        return text
    return {"text": text, "agencies": list(dict.fromkeys(m.actor_id for m in mentions if m.actor_id))}


def _decision_document(parsed: ParsedPlan, plan_id: str, ctx: _Context) -> str | None:
    """The id of the document that issued or carried the plan: known in data/, or proposed as a
    document that approves (``phe-chuan``) the plan. ``None`` when the text does not say which."""
    decision = parsed.decision
    ref = issuing_decision(parsed)
    if ref is None:
        return None
    before = set(ctx.documents.proposals)
    resolution = ctx.documents.resolve(
        ref, "dòng «ban hành kèm theo»" if decision is None else "phần đầu của văn bản ban hành kèm theo"
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
    """The editorial note of a plan exported without the document that issued it."""
    known = document_id if document_id in ctx.data.document_ids else None
    return f"Văn bản được ban hành kèm theo {_cite(issuing_decision(parsed))}" + (f" ({known})" if known else "") + "."


def _decision(decision: Decision, document_id: str | None, ctx: _Context) -> dict[str, Any]:
    """The wrapper's own words, as official text of the plan (``decision:``), never as a note."""
    word = _type_label(decision.type)
    if document_id is None:
        document_id = "chua-xac-dinh"
        ctx.comments.append(
            f"{word} ban hành kèm theo không ghi số hiệu: điền decision.document bằng mã của văn bản "
            "trong data/documents.yaml"
        )
    elif document_id not in ctx.data.document_ids:
        ctx.comments.append(
            f"decision.document: {word} {document_id} chưa có trong data/documents.yaml: đã đề xuất; "
            "kế hoạch chỉ hợp lệ sau khi bổ sung văn bản này"
        )
    out: dict[str, Any] = {"document": document_id}
    if decision.type != "quyet-dinh":
        out["type"] = decision.type
    if decision.authority:
        out["authority"] = decision.authority
    if decision.title:
        out["title"] = decision.title
    if decision.preamble:
        out["preamble"] = "\n\n".join(decision.preamble)
    if decision.to:
        out["to"] = list(decision.to)
    if decision.paragraphs:
        out["text"] = "\n\n".join(decision.paragraphs)
    if decision.articles:
        out["articles"] = [{"number": a.number, "text": a.text} for a in decision.articles]
    signature = decision.signature
    if signature.name:
        signer: dict[str, str] = {}
        if signature.authority:
            signer["authority"] = "\n".join(signature.authority)
        if signature.position:
            signer["position"] = signature.position
        signer["name"] = signature.name
        out["signer"] = signer
    return out


def _describe_decision(entry: dict[str, Any], decision: Decision, ctx: _Context) -> None:
    """Fill a proposed wrapper document from its own header, title and signature."""
    places = ctx.places
    issuer = places.agency(places.issuer_id or places.standard_id(places.issuer_key or "") or "")
    head = (decision.authority or "").startswith("CHỦ TỊCH") or (
        not decision.signature.authority and (decision.signature.position or "").startswith("CHỦ TỊCH")
    )
    if head and places.standard_id("chu-tich-ubnd-tinh"):
        issuer = places.agency(places.standard_id("chu-tich-ubnd-tinh") or "") or issuer
    entry["issuer"] = issuer.name if issuer else (" ".join(decision.header.issuer_lines) or entry["issuer"])
    entry["title"] = decision.title or entry["title"]
    signature = decision.signature
    if signature.name:
        capacity = ", ".join([*signature.authority, *([signature.position] if signature.position else [])])
        entry["signer"] = signature.name + (f" ({capacity})" if capacity else "")
    entry["verification_note"] = (
        f"Đề xuất bởi công cụ nhập liệu từ phần đầu của văn bản trong {ctx.source}; chưa đối chiếu với bản gốc."
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
    inherited: list[Mention] | None = None,
    dash_index: int = 0,
    prefix: str = "",
) -> dict[str, Any]:
    """One clause and its items. ``parent`` is (ref, number); ``inherited`` the actors named by the
    headings above; ``prefix`` starts the ref of an appendix row in messages (``PL1.``)."""
    ref = clause_ref(node.number, parent, dash_index if node.kind == "dash" else 0)
    where = f"mục {prefix}{ref}"
    title, text = _title_and_text(node)
    out: dict[str, Any] = {"number": node.number}
    if node.numbering:
        out["numbering"] = node.numbering
    if title is not None:
        out["title"] = title
    if text is not None:
        out["text"] = text
    checks = list(node.checks) + [c for p in (node.head, *node.paras, *node.attributes) for c in p.checks]
    heading_text = title if title is not None else (text or "")
    masked = [(r.start, r.end) for r in find_references(heading_text)]
    own = ctx.names.find(heading_text, masked) if parent is not None or node.kind != "roman" else []
    named = heading_actors(heading_text, own) if (node.children or title is not None) else []
    passed = list(inherited or [])
    if named and (node.children or text is not None):
        # "Chỉ đạo Chủ tịch UBND các xã …:": the heading's actor and the one it directs act below
        passed = passed + named if is_directive_heading(heading_text) and passed else named
    skip = [p.text for p in node.attributes if not ROLE_LABEL.match(p.text)]
    if title is not None and text is not None:
        _fill(out, title, text, passed if named else list(inherited or []), ctx, where, checks, skip=skip)
    elif text is not None:
        header_only = bool(named) and bool(node.children)
        inherit = [] if header_only else list(inherited or [])
        _fill(out, None, text, inherit, ctx, where, checks, roles=not header_only, skip=skip)
    else:
        # a heading that is a sentence ("1. Sở Y tế chủ trì, phối hợp … các nội dung sau:") gives roles itself;
        # one that only names agencies gives them to the items under it
        wording = title if title is not None and (parent is not None or node.kind != "roman") and not named else ""
        _fill(out, title, wording or "", [], ctx, where, checks, note=node.note)
    if node.note and "note" not in out:
        out["note"] = node.note
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
                    inherited=passed,
                    dash_index=dashes,
                    prefix=prefix,
                )
            )
        out["items"] = items
    return _ordered(out)


_KEY_ORDER = ("number", "numbering", "title", "text", "footnotes", "roles", "basis", "deadline", "note", "check")


def _ordered(out: dict[str, Any]) -> dict[str, Any]:
    """The clause's keys in the schema's order (items last)."""
    ordered = {k: out[k] for k in _KEY_ORDER if k in out}
    ordered.update({k: v for k, v in out.items() if k not in ordered})
    return ordered


def _fill(
    out: dict[str, Any],
    title: str | None,
    text: str,
    inherited: list[Mention],
    ctx: _Context,
    where: str,
    checks: list[str],
    *,
    roles: bool = True,
    with_roles: bool = True,
    with_deadline: bool = True,
    note: str | None = None,
    skip: list[str] | None = None,
) -> None:
    """Add footnotes, roles, basis, deadline and check to a clause, in the schema's key order."""
    _attach_footnotes(out, f"{title or ''} {text}", ctx)
    basis: list[str] = []
    masked: list[tuple[int, int]] = []
    for source_text, is_text in ((title or "", False), (text, True)):
        for ref in find_references(source_text):
            resolution = ctx.documents.resolve(ref, where)
            if resolution.document_id:
                basis.append(resolution.document_id)
            elif resolution.proposal_id:
                basis.append(resolution.proposal_id)
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
    found_roles: dict[str, list[str]] = {}
    if with_roles and roles and text:
        mentions = _label_names(text, ctx.names.find(text, masked), ctx)
        settled, conflicts = settle(find_roles(text, mentions, inherited, skip or ()))
        checks.extend(conflicts)
        for item in settled:
            actor_id = _actor_id(item, where, ctx, checks)
            if actor_id not in found_roles.setdefault(item.role, []):
                found_roles[item.role].append(actor_id)
        found_roles = {role: ids for role in ROLE_PRIORITY if (ids := found_roles.get(role))}
    if found_roles:
        out["roles"] = found_roles
        ctx.roles += sum(len(ids) for ids in found_roles.values())
    if basis:
        out["basis"] = list(dict.fromkeys(basis))
    if with_deadline and text:
        deadline = find_deadline(text, has_roles=bool(found_roles) or bool(inherited))
        if deadline:
            out["deadline"] = {"text": deadline.text}
            if deadline.check:
                checks.append(deadline.check)
    if note:
        out["note"] = note
    if checks:
        out["check"] = "\n".join(dict.fromkeys(checks))
        ctx.checks += len(dict.fromkeys(checks))


def _attach_footnotes(out: dict[str, Any], words: str, ctx: _Context) -> None:
    """The footnotes whose marker these words carry go with this clause, once."""
    mine = [n for n in ctx.footnotes if re.search(r"[^\s(]" + re.escape(n.marker), words)]
    if mine:
        out["footnotes"] = [{"marker": n.marker, "text": n.text} for n in mine]
        ctx.footnotes = [n for n in ctx.footnotes if n not in mine]


def _label_names(text: str, mentions: list[Mention], ctx: _Context) -> list[Mention]:
    """Names written alone in a labelled value or a cell ("Cơ quan phối hợp: Sở Tài chính, Viettel Nghệ
    An"): each part between commas or semicolons that no name covers and that starts with a capital
    is a name too."""
    canon = matching_copy(text)
    extra: list[Mention] = []
    offset = 0
    for line in canon.split("\n"):
        start = offset
        offset += len(line) + 1
        label = ROLE_LABEL.match(line)
        if label is None:
            continue
        for part in re.finditer(r"[^,;]+", line[label.end() :]):
            s = start + label.end() + part.start() + len(part.group(0)) - len(part.group(0).lstrip())
            e = start + label.end() + part.end()
            chunk = canon[s:e].rstrip(" .")
            e = s + len(chunk)
            if not chunk or not chunk[0].isupper() or any(m.start < e and s < m.end for m in mentions):
                continue
            if len(chunk.split()) > 8 or re.search(r"\d", chunk):
                continue
            extra.append(ctx.names.describe_unknown(s, e, text[s:e]))
    return sorted([*mentions, *extra], key=lambda m: m.start)


def _actor_id(item: FoundRole, where: str, ctx: _Context, checks: list[str]) -> str:
    """The id a role names: the body linked, or the one proposed for it (named in the clause's check)."""
    mention = item.mention
    if mention.actor_id is not None:
        if mention.spelling:
            _propose_spelling(mention, ctx, checks)
        elif not ctx.places.is_known(mention.actor_id):
            pass  # a standard body of a proposed jurisdiction: it comes with the jurisdiction
        if item.doubt:
            checks.append(f"«{mention.text}» là {ROLE_WORDS[item.role]}: cách hiểu cần kiểm tra ({item.doubt})")
        return mention.actor_id
    proposal = _propose(mention, where, ctx)
    what = "nhóm" if mention.group else "cơ quan"
    message = (
        f"«{mention.text}» ({ROLE_WORDS[item.role]}) chưa có trong dữ liệu: đã đề xuất {what} mã {proposal} "
        "trong tệp đề xuất; kiểm tra tên và loại trước khi chấp nhận"
    )
    if item.doubt:
        message += f" ({item.doubt})"
    if mention.doubt:
        message += f"; {mention.doubt}"
    checks.append(message)
    return proposal


def _propose(mention: Mention, where: str, ctx: _Context) -> str:
    """Add ``mention`` to the proposals (as a group if it names several bodies); its proposed id."""
    if mention.key in ctx.by_key:
        known = ctx.by_key[mention.key]
        proposed = ctx.proposals.agencies.get(known) or ctx.proposals.groups.get(known)
        if proposed is not None:  # another way the text writes it: a spelling too
            for form in _free_spellings(mention, ctx):
                if name_key(form) not in {name_key(f) for f in (proposed["name"], *proposed.get("spellings", []))}:
                    proposed.setdefault("spellings", []).append(form)
        return known
    base = _proposal_id(mention, ctx)
    taken = ctx.data.actor_ids | {a.id for a in ctx.places.generated} | set(ctx.proposals.agencies)
    taken |= set(ctx.proposals.groups)
    proposal_id, n = base, 2
    while proposal_id in taken:
        proposal_id, n = f"{base}-{n}", n + 1
    note = f"Đề xuất bởi công cụ nhập liệu: «{mention.text}» ở {where} của {ctx.source}."
    name = _free_name(mention, ctx)
    entry: dict[str, Any] = {"id": proposal_id, "name": name, "jurisdiction": mention.jurisdiction or ""}
    spellings = _free_spellings(mention, ctx)
    if spellings:
        entry["spellings"] = spellings
    if mention.group:
        if re.match(r"(?:Ủy ban nhân dân|UBND) (?:các huyện|cấp huyện)", mention.name):
            entry["member_kinds"] = ["ubnd-cap-huyen"]
        entry["note"] = note + " Văn bản không liệt kê thành viên; biên tập viên xác định thành viên của nhóm."
        ctx.proposals.groups[proposal_id] = entry
    else:
        entry["kind"] = mention.kind or "khac"
        entry["note"] = note + " Kiểm tra tên chính thức và loại cơ quan."
        ctx.proposals.agencies[proposal_id] = entry
    ctx.by_key[mention.key] = proposal_id
    return proposal_id


def _free_name(mention: Mention, ctx: _Context) -> str:
    """The proposed name, made distinct when a body of its jurisdiction already uses it as a spelling
    (another ministry's "Văn phòng Bộ"): with the issuing body, or the plan's place."""
    jurisdiction = mention.jurisdiction or ""
    scope = ctx.places.names.scope(jurisdiction) if ctx.places.jurisdiction(jurisdiction) else {}
    name = mention.name
    taken = scope.get(name_key(name))
    if taken is None or taken.jurisdiction_id != jurisdiction:
        # free, or used by another jurisdiction's body (a province's "Các cơ quan, đơn vị liên quan"), which
        # a body of this jurisdiction hides in this jurisdiction's texts
        return name
    issuer = ctx.places.ministry
    if issuer is not None and issuer.name not in name:
        qualified = qualified_name(name, issuer.name)
        if name_key(qualified) not in scope:
            return qualified
    return f"{name} ({ctx.places.home_jurisdiction.name})"


def _proposal_id(mention: Mention, ctx: _Context) -> str:
    """An id in the style of the generated ones: the name without its place, then the jurisdiction's id
    ("so-ngoai-vu-quang-ngai"); a national body by its name ("cuc-cong-nghe-thong-tin-bo-tu-phap")."""
    name = mention.name.replace("Ủy ban nhân dân", "UBND")
    jurisdiction = ctx.places.jurisdiction(mention.jurisdiction or "")
    if jurisdiction is None or jurisdiction.level is Level.NATIONAL:
        return slug(name) or "co-quan"
    for place in (f" {jurisdiction.name}", f" {jurisdiction.proper_name}"):
        if name.endswith(place):
            name = name[: -len(place)]
            break
    return f"{slug(name) or 'co-quan'}-{jurisdiction.id}"


def _free_spellings(mention: Mention, ctx: _Context) -> list[str]:
    """The written forms of a proposed body that no body of its jurisdiction uses yet (a spelling links
    text to one body per jurisdiction)."""
    forms = [f for f in (mention.spelling,) if f and name_key(f) != name_key(mention.name)]
    jurisdiction = mention.jurisdiction or ""
    scope = ctx.places.names.scope(jurisdiction) if ctx.places.jurisdiction(jurisdiction) else {}
    taken = {
        name_key(s)
        for e in (*ctx.proposals.agencies.values(), *ctx.proposals.groups.values())
        if e.get("jurisdiction") == jurisdiction
        for s in (e.get("name", ""), *e.get("spellings", []))
    }
    out = []
    for form in forms:
        key = name_key(form)
        owner = scope.get(key)
        if owner is not None and owner.jurisdiction_id == jurisdiction:
            continue
        if key in taken:
            continue
        out.append(form)
    return out


def _propose_spelling(mention: Mention, ctx: _Context, checks: list[str]) -> None:
    """A standard body written with its unit word ("Công an thành phố"): propose the spelling on its
    standard entry, so that the text names it for the validator too."""
    agency = ctx.places.agency(mention.actor_id or "")
    if agency is None or mention.spelling is None:
        return
    if agency.generated and agency.standard_key:
        entry = ctx.proposals.agencies.setdefault(
            agency.id, {"id": agency.id, "standard": agency.standard_key, "jurisdiction": agency.jurisdiction_id}
        )
        spellings = entry.setdefault("spellings", [])
        if mention.spelling not in spellings and mention.spelling not in agency.spellings:
            spellings.append(mention.spelling)
        return
    checks.append(f"«{mention.spelling}» là cách viết của {agency.id}: thêm vào spellings của cơ quan này nếu đúng")


def _title_and_text(node: Node) -> tuple[str | None, str | None]:
    head = node.head.text
    paras = [p.text for p in node.paras]
    attributes = "\n".join(p.text for p in node.attributes)
    if node.heading_only:
        return head, None
    # a dash item is never a heading: "- Các sở … rà soát, gồm:" is the text its "+" items continue
    if node.kind == "roman" or (node.kind != "dash" and (node.children or paras) and _is_heading(head)):
        body = "\n\n".join(paras)
        if attributes:
            body = f"{body}\n{attributes}" if body else attributes
        return head, body or None
    text = "\n\n".join([head, *paras])
    if attributes:
        text = f"{text}\n{attributes}"
    return None, text


def _is_heading(text: str) -> bool:
    stripped = text.rstrip()
    if stripped.endswith((".", ";", "!", "?", "…")):
        return False
    return not stripped.endswith(":") or len(stripped) < 100


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
            if i != number_col and ("noi dung" in c or "nhiem vu" in c or c.startswith("ten") or "cong viec" in c)
        ),
        None,
    )
    if content_col is None:
        content_col = next((i for i in range(len(columns)) if i != number_col), None)
    if content_col is None:
        return []  # a table of one column has no task to read
    out = []
    for line, cells in table.rows:
        cells = cells + [""] * (len(columns) - len(cells))
        number = cells[number_col] if number_col is not None else ""
        content = cells[content_col]
        others = [(columns[i], cells[i]) for i in range(len(columns)) if i not in (number_col, content_col)]
        if not content:
            continue
        group = bool(
            is_roman(number)
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
        number = row.number.rstrip(".") if row.number.rstrip(".").isdigit() else str(count)
        node = Node(number, "arabic", Para(row.content, row.line), row.line, attributes=_row_attributes(row))
        if number != row.number.rstrip("."):
            node.checks.append(
                f"dòng ở dòng {row.line} không có số thứ tự hợp lệ («{row.number}»); đã đánh số {number}"
            )
        (group.children if group else roots).append(node)
    _mark_rows(roots)
    out: dict[str, Any] = {"title": title}
    if caption:
        out["caption"] = caption
    prefix = f"{appendix_ref(index)}."
    out["items"] = [_clause(node, None, ctx, prefix=prefix) for node in roots]
    return out


def _mark_rows(roots: list[Node]) -> None:
    """Rows number from 1 in each group, or go on across groups; anything else is marked as printed."""
    mark_numbering([n for n in roots if n.kind == "roman"], nested=False)
    running = 0
    for group in roots:
        rows = group.children if group.kind == "roman" else [group]
        numbers = [int(n.number) for n in rows if n.number.isdigit()]
        expected = running + 1 if numbers and numbers[0] == running + 1 else 1
        for row in rows:
            if row.number.isdigit() and int(row.number) != expected:
                row.numbering = "bo-so"
                row.note = f"Văn bản gốc đánh số dòng «{row.number}» (không liền với dòng trước)."
                row.checks.append(f"số dòng «{row.number}» không liền với dòng trước trong bảng; kiểm tra lại bản gốc")
            if row.number.isdigit():
                expected = int(row.number) + 1
                running = max(running, int(row.number))


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
