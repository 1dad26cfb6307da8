"""Where a plan's names resolve: its home jurisdiction and its issuer, from the header that names them.

"ỦY BAN NHÂN DÂN / TỈNH QUẢNG NGÃI" makes the plan a plan of tỉnh Quảng Ngãi: "Sở Nội vụ", "UBND tỉnh"
and "Tỉnh ủy" in it mean Quảng Ngãi's bodies. "ỦY BAN NHÂN DÂN / HUYỆN MỘ ĐỨC" is a district; its
province is the one the text names ("UBND tỉnh Quảng Ngãi"). "TỈNH ỦY NGHỆ AN" is the Party committee
of a province; "BỘ TƯ PHÁP" and "CHÍNH PHỦ" are national. A city under the central government
("THÀNH PHỐ CẦN THƠ") is a province-level jurisdiction.

A jurisdiction that data/jurisdictions.yaml lacks is proposed with the sets of standard bodies that a
jurisdiction of its level already has there (a province gets a province's sets), their dates left
unknown for it, so that accepting the proposal gives it its Sở Nội vụ, UBND tỉnh … at once. The
importer resolves names as if the proposal were accepted (:class:`Places`), and the plan validates
once it is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..data.bodies import generated_id, instantiate
from ..data.diagnostics import Loc, Report
from ..data.model import Agency, BodySetUse, Jurisdiction, Level, Period, Portfolio, Unknown, format_date
from ..data.names import NameIndex, name_key
from ..data.values import fold, slugify
from .data import ReferenceData
from .parse import ParsedPlan, Signature

#: Cities under the central government: a "THÀNH PHỐ" header of one of these is a province-level body.
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
_UNITS = {"TỈNH": "tỉnh", "THÀNH PHỐ": "thành phố", "HUYỆN": "huyện", "THỊ XÃ": "thị xã", "QUẬN": "quận"}
_PARTY_UNITS = {"TỈNH": "tỉnh", "THÀNH": "thành phố", "HUYỆN": "huyện", "THỊ": "thị xã", "QUẬN": "quận"}
_PARTY = re.compile(r"\b(?P<unit>TỈNH|THÀNH|HUYỆN|THỊ|QUẬN) ỦY (?P<name>[^,]+)$")
_LOCALITY = re.compile(r"\b(?P<unit>TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN) (?P<name>(?!ỦY\b)[^,]+)$")
#: The line above a district Party committee's name: "ĐẢNG BỘ TỈNH HÀ TĨNH" / "HUYỆN ỦY CẨM XUYÊN".
_PARTY_PROVINCE = re.compile(r"^ĐẢNG BỘ (?:TỈNH|THÀNH PHỐ) (?P<name>[^,]+)$")


def proper_case(words: str, text: str) -> str:
    """A name written in capitals in a header ("QUẢNG NGÃI") as the text writes it elsewhere ("Quảng
    Ngãi"); each word capitalised when the text does not write it."""
    folded_words, folded_text = fold(words), fold(text)
    at = folded_text.find(folded_words)
    while at >= 0:
        found = text[at : at + len(words)]
        if found != found.upper() and fold(found) == folded_words:
            return found
        at = folded_text.find(folded_words, at + 1)
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split())


def slug(text: str) -> str:
    """An id in the data's style: ``Quảng Ngãi`` → ``quang-ngai``."""
    return slugify(text)


@dataclass
class Places:
    """The plan's home jurisdiction (known or proposed), its issuer, and the names that resolve there."""

    data: ReferenceData
    home: str  # a jurisdiction id (of the data, or proposed here)
    #: jurisdictions proposed for the data, in the order to add them (a province before its districts)
    proposed: list[Jurisdiction] = field(default_factory=list)
    proposed_entries: list[dict[str, Any]] = field(default_factory=list)
    #: the issuer as a standard body key of the home jurisdiction ("ubnd-tinh"), or an agency id found
    issuer_key: str | None = None
    issuer_id: str | None = None
    #: the issuer's name when no standard body gives it: a district's Party committee ("Ban Thường vụ
    #: Huyện ủy Cẩm Xuyên"), to link or propose
    issuer_name: str | None = None
    #: for a ministry's (or a sở's) plan: the issuing body, whose "Bộ trưởng", "Văn phòng Bộ", "Văn phòng
    #: Sở", units are meant
    ministry: Agency | None = None
    notes: list[str] = field(default_factory=list)
    #: the home jurisdiction's name when it was inferred from the text (no header names it)
    inferred: str | None = None

    @cached_property
    def generated(self) -> tuple[Agency, ...]:
        """The standard bodies of the proposed jurisdictions, as the data will make them once accepted."""
        if not self.proposed:
            return ()
        report = Report()
        bodies = instantiate(self.proposed, self.data.standard, (), (), (), report)
        return bodies.agencies

    @cached_property
    def portfolio(self) -> Portfolio:
        return Portfolio(
            plans=(),
            agencies=(*self.data.agencies, *self.generated),
            groups=self.data.groups,
            documents=self.data.documents,
            jurisdictions=(*self.data.jurisdictions, *self.proposed),
        )

    @cached_property
    def names(self) -> NameIndex:
        return NameIndex(self.portfolio)

    def jurisdiction(self, jurisdiction_id: str) -> Jurisdiction | None:
        return next((j for j in self.portfolio.jurisdictions if j.id == jurisdiction_id), None)

    @property
    def home_jurisdiction(self) -> Jurisdiction:
        found = self.jurisdiction(self.home)
        assert found is not None
        return found

    @property
    def province(self) -> Jurisdiction | None:
        """The province of the home jurisdiction (itself for a province); ``None`` at the national level."""
        home = self.home_jurisdiction
        if home.level is Level.PROVINCE:
            return home
        if home.parent_id:
            return self.jurisdiction(home.parent_id)
        return None

    def standard_id(self, key: str, jurisdiction_id: str | None = None) -> str | None:
        """The id of the standard body ``key`` of a jurisdiction (the home one by default), if it has it."""
        jurisdiction = self.jurisdiction(jurisdiction_id or self.home)
        if jurisdiction is None:
            return None
        for agency in self.portfolio.agencies:
            if agency.jurisdiction_id == jurisdiction.id and agency.standard_key == key:
                return agency.id
        candidate = generated_id(key, jurisdiction)
        return candidate if any(a.id == candidate for a in self.portfolio.agencies) else None

    def is_known(self, actor_id: str) -> bool:
        return actor_id in self.data.actor_ids

    def agency(self, actor_id: str) -> Agency | None:
        return next((a for a in self.portfolio.agencies if a.id == actor_id), None)


def find_places(parsed: ParsedPlan, data: ReferenceData) -> Places:
    """The home jurisdiction and issuer of ``parsed``, from its header (or its wrapper's)."""
    headers = [parsed.header, *([parsed.decision.header] if parsed.decision else [])]
    lines = next((h.issuer_lines for h in headers if h.issuer_lines), [])
    text = " ".join([parsed.title, parsed.body_text])
    national = next(j for j in data.jurisdictions if j.level is Level.NATIONAL) if data.jurisdictions else None
    places = Places(data, national.id if national else "")
    joined = " ".join(lines)
    signature = parsed.signature or (parsed.decision.signature if parsed.decision else None)
    if party := _PARTY.search(joined):
        party_unit = _PARTY_UNITS[party.group("unit")]
        level, name = _level_of(party_unit, proper_case(party.group("name"), text))
        above = next((m for line in lines if (m := _PARTY_PROVINCE.match(line))), None)
        province = proper_case(above.group("name"), text) if above else None
        _settle_home(places, level, party_unit, name, text, province)
        board = signature is not None and any("BAN THƯỜNG VỤ" in a for a in signature.authority)
        places.issuer_key = ("ban-thuong-vu-tinh-uy" if board else "tinh-uy") if level is Level.PROVINCE else None
        if level is not Level.PROVINCE:
            committee = f"{party.group('unit').capitalize()} ủy {name}"
            places.issuer_name = f"Ban Thường vụ {committee}" if board else committee
    elif locality := _locality(lines):
        unit, raw_name, body = locality
        level, name = _level_of(unit, proper_case(raw_name, text))
        _settle_home(places, level, unit, name, text)
        places.issuer_key, places.issuer_id = _issuer(places, body, level, signature, text, parsed.doc_type)
    elif lines:
        # a national body: "BỘ TƯ PHÁP", "CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ"
        name = proper_case(lines[-1], text)
        actor = places.names.resolve(name, places.home) if places.home else None
        if isinstance(actor, Agency):
            places.issuer_id = actor.id
            if actor.kind == "bo" or name.startswith("Bộ "):
                places.ministry = actor
    else:
        _home_from_text(places, text)
    return places


def _home_from_text(places: Places, text: str) -> None:
    """A text without a header: the province whose bodies it names by their full names ("Báo Bình
    Thuận"), or that it names itself ("tỉnh Quảng Ngãi"), when there is exactly one."""
    data = places.data
    folded = fold(text)
    found: Counter[str] = Counter()
    by_id = {j.id: j for j in data.jurisdictions}
    for agency in data.agencies:
        jurisdiction = by_id.get(agency.jurisdiction_id)
        while jurisdiction is not None and jurisdiction.level not in (Level.PROVINCE, Level.NATIONAL):
            jurisdiction = by_id.get(jurisdiction.parent_id or "")
        if jurisdiction is None or jurisdiction.level is not Level.PROVINCE:
            continue
        for name in (agency.name, *agency.short_names, *agency.spellings):
            if fold(jurisdiction.proper_name) in fold(name) and re.search(
                rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded
            ):
                found[jurisdiction.id] += 1
    for match in re.finditer(r"\b(?:tỉnh|thành phố) ([A-ZĐÀ-Ỹ][^\s,;.:()]*(?: [A-ZĐÀ-Ỹ][^\s,;.:()]*){0,3})", text):
        existing = _existing(data, Level.PROVINCE, match.group(0))
        if existing is not None:
            found[existing.id] += 1
    if len(found) == 1:
        places.home = next(iter(found))
        places.inferred = places.home_jurisdiction.name
        places.notes.append(
            f"văn bản không có phần đầu ghi cơ quan ban hành: tên cơ quan được hiểu theo {places.inferred}, địa bàn "
            "suy ra từ các tên cơ quan đầy đủ trong văn bản; kiểm tra lại"
        )
        return
    places.notes.append(
        "văn bản không có phần đầu ghi cơ quan ban hành: tên cơ quan được hiểu ở cấp trung ương; kiểm tra các cơ "
        "quan được gắn"
    )


def _locality(lines: list[str]) -> tuple[str, str, str] | None:
    """``(unit, name, body)`` from header lines such as "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI" or
    "UBND TỈNH BÌNH THUẬN" / "SỞ NỘI VỤ": the body is the last line when it is not the locality."""
    for index in range(len(lines)):
        for start in range(index, -1, -1):
            joined = " ".join(lines[start : index + 1])
            if found := _LOCALITY.search(joined):
                body = lines[-1] if index < len(lines) - 1 else joined[: found.start()].strip()
                return _UNITS[found.group("unit")], found.group("name").strip(), body
    return None


def _level_of(unit: str, name: str) -> tuple[Level, str]:
    if unit == "tỉnh" or (unit == "thành phố" and name in CENTRAL_CITIES):
        return Level.PROVINCE, name
    return Level.DISTRICT, name


def _settle_home(places: Places, level: Level, unit: str, name: str, text: str, province: str | None = None) -> None:
    """Find the jurisdiction in the data, or propose it (a district with its province: the one the header
    names above it, ``province``, else the one the text names)."""
    data = places.data
    full = f"{unit} {name}"
    existing = _existing(data, level, full)
    if existing is not None:
        places.home = existing.id
        return
    parent: Jurisdiction | None = None
    if level is Level.DISTRICT:
        province_name = province or _province_named_in(text)
        if province_name is not None:
            parent = _existing(data, Level.PROVINCE, f"tỉnh {province_name}")
            if parent is None:
                parent = _propose(places, Level.PROVINCE, "tỉnh", province_name, None)
        else:
            places.notes.append(
                f"không xác định được tỉnh của {full}: địa bàn được đề xuất không có 'parent'; bổ sung nếu biết"
            )
    places.home = _propose(places, level, unit, name, parent).id


def _existing(data: ReferenceData, level: Level, name: str) -> Jurisdiction | None:
    return next((j for j in data.jurisdictions if j.level is level and name_key(j.name) == name_key(name)), None)


def _province_named_in(text: str) -> str | None:
    """The province a district's text names most often ("UBND tỉnh Quảng Ngãi", "Sở Y tế tỉnh Quảng Ngãi")."""
    found = Counter(
        m.group(1) for m in re.finditer(r"\btỉnh ((?:[A-ZĐÀ-Ỹ][^\s,;.:()]*)(?: [A-ZĐÀ-Ỹ][^\s,;.:()]*){0,3})", text)
    )
    return found.most_common(1)[0][0] if found else None


def _template(data: ReferenceData, level: Level) -> Jurisdiction | None:
    """The jurisdiction of ``level`` with the most sets of standard bodies: the model for a new one."""
    same = [j for j in data.jurisdictions if j.level is level and j.body_sets]
    return max(same, key=lambda j: len(j.body_sets)) if same else None


def _propose(places: Places, level: Level, unit: str, name: str, parent: Jurisdiction | None) -> Jurisdiction:
    """A jurisdiction for the proposals, with the body sets of one of its level in the data."""
    base = slug(name)
    jurisdiction_id = f"{parent.id}-{base}" if parent is not None and level is not Level.PROVINCE else base
    known = {j.id for j in places.data.jurisdictions} | {j.id for j in places.proposed}
    while jurisdiction_id in known:
        jurisdiction_id += "-2"
    template = _template(places.data, level)
    reason = f"Thời gian áp dụng danh mục này cho {unit} {name} chưa xác minh (đề xuất theo danh mục chung)."
    uses = []
    entries = []
    for use in template.body_sets if template is not None else ():
        period = Period(_unknown(use.period.start, reason), _unknown(use.period.end, reason))
        uses.append(BodySetUse(use.set_id, period, Loc("")))
        entry: dict[str, Any] = {"set": use.set_id}
        if period.start is not None:
            entry["from"] = _period_value(period.start)
        if period.end is not None:
            entry["until"] = _period_value(period.end)
        entries.append(entry)
    # a district ends with the district level (Luật 72/2025/QH15), as every district of the data does
    end = template.period.end if template is not None and level is Level.DISTRICT else None
    jurisdiction = Jurisdiction(
        id=jurisdiction_id,
        name=f"{unit} {name}",
        proper_name=name,
        unit=unit,
        level=level,
        parent_id=parent.id if parent is not None else None,
        period=Period(None, end),
        body_sets=tuple(uses),
        note=None,
        loc=Loc(""),
    )
    entry_out: dict[str, Any] = {
        "id": jurisdiction.id,
        "name": jurisdiction.name,
        "proper_name": name,
        "unit": unit,
        "level": level.value,
    }
    if parent is not None:
        entry_out["parent"] = parent.id
    if end is not None:
        entry_out["until"] = _period_value(end)
    if entries:
        entry_out["bodies"] = entries
    entry_out["note"] = (
        f"Đề xuất bởi công cụ nhập liệu theo phần đầu văn bản. Các danh mục cơ quan chung lấy theo "
        f"{template.name if template else 'cấp này'}; kiểm tra thời gian áp dụng và các thay đổi năm 2025 "
        "(hợp nhất tỉnh, sắp xếp các sở) của địa bàn này."
    )
    places.proposed.append(jurisdiction)
    places.proposed_entries.append(entry_out)
    return jurisdiction


def _unknown(value: Any, reason: str) -> Any:
    """A bound of a template's period, for a new jurisdiction: a date stays a lower bound, never a fact."""
    if value is None:
        return None
    if isinstance(value, Unknown):
        return Unknown(reason, value.not_before)
    return Unknown(reason, value)


def _period_value(value: Any) -> Any:
    if isinstance(value, Unknown):
        out: dict[str, Any] = {"unknown": value.reason}
        if value.not_before is not None:
            out["not_before"] = format_date(value.not_before)
        return out
    return format_date(value)


def _issuer(
    places: Places, body: str, level: Level, signature: Signature | None, text: str, doc_type: str
) -> tuple[str | None, str | None]:
    """The issuer as a standard key of the home jurisdiction, or the id of a body found by its name."""
    folded = fold(body)
    if folded in ("uy ban nhan dan", "ubnd", ""):
        head = signature is not None and not signature.authority and (signature.position or "").startswith("CHỦ TỊCH")
        if level is Level.PROVINCE:
            return ("chu-tich-ubnd-tinh" if head and doc_type == "chi-thi" else "ubnd-tinh"), None
        return ("chu-tich-ubnd-huyen" if head and doc_type == "chi-thi" else "ubnd-huyen"), None
    name = proper_case(body, text)
    actor = places.names.resolve(name, places.home)
    if isinstance(actor, Agency) and actor.kind == "so":
        places.ministry = actor  # "Văn phòng Sở", "các phòng thuộc Sở" of its plan are its own
    return None, actor.id if actor is not None else None
