"""Roles and deadlines from the wording of a clause.

The rules are those of Vietnamese administrative prose:

* labels: "Cơ quan chủ trì: X", "Cơ quan/Đơn vị phối hợp: X, Y", "Cơ quan thực hiện: X";
* the actor at the start of a sentence ("Sở Tài chính tổng hợp, tham mưu …") performs the task
  (``thuc-hien``), or leads it when "chủ trì" follows ("Sở Nội vụ chủ trì, phối hợp …"); after an
  opening phrase ("Trên cơ sở đề nghị của …, Sở Tài chính …") the reading is marked for checking;
* "phối hợp (với) X" → X ``phoi-hop``; "X chủ trì" / "giao X chủ trì" → X ``chu-tri``;
* "tham mưu / đề xuất / trình X" → X ``duoc-tham-muu``; "báo cáo X" → X ``nhan-bao-cao``;
* "qua X để …" → X ``thuc-hien`` (marked for checking);
* an agency named as the heading of the items (in "TỔ CHỨC THỰC HIỆN") is their actor; "Chủ trì, …"
  at the start of such an item makes it ``chu-tri``.

Only names that follow one another ("X, Y và các cơ quan liên quan") count as one list; a list stops
at the first word that is not a name, so "phối hợp với tổ chức đảng" gives no role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.values import normalize_deadline
from .agencies import Mention

#: When one agency is read with two roles in a clause, the first of these wins (one role per clause).
ROLE_PRIORITY = ("chu-tri", "thuc-hien", "phoi-hop", "duoc-tham-muu", "nhan-bao-cao")
ROLE_WORDS = {
    "chu-tri": "chủ trì",
    "phoi-hop": "phối hợp",
    "thuc-hien": "thực hiện",
    "duoc-tham-muu": "được tham mưu",
    "nhan-bao-cao": "nhận báo cáo",
}


@dataclass(frozen=True)
class FoundRole:
    role: str
    mention: Mention
    doubt: str | None = None  # why the reading needs checking; None when the wording is explicit


_LABEL = re.compile(
    r"(?:^|(?<=[\n(;]))\s*[-+–•]?\s*(?:(?:[Cc]ơ quan|[Đđ]ơn vị)\s+)?(?P<what>[Cc]hủ trì|[Pp]hối hợp|[Tt]hực hiện)"
    r"(?:\s+thực hiện|\s+triển khai)?\s*:"
)
_LABEL_ROLE = {"chủ trì": "chu-tri", "phối hợp": "phoi-hop", "thực hiện": "thuc-hien"}
_INTRO = re.compile(
    r"^(?:Trên cơ sở|Căn cứ|Theo|Để|Nhằm|Sau khi|Trong|Khi|Trường hợp|Hằng năm|Hàng năm|Định kỳ|Đối với|Ngoài ra)\b"
)
_ACTOR_LEAD = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+")
_ASSIGNS = re.compile(r"^\s+(?:giao|đề nghị|yêu cầu|chỉ đạo)\s+")
_LEADS = re.compile(r"^\s*,?\s*(?:(?:là|làm)\s+(?:cơ quan|đơn vị)\s+(?:thường trực,?\s+)?)?chủ trì(?!\w)")
_COORDINATE = re.compile(
    r"(?<!\w)[Pp]hối hợp(?:\s+(?:chặt chẽ|đồng bộ|tốt|thường xuyên|hiệu quả|cùng))*\s+(?:(?:với|cùng)\s+)?$"
)
_ADVISE = re.compile(
    r"(?<!\w)(?P<verb>tham mưu|đề xuất|trình|kiến nghị)(?:\s*,\s*(?:tham mưu|đề xuất|trình|kiến nghị|giúp))*"
    r"\s+(?:(?:cho|giúp|lên|với)\s+)?$",
    re.IGNORECASE,
)
_REPORT = re.compile(
    r"(?<!\w)báo cáo(?:\s*,\s*|\s+)(?:(?:đề xuất|kiến nghị|tham mưu)\s+)?(?:(?:về|cho|lên|gửi|với)\s+)?$",
    re.IGNORECASE,
)
_REPORT_TO = re.compile(r"(?<!\w)(?:về|gửi|lên|đến|\(qua)\s+$")
_VIA = re.compile(r"(?<!\w)(?:qua|về)\s+$")
_CONNECTOR = re.compile(r"^(?:\s*,\s*|\s+và\s+|\s+cùng\s+|\s+hoặc\s+|\s*,\s*và\s+)(?:(?:với|cùng)\s+)?$")
_HEAD_PREFIX = re.compile(r"^\s*(?:[Cc]ác\s+(?:[Ss]ở|[Bb]an|cơ quan|đơn vị)\s*:|[Cc]ác\s+[Ss]ở\s+)")
_HEAD_REST = re.compile(r"^[\s,;.:]*(?:(?:và|tỉnh)[\s,;.:]*)*$")


def segments(text: str) -> list[tuple[int, int]]:
    """Spans of sentences and of the parts of a sentence between semicolons or line ends."""
    out = []
    start = 0
    for match in re.finditer(r";|\n|[.:](?=\s+(\w))", text):
        if match.group(1) is not None and not match.group(1).isupper():
            continue  # "…, v.v. và" or "như: các" do not start a sentence
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def runs(text: str, mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Mentions grouped into lists: names separated only by commas, "và", "cùng" belong together."""
    out: list[list[Mention]] = []
    for mention in mentions:
        if out and _CONNECTOR.match(text[out[-1][-1].end : mention.start]):
            out[-1].append(mention)
        else:
            out.append([mention])
    return out


def heading_actors(title: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The agencies a heading consists of ("Sở Nội vụ", "Các Sở: A, B"), or [] if it says more."""
    if not mentions:
        return []
    rest = title
    for mention in sorted(mentions, key=lambda m: -m.start):
        rest = rest[: mention.start] + " " * (mention.end - mention.start) + rest[mention.end :]
    rest = _HEAD_PREFIX.sub("", rest)
    return list(mentions) if _HEAD_REST.match(rest) else []


def find_roles(
    text: str, mentions: Sequence[Mention], heading: Sequence[Mention] = (), heading_doubt: str | None = None
) -> list[FoundRole]:
    """Every role the wording of ``text`` gives; ``heading`` are the actors named by the item's heading."""
    found: list[FoundRole] = []
    labelled: set[int] = set()
    for label in _LABEL.finditer(text):
        role = _LABEL_ROLE[label.group("what").lower()]
        end = _label_end(text, label.end())
        for mention in mentions:
            if label.end() <= mention.start < end:
                found.append(FoundRole(role, mention))
                labelled.add(mention.start)
    groups = runs(text, [m for m in mentions if m.start not in labelled])
    own_actor = False
    for number, (start, end) in enumerate(segments(text)):
        seg_groups = [g for g in groups if start <= g[0].start < end]
        actor = _actor(text, start, seg_groups)
        if actor is not None:
            group, doubt = actor
            if number == 0:
                own_actor = True
            role = "chu-tri" if _LEADS.match(text[group[-1].end : end]) else "thuc-hien"
            found.extend(FoundRole(role, m, doubt) for m in group)
        for group in seg_groups:
            if actor is not None and group is actor[0]:
                continue
            found.extend(_role_of(text, start, end, group))
    heading_ids = {m.actor_id or m.proposed_id for m in heading}
    found = [
        FoundRole(f.role, f.mention)
        if f.doubt
        and (f.mention.actor_id or f.mention.proposed_id) in heading_ids
        and f.role in ("thuc-hien", "chu-tri")
        else f
        for f in found
    ]
    if heading and not own_actor:
        body = text.lstrip(" -+")
        # "Chủ trì, …", "Là cơ quan thường trực, chủ trì …": the heading agency leads this item
        role = "chu-tri" if re.match(r"(?:[^,;.]{0,40},\s*)?(?:[Cc]hủ trì|[Ll]àm đầu mối)(?!\w)", body) else "thuc-hien"
        found = [FoundRole(role, m, heading_doubt) for m in heading] + found
    return found


def _label_end(text: str, start: int) -> int:
    """A label's value runs to the end of the line, a closing bracket, or the next label."""
    end = len(text)
    for stop in (text.find("\n", start), text.find(")", start)):
        if stop != -1:
            end = min(end, stop)
    following = _LABEL.search(text, start)
    if following:
        end = min(end, following.start())
    for match in re.finditer(r";\s*(?:[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ|[Kk]inh phí)", text[start:end]):
        end = min(end, start + match.start())
    return end


def _actor(text: str, start: int, groups: list[list[Mention]]) -> tuple[list[Mention], str | None] | None:
    """The list of names a segment starts with (its subject), and a doubt if the reading is uncertain."""
    if not groups:
        return None
    lead = len(text[start:]) - len(text[start:].lstrip(" -+•\t"))
    begin = start + lead
    head = text[begin : groups[0][0].start]
    group = groups[0]
    if head == "" or _ACTOR_LEAD.fullmatch(head):
        if _ASSIGNS.match(text[group[-1].end :]):
            return None  # "UBND tỉnh giao Sở X …": the assigner is not the actor
        return group, None
    if _INTRO.match(text[begin:]):
        # "Trên cơ sở đề nghị của các sở, ban, ngành, Sở Tài chính tổng hợp …": the subject is the name
        # after the comma that closes the opening phrase, which may end a list of names itself
        doubt = "chủ thể đứng sau cụm mở đầu câu"
        for candidate in groups:
            if text[begin : candidate[0].start].endswith(", "):
                return candidate, doubt
            if len(candidate) > 1 and text[candidate[-2].end : candidate[-1].start] == ", ":
                return [candidate[-1]], doubt
    return None


def _role_of(text: str, start: int, end: int, group: list[Mention]) -> list[FoundRole]:
    before = text[start : group[0].start]
    after = text[group[-1].end : end]
    if _COORDINATE.search(before):
        return [FoundRole("phoi-hop", m) for m in group]
    if _REPORT.search(before):
        return [FoundRole("nhan-bao-cao", m) for m in group]
    if advise := _ADVISE.search(before):
        if not re.search(r"báo cáo\s*,?\s*$", before[: advise.start()]):
            return [FoundRole("duoc-tham-muu", m) for m in group]
        return [FoundRole("nhan-bao-cao", m) for m in group]
    if _LEADS.match(after):
        return [FoundRole("chu-tri", m) for m in group]
    if _VIA.search(before) and re.match(r"^\s+để\s", after):
        return [FoundRole("thuc-hien", m, "«qua … để …»: cơ quan nhận và xử lý") for m in group]
    if _REPORT_TO.search(before) and re.search(r"(?<!\w)báo cáo(?!\w)", before, re.IGNORECASE):
        return [FoundRole("nhan-bao-cao", m, "nơi nhận báo cáo suy ra từ «báo cáo … về/gửi …»") for m in group]
    return []


@dataclass(frozen=True)
class RoleResult:
    """The roles of one clause: known ids by role, names the data lacks, and what to check."""

    roles: dict[str, list[str]]
    unknown: list[FoundRole]
    checks: list[str]


def settle(found: Sequence[FoundRole]) -> RoleResult:
    """One role per agency (by :data:`ROLE_PRIORITY`), in the order of the text within a role."""
    best: dict[str, FoundRole] = {}
    conflicts: dict[str, set[str]] = {}
    for item in found:
        key = item.mention.actor_id or "?" + item.mention.proposed_id
        current = best.get(key)
        if current is None:
            best[key] = item
        elif current.role != item.role:
            conflicts.setdefault(key, {current.role}).add(item.role)
            if ROLE_PRIORITY.index(item.role) < ROLE_PRIORITY.index(current.role):
                best[key] = item
    roles: dict[str, list[str]] = {}
    unknown: list[FoundRole] = []
    checks: list[str] = []
    for role in ROLE_PRIORITY:
        for key, item in best.items():
            if item.role != role:
                continue
            if item.mention.actor_id is None:
                unknown.append(item)
                continue
            roles.setdefault(role, []).append(item.mention.actor_id)
            if item.doubt:
                checks.append(f"vai trò {role} của {item.mention.actor_id} là suy luận ({item.doubt})")
            if key in conflicts:
                others = ", ".join(sorted(conflicts[key] - {role}))
                checks.append(
                    f"{item.mention.actor_id} được đọc là {role}; lời văn cũng có thể hiểu là {others} "
                    "(mỗi cơ quan chỉ một vai trò trong một mục)"
                )
    return RoleResult(roles, unknown, checks)


# --- deadlines ------------------------------------------------------------------------------------

_DEADLINE_LABEL = re.compile(
    r"(?:[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ)(?:\s+(?:thực hiện|hoàn thành|triển khai|báo cáo|trình))*\s*:\s*"
    r"(?P<value>[^\n;)]+)"
)
_DEADLINE_WORDS = (
    re.compile(r"(?:trước|chậm nhất|không muộn hơn)(?: là)?(?: ngày)? \d{1,2}/\d{1,2}/\d{4}"),
    re.compile(r"(?:(?:trong|trước|hoàn thành trong)\s+)?[Qq]uý\s+(?:I{1,3}|IV|[1-4])\s*(?:/|năm\s+)\s*\d{4}"),
    re.compile(r"(?:trong|trước)\s+tháng\s+\d{1,2}(?:/| năm )\d{4}"),
    re.compile(r"[Tt]hường xuyên"),
    re.compile(r"[Đđ]ịnh kỳ(?: hằng (?:năm|quý|tháng)| hàng (?:năm|quý|tháng)| \d+ tháng)?"),
    re.compile(r"[Hh][ằà]ng năm"),
)


@dataclass(frozen=True)
class FoundDeadline:
    text: str
    check: str | None


def find_deadline(text: str, has_roles: bool) -> FoundDeadline | None:
    """The deadline as written: a labelled one ("Thời gian thực hiện: Quý II/2021"), or, in a task
    (a clause with roles), the first time words of the text, marked for checking."""
    label = _DEADLINE_LABEL.search(text)
    if label:
        value = label.group("value").strip().rstrip(" .,;/")
        if value:
            normalized = normalize_deadline(value)
            return FoundDeadline(value, None if normalized else f"thời hạn «{value}» chưa chuẩn hóa được")
    if not has_roles:
        return None
    for pattern in _DEADLINE_WORDS:
        match = pattern.search(text)
        if match:
            words = match.group(0)
            return FoundDeadline(words, f"thời hạn «{words}» suy ra từ lời văn, không có nhãn «Thời gian thực hiện»")
    return None
