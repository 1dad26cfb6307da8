"""The importer on the corpus of ``tests/import_corpus``: the figures ``scripts/import_corpus`` measures,
pinned per fixture so that a regression fails, and what must hold on every fixture.

* each fixture is imported from the data without the seed's agencies and its proposals are accepted as
  they are: the counts of clauses exact and of role hits (per role: hits, gold entries, produced
  entries) are pinned exactly, and the data validates with 0 errors;
* imported from the data as shipped, no role links a body of the seed's province to a plan of another;
* every plan imported one after another into one data folder, each time accepting its proposals,
  keeps the data valid (a second ministry's "Văn phòng Bộ" is its own);
* damaged inputs never end in a traceback: the importer writes a plan or refuses with a message.

The held-out fixtures (:data:`~vnplans.importer.corpus.HELD_OUT`) were set aside before the importer was
tuned; their figures were measured once it was, and are pinned as measured.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO_ROOT

from vnplans.data.load import load_portfolio
from vnplans.data.model import Level
from vnplans.importer import SourceError, import_text, load_reference_data
from vnplans.importer.corpus import (
    HELD_OUT,
    Actor,
    GoldAgency,
    Score,
    fixtures,
    is_gold_agency,
    qualified_name,
    score_corpus,
    seedless_data,
)
from vnplans.importer.proposals import accept_proposals
from vnplans.importer.source import decode_source, read_source

#: fixture → (clauses exact/total, then per role hits/gold/produced: lead, partner, perform, advised,
#: report; words lost/added), as scripts/import_corpus measures them.
EXPECTED: dict[str, tuple[list[int], ...]] = {
    "bnnmt-2025-qd-ke-hoach-an-toan-dap": ([26, 26], [10, 10, 10], [16, 16, 16], [10, 10, 10], [0, 0, 0], [6, 6, 6], [0, 0]),
    "bth-htb-ubnd-2022-ke-hoach-nuoc-sach": ([30, 30], [3, 3, 3], [4, 4, 4], [12, 13, 13], [3, 3, 3], [6, 6, 6], [0, 0]),
    "btp-2022-qd-chuyen-doi-so": ([43, 43], [12, 12, 12], [20, 20, 20], [15, 16, 16], [2, 2, 2], [2, 2, 2], [0, 0]),
    "byt-2023-ke-hoach-benh-khong-lay-nhiem": ([26, 26], [9, 9, 9], [15, 16, 16], [5, 5, 5], [0, 0, 0], [4, 4, 4], [0, 0]),
    "cp-2022-nq-chuong-trinh-hanh-dong-pdf": ([36, 36], [11, 11, 11], [22, 22, 22], [10, 10, 10], [7, 7, 7], [5, 5, 5], [0, 0]),
    "cp-2022-nq-chuong-trinh-hanh-dong": ([36, 36], [11, 11, 11], [22, 22, 22], [10, 10, 10], [7, 7, 7], [5, 5, 5], [0, 0]),
    "ctho-ubnd-2025-cv-sat-lo": ([36, 36], [4, 4, 4], [4, 4, 4], [20, 21, 21], [1, 1, 1], [5, 5, 5], [0, 0]),
    "hti-hu-2023-ke-hoach-bao-ve-rung-pdf": ([26, 26], [2, 2, 2], [3, 3, 3], [11, 12, 11], [0, 0, 0], [4, 4, 4], [0, 0]),
    "nan-tu-2024-ke-hoach-ruou-bia": ([25, 25], [4, 4, 4], [5, 5, 5], [15, 15, 15], [0, 0, 0], [2, 2, 2], [0, 0]),
    "nan-ubnd-2025-ke-hoach-so-hoa": ([32, 32], [10, 10, 10], [21, 21, 21], [10, 10, 10], [1, 1, 1], [2, 2, 2], [0, 0]),
    "qng-modu-2023-ke-hoach-dan-so": ([37, 37], [1, 1, 1], [3, 3, 3], [19, 19, 19], [2, 2, 2], [6, 6, 6], [0, 0]),
    "qng-ubnd-2022-qd-du-lich-pdf": ([44, 44], [4, 4, 4], [8, 8, 8], [18, 18, 18], [3, 3, 3], [5, 5, 5], [0, 0]),
    "qng-ubnd-2022-qd-du-lich": ([44, 44], [4, 4, 4], [8, 8, 8], [18, 18, 18], [3, 3, 3], [5, 5, 5], [0, 0]),
    "qng-ubnd-2024-chi-thi-rung": ([26, 26], [1, 1, 1], [3, 3, 3], [31, 32, 32], [1, 1, 1], [2, 2, 2], [0, 0]),
    # held out
    "ctho-ubnd-2023-ke-hoach-binh-dang-gioi": ([31, 31], [3, 3, 3], [3, 3, 3], [17, 17, 17], [1, 1, 1], [6, 6, 6], [0, 0]),
    "nan-ubnd-2023-ke-hoach-pci": ([35, 35], [6, 6, 6], [5, 5, 5], [17, 17, 17], [1, 1, 1], [3, 3, 3], [0, 0]),
    "qng-tu-2021-chuong-trinh-hanh-dong": ([29, 29], [3, 3, 3], [5, 5, 5], [17, 17, 17], [3, 3, 3], [1, 1, 1], [0, 0]),
}  # fmt: skip
#: Added after the corpus above was tuned on (a district of the seed's province, a Huyện ủy copied from a
#: PDF, a ministry's Kế hoạch with an appendix table): measured from the data as shipped, seed included, too.
AS_SHIPPED = (
    "bth-htb-ubnd-2022-ke-hoach-nuoc-sach",
    "byt-2023-ke-hoach-benh-khong-lay-nhiem",
    "hti-hu-2023-ke-hoach-bao-ve-rung-pdf",
)
ROLE_ORDER = ("chu-tri", "phoi-hop", "thuc-hien", "duoc-tham-muu", "nhan-bao-cao")
#: the floor of issue 12, on plans never seen before
CLAUSES_FLOOR, ROLE_FLOOR = 0.95, 0.85


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    measured, _ = score_corpus(fixtures(), REPO_ROOT / "data")
    return {s.name: s for s in measured}


def _figures(score: Score) -> tuple[list[int], ...]:
    roles = tuple([score.roles[r].hits, score.roles[r].gold, score.roles[r].produced] for r in ROLE_ORDER)
    return ([score.exact, score.clauses], *roles, [score.words_lost, score.words_added])


def test_every_fixture_is_pinned() -> None:
    assert sorted(EXPECTED) == sorted(f.name for f in fixtures())
    assert set(HELD_OUT) <= set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_scores_as_measured(name: str, scores: dict[str, Score]) -> None:
    score = scores[name]
    assert score.refused is None, score.refused
    assert _figures(score) == EXPECTED[name], "\n".join(score.misses)


@pytest.fixture(scope="module")
def shipped_scores() -> dict[str, Score]:
    selected = [f for f in fixtures() if f.name in AS_SHIPPED]
    measured, _ = score_corpus(selected, REPO_ROOT / "data", as_shipped=True)
    return {s.name: s for s in measured}


@pytest.mark.parametrize("name", AS_SHIPPED)
def test_fixture_scores_from_the_data_as_shipped(name: str, shipped_scores: dict[str, Score]) -> None:
    """The acceptance's reading: the seed's agencies stay in the data (one of these plans is a district
    of the seed's province), and the figures are those measured without them."""
    score = shipped_scores[name]
    assert score.refused is None, score.refused
    assert _figures(score) == EXPECTED[name], "\n".join(score.misses)
    assert (score.errors, score.captures) == (0, 0), "\n".join(score.misses)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_proposals_accepted_as_they_are_give_valid_data(name: str, scores: dict[str, Score]) -> None:
    """No validator error once the jurisdictions, agencies, groups and documents proposed are accepted,
    and no name linked to a body of another jurisdiction."""
    assert scores[name].errors == 0, "\n".join(scores[name].misses)
    assert scores[name].captures == 0, "\n".join(scores[name].misses)


@pytest.mark.parametrize("held_out", [False, True], ids=["tuning-set", "held-out"])
def test_the_floor_of_issue_12(held_out: bool, scores: dict[str, Score]) -> None:
    total = Score("total")
    for name, score in scores.items():
        if (name in HELD_OUT) == held_out:
            total.add(score)
    assert total.exact_share >= CLAUSES_FLOOR
    for role in ("chu-tri", "phoi-hop"):
        assert total.roles[role].recall >= ROLE_FLOOR, role
        assert total.roles[role].precision >= ROLE_FLOOR, role


# --- the scorer's rules --------------------------------------------------------------------------


def _actor(name: str, jurisdiction: str, *spellings: str) -> Actor:
    from vnplans.data.names import name_key

    return Actor("x", name, frozenset(name_key(n) for n in (name, *spellings)), jurisdiction, True)


def test_a_body_counts_in_its_own_jurisdiction_only() -> None:
    gold = GoldAgency("Sở Nội vụ", None, "tinh: tỉnh Quảng Ngãi", None, "so-nganh")
    assert is_gold_agency(_actor("Sở Nội vụ tỉnh Quảng Ngãi", "tinh: tỉnh Quảng Ngãi", "Sở Nội vụ"), gold)
    assert is_gold_agency(_actor("Sở Nội vụ tỉnh Quảng Ngãi", "tinh: tỉnh QUẢNG NGÃI", "Sở Nội Vụ"), gold)
    assert not is_gold_agency(_actor("Sở Nội vụ tỉnh Bình Thuận", "tinh: tỉnh Bình Thuận", "Sở Nội vụ"), gold)
    assert not is_gold_agency(_actor("Sở Nội", "tinh: tỉnh Quảng Ngãi"), gold)  # a name cut short


def test_tone_placement_and_case_do_not_matter_but_the_parent_of_a_unit_does() -> None:
    gold = GoldAgency("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Nghệ An", "tinh: tỉnh Nghệ An", None, "ubnd")
    assert is_gold_agency(_actor("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "tinh: tỉnh Nghệ An"), gold)
    unit = GoldAgency("Văn phòng Bộ", None, "quoc-gia: Việt Nam", "Bộ Tư pháp", "vu-cuc")
    assert qualified_name("Văn phòng Bộ", "Bộ Tư pháp") == "Văn phòng Bộ Tư pháp"
    assert qualified_name("Vụ Pháp chế", "Bộ Tư pháp") == "Vụ Pháp chế (Bộ Tư pháp)"
    assert is_gold_agency(_actor("Văn phòng Bộ Tư pháp", "quoc-gia: Việt Nam", "Văn phòng Bộ"), unit)
    other = _actor("Văn phòng Bộ Nông nghiệp và Môi trường", "quoc-gia: Việt Nam", "Văn phòng Bộ")
    assert not is_gold_agency(other, unit)


def test_the_scorer_starts_from_data_without_the_seeds_agencies(tmp_path: Path) -> None:
    seedless = seedless_data(REPO_ROOT / "data", tmp_path / "data")
    shipped, stripped = load_reference_data(REPO_ROOT / "data"), load_reference_data(seedless)
    declared = {a.id for a in shipped.agencies if not a.generated}
    left = {a.id for a in stripped.agencies if not a.generated}
    assert {"so-noi-vu", "ubnd-tinh", "bao-binh-thuan", "tinh-doan"} <= declared - left
    assert "bo-noi-vu" in left  # a national entry stays
    # the standard bodies and jurisdictions stay: Bình Thuận's Sở Nội vụ is there under its generated id
    assert "so-noi-vu-binh-thuan" in {a.id for a in stripped.agencies}
    assert not list((seedless / "plans").glob("*"))  # the seed plan goes


# --- the data as shipped, and several plans in one data folder -----------------------------------


def _role_ids(plan: dict[str, Any]) -> set[str]:
    out: set[str] = set()

    def walk(items: list[dict[str, Any]]) -> None:
        for clause in items:
            for ids in (clause.get("roles") or {}).values():
                out.update(ids)
            walk(clause.get("items", []))

    walk([c for c in (plan.get("opening"), plan.get("closing")) if c] + plan["sections"])
    for appendix in plan.get("appendices", []):
        walk(appendix["items"])
    return out


def test_the_seeds_bodies_never_capture_another_provinces_names() -> None:
    """From the data as shipped: no role of a corpus plan names a body of Bình Thuận, its districts, Lâm
    Đồng or Đắk Nông, unless the plan is of that place (the district of Hàm Thuận Bắc names its own bodies
    and its province's, never another district's)."""
    data = load_reference_data(REPO_ROOT / "data")
    local = {j.id for j in data.jurisdictions if j.level is not Level.NATIONAL}
    by_id = {a.id: a for a in data.agencies} | {g.id: g for g in data.groups}
    for fixture in fixtures():
        imported = import_text(read_source(fixture.text), fixture.text.name, data, fixture.name)
        # a plan of the seed's province (or of one of its districts) names its own bodies
        own = fixture.gold["plan"]["issuer"]["jurisdiction"].partition(": ")[2]
        others = {j.id for j in data.jurisdictions if j.id in local and j.name not in own}
        captured = sorted(
            i for i in _role_ids(imported.result.plan) if i in by_id and by_id[i].jurisdiction_id in others
        )
        assert captured == [], fixture.name


def test_plans_imported_one_after_another_keep_the_data_valid(tmp_path: Path) -> None:
    """Two ministries, two provinces, a district and a Party committee, each plan's proposals accepted
    in turn: the data stays valid, and the second ministry's "Văn phòng Bộ" is its own."""
    folder = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", folder)
    order = [
        "bnnmt-2025-qd-ke-hoach-an-toan-dap",
        "btp-2022-qd-chuyen-doi-so",
        "cp-2022-nq-chuong-trinh-hanh-dong",
        "qng-ubnd-2022-qd-du-lich",
        "qng-modu-2023-ke-hoach-dan-so",
        "nan-tu-2024-ke-hoach-ruou-bia",
        "bth-htb-ubnd-2022-ke-hoach-nuoc-sach",
        "hti-hu-2023-ke-hoach-bao-ve-rung-pdf",
        "byt-2023-ke-hoach-benh-khong-lay-nhiem",
    ]
    by_name = {f.name: f for f in fixtures()}
    for name in order:
        fixture = by_name[name]
        imported = import_text(read_source(fixture.text), fixture.text.name, load_reference_data(folder), name)
        accept_proposals(folder, yaml.safe_load(imported.proposals_yaml or "") or {})
        (folder / "plans" / f"{name}.yaml").write_text(imported.yaml, encoding="utf-8")
        result = load_portfolio(folder, tmp_path)
        assert result.report.errors == [], f"{name}: {result.report.format_text('en')}"
    assert result.portfolio is not None
    plan = result.portfolio.plan("btp-2022-qd-chuyen-doi-so")
    clause = next(c for c in plan.clauses() if c.ref == "II.4.1")
    leads = [r.actor_id for r in clause.roles if r.role.value == "chu-tri"]
    assert [result.portfolio.actor(i).name for i in leads] == ["Văn phòng Bộ Tư pháp"]


# --- no traceback on any input ---------------------------------------------------------------------

_DEBRIS = [
    "",
    "|",
    "| | |",
    "1.",
    "a)",
    "-",
    "I.",
    "Điều 1.",
    "QUYẾT ĐỊNH",
    "NGHỊ QUYẾT",
    "QUYẾT NGHỊ:",
    "KẾ HOẠCH",
    "CỦA CHÍNH PHỦ",
    "Nơi nhận:",
    "TM. ỦY BAN NHÂN DÂN",
    "(Kèm theo",
    "¹",
    "[1] Ghi chú",
    "Kính gửi:",
    "PHỤ LỤC",
    "| TT | Nhiệm vụ |",
    "| I |",
    "2",
    "Trang 1/2",
    "Người ký: X",
    "Giao",
    "Chỉ đạo:",
    "(",
    "Bộ trưởng",
    "V/v",
    "Số:",
]


def _damaged(text: str, rnd: random.Random) -> str:
    """A text with lines dropped, cut, swapped, capitalised or replaced by layout debris."""
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 6)):
        op, at = rnd.randint(0, 6), rnd.randrange(len(lines) + 1)
        if op == 0 and lines:
            del lines[rnd.randrange(len(lines))]
        elif op == 1:
            lines.insert(at, rnd.choice(_DEBRIS))
        elif op == 2 and lines:
            lines = lines[: rnd.randrange(len(lines))]
        elif op == 3 and lines:
            lines = lines[rnd.randrange(len(lines)) :]
        elif op == 4 and len(lines) > 2:
            a, b = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
        elif op == 5 and lines:
            k = rnd.randrange(len(lines))
            lines[k] = lines[k][: rnd.randrange(len(lines[k]) + 1)].upper()
        elif op == 6 and lines:
            k = rnd.randrange(len(lines))
            lines[k] = rnd.choice(_DEBRIS) + " " + lines[k]
    return "\n".join(lines)


def test_damaged_texts_are_imported_or_refused_never_a_traceback() -> None:
    data = load_reference_data(REPO_ROOT / "data")
    texts = [f.text.read_text(encoding="utf-8") for f in fixtures()]
    rnd = random.Random(12)
    outcomes = {"imported": 0, "refused": 0}
    for _ in range(120):
        text = _damaged(rnd.choice(texts), rnd)
        try:
            import_text(decode_source(text.encode("utf-8"), "x.txt"), "x.txt", data, "damaged")
            outcomes["imported"] += 1
        except SourceError as refused:
            assert refused.message.render("en").startswith("x.txt")  # names the file, says why
            outcomes["refused"] += 1
    assert outcomes["imported"] and outcomes["refused"], outcomes
