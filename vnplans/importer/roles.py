"""Roles and deadlines from the wording of a clause.

The rules are those of Vietnamese administrative prose (``tests/import_corpus/README.md``, "Roles"):

* labels and columns: "Cơ quan/Đơn vị chủ trì: X" → X ``chu-tri``; "… phối hợp: X, Y; Z" → ``phoi-hop``;
  "Cơ quan thực hiện: X" → ``thuc-hien``, or, when it says "X chủ trì, phối hợp với Y, Z", X leads and
  Y, Z are partners; "Cấp trình: X" (who a product is submitted to) → X ``duoc-tham-muu``;
* the subject of a sentence performs it (``thuc-hien``) or leads it when "chủ trì" follows, wherever
  the sentence puts it: at the start, after "Giao", "Đề nghị", "Yêu cầu", after an opening phrase
  ("Để …, X chủ trì …", marked for checking), after "do" ("… do X chủ trì, phối hợp với Y thực hiện"),
  or after a comma that starts a new clause ("…, Sở Y tế hướng dẫn kỹ thuật");
* "phối hợp (chặt chẽ) (với) X", "có sự phối hợp của X", "Y phối hợp thực hiện" after a lead → ``phoi-hop``;
* "tham mưu X", "trình X", "đề xuất X" → X ``duoc-tham-muu``;
* "báo cáo X", "báo cáo … về X", "gửi (…) về X", "phản ánh về X", "(qua X)" in a report, "cung cấp …
  cho X" → X ``nhan-bao-cao``: recipients, never performers;
* directive verbs pass the duty on ("X chỉ đạo Y …", "Giao/Đề nghị/Yêu cầu Y"): Y performs too;
  guidance verbs do not ("hướng dẫn, kiểm tra các địa phương …": no role for the localities);
* a heading that only names an actor ("1. Sở Tài chính", "Giao X:", "Đề nghị X:") gives it to the items
  below it, unless an item names its own actor; "Chủ trì, …" at the start of such an item makes it lead.

Only names that follow one another ("X, Y và Z") count as one list; a name in brackets after another
is part of it ("Sở X (Chi cục Y)"), unless it only says whose unit the first is ("Cục Z (Bộ W)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.values import normalize_deadline
from ..data.vocab import Role
from .agencies import Mention, matching_copy

#: When one agency is read with two roles in a clause, the first of these wins (one role per clause).
ROLE_PRIORITY = tuple(role.value for role in Role)
ROLE_WORDS = {role.value: role.label.lower() for role in Role}


@dataclass(frozen=True)
class FoundRole:
    role: str
    mention: Mention
    doubt: str | None = None  # why the reading needs checking; None when the wording is explicit


ROLE_LABEL = _LABEL = re.compile(
    r"^[\s\-+–•]*(?:(?:[Cc]ơ quan|[Đđ]ơn vị)(?:,\s*(?:đơn vị|cơ quan))?\s+)?"
    r"(?P<what>[Cc]hủ trì|[Pp]hối hợp|[Tt]hực hiện|[Cc]ấp trình|[Tt]rình)(?:\s+thực hiện|\s+triển khai)?\s*:"
)
_LABEL_ROLE = {"chủ trì": "chu-tri", "phối hợp": "phoi-hop", "thực hiện": "thuc-hien", "cấp trình": "duoc-tham-muu"}
_LABEL_ROLE["trình"] = "duoc-tham-muu"
_INTRO = re.compile(
    r"^(?:[Tt]rên cơ sở|[Cc]ăn cứ|[Tt]heo|[Đđ]ể|[Nn]hằm|[Ss]au khi|[Tt]rong|[Kk]hi|[Tt]rường hợp|[Hh][ằà]ng năm"
    r"|[Đđ]ịnh kỳ|[Đđ]ối với|[Nn]goài ra|[Qq]ua)\b"
)
_DIRECTIVE_START = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu|Phân công)\s+$")
_DIRECTIVE = re.compile(r"(?<!\w)(?:chỉ đạo|lãnh đạo|giao|đề nghị|yêu cầu)(?:\s*,\s*(?:hướng dẫn|đôn đốc))*\s+$", re.I)
_GUIDANCE = re.compile(
    r"(?<!\w)(?:hướng dẫn|đôn đốc|kiểm tra|hỗ trợ|vận động|giúp|chịu trách nhiệm trước|tạo điều kiện cho|thuộc|của"
    r"|tại|đối với|cho|với)\s+$",
    re.I,
)
_LEADS = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:(?:là|làm)\s+(?:cơ quan|đơn vị)?\s*(?:thường trực|đầu mối)\s*,?\s*)?chủ trì(?!\w)"
)
_PARTNERS_AFTER = re.compile(r"^\s*phối hợp(?:\s+thực hiện|\s+triển khai)?(?!\s+(?:với|cùng|chặt))")
_COORDINATE = re.compile(
    r"(?<!\w)(?:[Pp]hối hợp(?:\s+(?:chặt chẽ|đồng bộ|tốt|thường xuyên|hiệu quả))*\s+(?:(?:với|cùng)\s+)?"
    r"|(?:có\s+)?sự phối hợp (?:chặt chẽ )?(?:của|với)\s+)$"
)
_ADVISE = re.compile(
    r"(?<!\w)(?:tham mưu|đề xuất|trình|kiến nghị)(?:\s*,\s*(?:tham mưu|đề xuất|trình|kiến nghị|giúp))*"
    r"\s+(?:(?:cho|giúp|lên|với)\s+)?$",
    re.I,
)
_REPORT_DIRECT = re.compile(
    r"(?<!\w)(?:báo cáo|gửi|nộp)(?:\s*,?\s*(?:đề xuất|kiến nghị|tham mưu))?(?:\s+(?:ngay|kịp thời|trực tiếp|bằng văn bản))?"
    r"\s+(?:(?:về|cho|lên|tới|đến)\s+)?$",
    re.I,
)
_REPORT_WORD = re.compile(r"(?<!\w)(?:báo cáo|gửi|phản ánh|nộp)(?!\w)", re.I)
_REPORT_TO = re.compile(r"(?<!\w)(?:về|lên|tới|đến)\s+$|\(\s*qua\s+$", re.I)
_SUPPLY_TO = re.compile(r"(?<!\w)cho\s+$")
_SUPPLY = re.compile(r"(?<!\w)cung cấp(?!\w)", re.I)
_PASSIVE = re.compile(r"(?<!\w)do\s+$")
_PASSIVE_ACTOR = re.compile(r"^\s*(?:chủ trì|thực hiện|triển khai|tổ chức|phụ trách|đảm nhiệm|đảm nhận)(?!\w)")
_CONNECTOR = re.compile(r"^(?:\s*,\s*|\s+và\s+|\s+cùng\s+|\s+hoặc\s+|\s*,\s*và\s+|\s*;\s*)$")
_HEAD_PREFIX = re.compile(r"^[\s\-+–•]*(?:Giao|Đề nghị|Yêu cầu|Chỉ đạo)?\s*")
_HEAD_REST = re.compile(r"^[\s,;.:]*(?:(?:và|tỉnh)[\s,;.:]*)*$")
#: A verb right after a name: it is the subject of a clause of its own ("…, Sở Y tế hướng dẫn kỹ thuật").
_VERB_AFTER = re.compile(
    r"^\s+(?:chủ trì|phối hợp|thực hiện|hướng dẫn|tổ chức|triển khai|kiểm tra|theo dõi|tham mưu|xây dựng|bảo đảm"
    r"|cung cấp|tổng hợp|rà soát|đôn đốc|hỗ trợ|bố trí|phụ trách|chỉ đạo)(?!\w)"
)
#: What may start the predicate after a subject: anything lowercase that is not a preposition or a list.
_PREDICATE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?!(?:và|với|của|thuộc|tại|các|trong|trên|theo|về|cho|để|từ|đến|ở|khi|nếu|nhằm"
    r"|bằng)\b)[a-zđà-ỹ]"
)


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
    """Mentions grouped into lists: names separated only by commas, "và", "cùng" belong together; a name
    in brackets right after another joins it."""
    out: list[list[Mention]] = []
    for mention in mentions:
        between = text[out[-1][-1].end : mention.start] if out else ""
        if out and (_CONNECTOR.match(between) or re.fullmatch(r"\s*\(\s*", between)):
            out[-1].append(mention)
        else:
            out.append([mention])
    return out


def heading_actors(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The agencies a heading consists of ("Sở Nội vụ", "Giao Sở Nội vụ (cơ quan thường trực …):",
    "Các Sở: A, B"), or [] if it says more. Names in brackets describe the actor and are left out."""
    if not mentions:
        return []
    without = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group(0)), text)
    inside = [m for m in mentions if not _in_brackets(text, m)]
    if not inside:
        return []
    rest = without
    for mention in sorted(inside, key=lambda m: -m.start):
        rest = rest[: mention.start] + " " * (mention.end - mention.start) + rest[mention.end :]
    rest = _HEAD_PREFIX.sub("", rest, count=1)
    rest = re.sub(r"^[\s]*(?:[Cc]ác\s+(?:[Ss]ở|[Bb]an|cơ quan|đơn vị)\s*:|[Cc]ác\s+[Ss]ở\s+)", "", rest)
    return list(inside) if _HEAD_REST.match(rest) else []


def _in_brackets(text: str, mention: Mention) -> bool:
    before = text[: mention.start]
    return before.count("(") > before.count(")")


def is_directive_heading(text: str) -> bool:
    """A heading that passes the duty on: "Chỉ đạo Chủ tịch UBND các xã, phường, thị trấn:"."""
    return bool(re.match(r"^[\s\-+–•]*(?:Chỉ đạo|Lãnh đạo, chỉ đạo|Giao|Yêu cầu)\s", text))


def find_roles(
    text: str, mentions: Sequence[Mention], inherited: Sequence[Mention] = (), skip: Sequence[str] = ()
) -> list[FoundRole]:
    """Every role the wording of ``text`` gives; ``inherited`` are the actors named by the headings above
    (or by this clause's own title) who act where the text names no actor of its own. Lines in ``skip``
    (a task's time, product or cost: "Sản phẩm: Quyết định của Thủ tướng Chính phủ") give no role."""
    skipped = {matching_copy(line).strip() for line in skip}
    canon = matching_copy(text)
    mentions = [m for m in mentions if not m.place_only and not m.qualifier]
    found: list[FoundRole] = []
    labelled: set[int] = set()
    prose_spans: list[tuple[int, int]] = []
    offset = 0
    for line in canon.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.strip() in skipped:
            continue
        label = _LABEL.match(line)
        if label is None:
            prose_spans.append((start, end))
            continue
        role = _LABEL_ROLE[label.group("what").lower()]
        value = (start + label.end(), end)
        inside = [m for m in mentions if value[0] <= m.start < value[1]]
        labelled.update(m.start for m in inside)
        if role == "thuc-hien" and re.search(r"(?<!\w)chủ trì(?!\w)", canon[value[0] : value[1]]):
            found += _prose(canon, [value], inside, ())[0]
        else:
            found += [FoundRole(role, m) for m in inside]
    prose = [m for m in mentions if m.start not in labelled]
    roles, subject_found = _prose(canon, prose_spans, prose, inherited)
    found += roles
    if inherited and not subject_found and not labelled:
        body = _first_words(canon, prose_spans)
        role = "chu-tri" if _leads_itself(body) else "thuc-hien"
        found = [FoundRole(role, m) for m in inherited] + found
    return found


def _first_words(canon: str, spans: Sequence[tuple[int, int]]) -> str:
    return " ".join(canon[s:e] for s, e in spans).strip(" -+•\t")


def _leads_itself(body: str) -> bool:
    """ "Chủ trì, …", "Là cơ quan thường trực, chủ trì …", "…; chủ trì, phối hợp …": the actor leads."""
    if re.match(r"(?:[^,;.]{0,40},\s*)?(?:[Cc]hủ trì|[Ll]àm đầu mối)(?!\w)", body):
        return True
    return any(re.match(r"\s*(?:[Cc]hủ trì)(?!\w)", part) for part in body.split(";")[1:])


def _prose(
    canon: str, spans: Sequence[tuple[int, int]], mentions: Sequence[Mention], inherited: Sequence[Mention]
) -> tuple[list[FoundRole], bool]:
    """Roles from sentences; and whether the first sentence named its own actor."""
    found: list[FoundRole] = []
    first_subject = False
    first = True
    subject: list[Mention] = list(inherited)
    for span_start, span_end in spans:
        for seg_start, seg_end in segments(canon[span_start:span_end]):
            start, end = span_start + seg_start, span_start + seg_end
            seg_mentions = [m for m in mentions if start <= m.start < end]
            roles, own = _segment(canon, start, end, seg_mentions, subject if not first else list(inherited))
            if own:
                subject = own
                if first:
                    first_subject = True
            elif not first and subject and re.match(r"^[\s\-+•]*chủ trì(?!\w)", canon[start:end], re.I):
                roles = [FoundRole("chu-tri", m) for m in subject if m not in inherited] + roles
            found += roles
            first = False
    return found, first_subject


def _segment(
    canon: str, start: int, end: int, mentions: Sequence[Mention], implicit: Sequence[Mention]
) -> tuple[list[FoundRole], list[Mention]]:
    """The roles of one sentence part, and its own subject (the names it starts with)."""
    out: list[FoundRole] = []
    subject: list[Mention] = []
    lead = len(canon[start:end]) - len(canon[start:end].lstrip(" -+•\t"))
    begin = start + lead
    seg_text = canon[begin:end]
    intro = bool(_INTRO.match(seg_text))
    groups = runs(canon, mentions)
    previous_end = begin
    for index, group in enumerate(groups):
        group = [m for m in group if not _qualifies(canon, group, m)]
        if not group:
            continue
        before = canon[previous_end : group[0].start]
        before_all = canon[begin : group[0].start]
        after = canon[group[-1].end : end]
        named = not any(m.group for m in group)
        role, doubt = _role_of(before, before_all, after, index, intro, bool(subject or out), named)
        if role == "subject":
            leads = bool(_LEADS.match(after))
            partners = not leads and bool(_PARTNERS_AFTER.match(after)) and any(f.role == "chu-tri" for f in out)
            role = "chu-tri" if leads else "phoi-hop" if partners else "thuc-hien"
            if role != "phoi-hop":
                subject = subject + group
        elif role == "directed":
            role = "chu-tri" if _LEADS.match(after) else "thuc-hien"
            if not subject and implicit:
                out += [FoundRole("thuc-hien", m) for m in implicit]
                subject = list(implicit)
        if role is not None:
            out += [FoundRole(role, m, doubt) for m in group]
        previous_end = group[-1].end
    return out, subject if subject and not _implicit_only(subject, implicit) else []


def _implicit_only(subject: Sequence[Mention], implicit: Sequence[Mention]) -> bool:
    return all(m in implicit for m in subject)


def _qualifies(canon: str, group: Sequence[Mention], mention: Mention) -> bool:
    """A name in brackets that only says whose unit the name before it is: "Cục Z (Bộ W)"."""
    index = group.index(mention)
    if index == 0:
        return False
    before = group[index - 1]
    between = canon[before.end : mention.start]
    return "(" in between and mention.name.startswith("Bộ ") and not before.name.startswith(("Bộ ", "Sở "))


def _role_of(
    before: str,
    before_all: str,
    after: str,
    index: int,
    intro: bool,
    has_subject: bool,
    named: bool = True,
) -> tuple[str | None, str | None]:
    """What a list of names is in its sentence, from the words before it: "subject", "directed" (given a
    duty by a directive verb), a role, or None (the object of some other verb)."""
    stripped = before.strip(" \t-+•")
    if _COORDINATE.search(before):
        return "phoi-hop", None
    if _ADVISE.search(before) and not re.search(r"báo cáo\s*,?\s*(?:đề xuất|kiến nghị)\s+$", before):
        return "duoc-tham-muu", None
    if _REPORT_DIRECT.search(before):
        return "nhan-bao-cao", None
    if _REPORT_TO.search(before) and _REPORT_WORD.search(before_all):
        doubt = None if re.search(r"(?:về|\(\s*qua)\s+$", before) else "nơi nhận suy ra từ «báo cáo/gửi … lên/đến …»"
        return "nhan-bao-cao", doubt
    if _SUPPLY_TO.search(before) and _SUPPLY.search(before_all):
        return "nhan-bao-cao", None
    if _DIRECTIVE.search(before):
        return "directed", None
    if re.search(r"(?<!\w)qua\s+$", before) and re.match(r"^\s+để\s", after):
        return "thuc-hien", "«qua … để …»: cơ quan nhận và xử lý"
    if _PASSIVE.search(before) and _PASSIVE_ACTOR.match(after):
        return "subject", None  # "… do X chủ trì, phối hợp với Y thực hiện"; not "văn bản do X ban hành"
    if _GUIDANCE.search(before):
        return None, None
    if index == 0 and (stripped == "" or _DIRECTIVE_START.match(stripped + " ")):
        if re.match(r"^\s*(?:giao|đề nghị|yêu cầu)\s", after):
            return None, None  # "UBND tỉnh giao Sở X …": the one who assigns is not the actor
        return "subject", None
    if intro and not has_subject and before.rstrip().endswith(",") and _PREDICATE.match(after):
        return "subject", "chủ thể đứng sau cụm mở đầu câu"
    new_clause = before.rstrip().endswith((",", ";")) or re.search(r"(?<!\w)và\s+$", before)
    if new_clause and has_subject and named and _VERB_AFTER.match(after):
        return "subject", None  # "…, Sở Y tế hướng dẫn kỹ thuật": a new clause with its own subject
    return None, None


def settle(found: Sequence[FoundRole]) -> tuple[list[FoundRole], list[str]]:
    """One role per agency (by :data:`ROLE_PRIORITY`), in the order of the text within a role; and the
    checks for agencies the wording gives two roles."""
    best: dict[str, FoundRole] = {}
    conflicts: dict[str, set[str]] = {}
    for item in found:
        key = item.mention.key
        current = best.get(key)
        if current is None:
            best[key] = item
        elif current.role != item.role:
            conflicts.setdefault(key, {current.role}).add(item.role)
            if ROLE_PRIORITY.index(item.role) < ROLE_PRIORITY.index(current.role):
                best[key] = item
    out: list[FoundRole] = []
    checks: list[str] = []
    for role in ROLE_PRIORITY:
        for key, item in best.items():
            if item.role != role:
                continue
            out.append(item)
            if key in conflicts and not _expected_pair(role, conflicts[key]):
                others = ", ".join(ROLE_WORDS[r] for r in sorted(conflicts[key] - {role}))
                checks.append(
                    f"«{item.mention.name}» được đọc là {ROLE_WORDS[role]}; lời văn cũng có thể hiểu là {others} "
                    "(mỗi cơ quan chỉ một vai trò trong một mục)"
                )
    return out, checks


def _expected_pair(role: str, roles: set[str]) -> bool:
    """A lead that also performs or reports is simply the lead (README, rule 8): no doubt to raise."""
    return role in ("chu-tri", "thuc-hien") and roles <= {"chu-tri", "thuc-hien", "nhan-bao-cao", "duoc-tham-muu"}


# --- deadlines ------------------------------------------------------------------------------------

_DEADLINE_LABEL = re.compile(
    r"(?:[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ)(?:\s+(?:thực hiện|hoàn thành|triển khai|báo cáo|trình))*\s*:\s*"
    r"(?P<value>[^\n;)]+)"
)
_DEADLINE_WORDS = (
    re.compile(
        r"(?:trước|chậm nhất|không muộn hơn)(?: là)?(?: ngày)? \d{1,2}(?:/\d{1,2}/\d{4}| tháng \d{1,2}(?: năm \d{4})?)"
        r"(?: hằng (?:năm|tháng|quý))?"
    ),
    re.compile(r"(?:(?:trong|trước|hoàn thành trong)\s+)?[Qq]uý\s+(?:I{1,3}|IV|[1-4])\s*(?:/|năm\s+)\s*\d{4}"),
    re.compile(r"(?:trong|trước)\s+tháng\s+\d{1,2}(?:/| năm |-)\d{4}"),
    re.compile(r"trong năm \d{4}"),
    re.compile(r"[Tt]hường xuyên"),
    re.compile(r"[Đđ]ịnh kỳ(?: hằng (?:năm|quý|tháng)| hàng (?:năm|quý|tháng)| \d+ tháng)?"),
    re.compile(r"[Hh][ằà]ng (?:năm|tháng|quý)"),
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
