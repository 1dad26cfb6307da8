"""``scripts/import_corpus``: the importer measured on plans it was not written for.

Each text of ``tests/import_corpus/`` is imported from a data folder **without the seed's agencies**
(:func:`seedless_data`: the jurisdictions, standard bodies and documents stay; the entries of
data/agencies.yaml that belong to Bình Thuận, the succession events about them and the seed plan go),
so that names are recognised, not looked up. Its proposals are then accepted as they are and the plan
is validated beside them. The result is compared with the fixture's gold annotation (format and rules:
``tests/import_corpus/README.md``):

* **clauses exact**: gold clauses (opening, closing and appendix rows included) produced under the same
  ref with the same words, whitespace normalised (title and text compared as one; a row's task text and
  each of its cells);
* **roles**, per role, recall and precision over (clause ref, role, agency). A produced agency is the
  gold agency when it is in the same jurisdiction (level and name) and the gold name (or official
  name) is its name or one of the spellings it is linked by, compared case-insensitively with either
  tone placement. A unit of a ministry or a sở (gold ``of``) must also carry its parent in its name,
  as the importer records it (:func:`qualified_name`: "Văn phòng Bộ Tư pháp", "Vụ Pháp chế (Bộ Nông
  nghiệp và Môi trường)"), since the bare name is the same in every ministry;
* **words lost and added**: the words of the gold clauses against those of the produced ones, as
  multisets (structure aside); page furniture or a footnote glued to a clause counts as added;
* **captures**: roles linked to a body of a jurisdiction that the gold gives no agency in (another
  province's body taking this plan's name), or to a body of the wrong jurisdiction under a gold name;
* **errors**: validator errors once the proposals are accepted unedited (the target is 0).

Three fixtures (:data:`HELD_OUT`) were set aside before the importer was tuned on the others; they
are only scored with ``--held-out`` and reported apart.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..data.diagnostics import Report
from ..data.load import (
    AGENCIES_FILE,
    JURISDICTIONS_FILE,
    PLANS_DIR,
    REFERENCE_FILES,
    SUCCESSION_FILE,
    load_portfolio,
    load_reference,
)
from ..data.model import Agency, Group, Jurisdiction, Level, Plan
from ..data.names import name_key
from ..data.records import PlanBuilder
from ..data.schema import check_schema
from ..data.vocab import Role
from ..data.yamlio import read_yaml
from .cli import REPO_ROOT, import_text
from .data import load_reference_data
from .emit import dump_yaml
from .proposals import accept_proposals
from .source import SourceError, read_source

CORPUS_DIR = REPO_ROOT / "tests" / "import_corpus"
#: Set aside before any tuning; scored only with --held-out (issue 12: "keep yourself honest").
HELD_OUT = (
    "ctho-ubnd-2023-ke-hoach-binh-dang-gioi",
    "nan-ubnd-2023-ke-hoach-pci",
    "qng-tu-2021-chuong-trinh-hanh-dong",
)
#: The jurisdictions of the seed plan: their declared agencies are removed before scoring.
SEED_JURISDICTION = "binh-thuan"
ROLES = tuple(role.value for role in Role)
ROLE_NAMES = {
    "chu-tri": "lead",
    "phoi-hop": "partner",
    "thuc-hien": "perform",
    "duoc-tham-muu": "advised",
    "nhan-bao-cao": "report",
}
OPENING, CLOSING = "Mở đầu", "Đoạn kết"
_LEVELS = {"quoc-gia": Level.NATIONAL, "tinh": Level.PROVINCE, "huyen": Level.DISTRICT, "xa": Level.COMMUNE}


# --- names -----------------------------------------------------------------------------------------


def qualified_name(name: str, parent: str) -> str:
    """How a unit is named with the body it belongs to: "Văn phòng Bộ" of "Bộ Tư pháp" → "Văn phòng Bộ
    Tư pháp" (the name ends in the parent's head word); "Vụ Pháp chế" → "Vụ Pháp chế (Bộ Tư pháp)"."""
    head, _, rest = parent.partition(" ")
    if rest and name.split()[-1:] == [head]:
        return f"{name} {rest}"
    return f"{name} ({parent})"


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def words(text: str | None) -> list[str]:
    """The words of a text for counting: NFC, split on whitespace, punctuation around them kept."""
    return unicodedata.normalize("NFC", text or "").split()


# --- the gold ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldAgency:
    name: str
    official_name: str | None
    jurisdiction: str  # "tinh: tỉnh Quảng Ngãi"
    of: str | None
    kind: str

    @property
    def key(self) -> tuple[str, str, str]:
        return name_key(self.name), self.jurisdiction, self.of or ""


@dataclass(frozen=True)
class Fixture:
    name: str
    text: Path
    gold: dict[str, Any]

    @property
    def held_out(self) -> bool:
        return self.name in HELD_OUT

    def agencies(self) -> dict[tuple[str, str, str], GoldAgency]:
        out = {}
        for entry in self.gold["agencies"]:
            agency = GoldAgency(
                entry["name"], entry.get("official_name"), entry["jurisdiction"], entry.get("of"), entry["kind"]
            )
            out[agency.key] = agency
        return out


def fixtures(corpus: Path = CORPUS_DIR) -> list[Fixture]:
    out = []
    for path in sorted(corpus.glob("*.gold.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append(Fixture(path.name.removesuffix(".gold.yaml"), corpus / gold["fixture"]["text"], gold))
    return out


# --- the data folder without the seed's agencies --------------------------------------------------


def seedless_data(data_dir: Path, target: Path) -> Path:
    """A copy of ``data_dir`` in ``target`` without the seed plan and without the agencies and groups
    data/agencies.yaml declares for Bình Thuận and its districts (with the succession events that name
    them). The standard bodies, jurisdictions and documents stay."""
    target.mkdir(parents=True, exist_ok=True)
    for name, _, _ in REFERENCE_FILES:
        if (data_dir / name).exists():
            shutil.copyfile(data_dir / name, target / name)
    (target / PLANS_DIR).mkdir(exist_ok=True)
    jurisdictions = yaml.safe_load((data_dir / JURISDICTIONS_FILE).read_text(encoding="utf-8"))
    seed = {SEED_JURISDICTION} | {
        j["id"] for j in jurisdictions["jurisdictions"] if j.get("parent") == SEED_JURISDICTION
    }
    agencies = yaml.safe_load((data_dir / AGENCIES_FILE).read_text(encoding="utf-8"))
    removed = {a["id"] for a in agencies["agencies"] if a["jurisdiction"] in seed}
    removed |= {g["id"] for g in agencies.get("groups", []) if g["jurisdiction"] in seed}
    agencies["agencies"] = [a for a in agencies["agencies"] if a["id"] not in removed]
    agencies["groups"] = [g for g in agencies.get("groups", []) if g["id"] not in removed]
    if not agencies["groups"]:
        del agencies["groups"]
    (target / AGENCIES_FILE).write_text(dump_yaml(agencies, ["# data/agencies.yaml without the seed's"]), "utf-8")
    succession_path = data_dir / SUCCESSION_FILE
    if succession_path.exists():
        succession = yaml.safe_load(succession_path.read_text(encoding="utf-8"))
        succession["events"] = [e for e in succession.get("events", []) if not (_event_ids(e) & removed)]
        (target / SUCCESSION_FILE).write_text(dump_yaml(succession, ["# without the seed's agencies"]), "utf-8")
    return target


def _event_ids(event: dict[str, Any]) -> set[str]:
    ids = set(event.get("from", []))
    for successor in event.get("to", []):
        ids.add(successor if isinstance(successor, str) else successor["agency"])
    return ids


# --- scores -----------------------------------------------------------------------------------------


@dataclass
class RoleScore:
    gold: int = 0
    produced: int = 0
    hits: int = 0

    def add(self, other: RoleScore) -> None:
        self.gold += other.gold
        self.produced += other.produced
        self.hits += other.hits

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.hits / self.produced if self.produced else 1.0


@dataclass
class Score:
    """One fixture's figures (or a total). Counts, so that a test can pin them exactly."""

    name: str
    clauses: int = 0
    exact: int = 0
    roles: dict[str, RoleScore] = field(default_factory=lambda: {role: RoleScore() for role in ROLES})
    words_lost: int = 0
    words_added: int = 0
    errors: int = 0
    captures: int = 0
    refused: str | None = None
    misses: list[str] = field(default_factory=list)  # what differs, for --verbose

    def add(self, other: Score) -> None:
        self.clauses += other.clauses
        self.exact += other.exact
        for role, score in other.roles.items():
            self.roles[role].add(score)
        self.words_lost += other.words_lost
        self.words_added += other.words_added
        self.errors += other.errors
        self.captures += other.captures

    @property
    def exact_share(self) -> float:
        return self.exact / self.clauses if self.clauses else 1.0

    def figures(self) -> dict[str, Any]:
        """The counts a test pins: clauses, role hits per role, words, errors, captures."""
        return {
            "clauses": [self.exact, self.clauses],
            **{ROLE_NAMES[r]: [s.hits, s.gold, s.produced] for r, s in self.roles.items()},
            "words": [self.words_lost, self.words_added],
            "errors": self.errors,
            "captures": self.captures,
            "refused": self.refused is not None,
        }


@dataclass(frozen=True)
class Actor:
    """A produced role's agency or group, as the scorer compares it with the gold."""

    id: str
    name: str
    names: frozenset[str]  # name keys of its name, short names and spellings
    jurisdiction: str | None  # "tinh: tỉnh Quảng Ngãi", or None when the jurisdiction is unknown
    proposed: bool


def score_fixture(fixture: Fixture, data_dir: Path, work: Path) -> Score:
    """Import ``fixture`` from ``data_dir`` (without the seed's agencies, or as shipped) and compare."""
    score = Score(fixture.name)
    gold_clauses = fixture.gold["clauses"]
    score.clauses = len(gold_clauses)
    for role in ROLES:
        score.roles[role].gold = sum(len((c.get("roles") or {}).get(role, [])) for c in gold_clauses)
    score.words_lost = sum(len(_gold_words(c)) for c in gold_clauses)
    data = load_reference_data(data_dir)
    try:
        text = read_source(fixture.text)
        imported = import_text(text, str(fixture.text), data, fixture.name, f"tests/import_corpus/{fixture.text.name}")
    except SourceError as exc:
        score.refused = str(exc)
        return score
    proposals = yaml.safe_load(imported.proposals_yaml or "") or {}
    merged = work / fixture.name / "data"
    shutil.copytree(data_dir, merged)
    accept_proposals(merged, proposals)
    plan_path = merged / PLANS_DIR / f"{fixture.name}.yaml"
    plan_path.write_text(imported.yaml, encoding="utf-8")
    result = load_portfolio(merged, work / fixture.name)
    score.errors = len(result.report.errors)
    if score.errors:
        score.misses += [f"error: {d.format_text('en')}" for d in result.report.errors[:20]]
    plan = _read_plan(plan_path)
    if plan is None:
        score.refused = "the plan file does not pass the schema"
        return score
    actors = _actors(merged, proposals, data_dir)
    _score_clauses(score, gold_clauses, plan)
    _score_roles(score, fixture, plan, actors)
    return score


def _read_plan(path: Path) -> Plan | None:
    report = Report()
    doc = read_yaml(path, path.name, report)
    if doc is None or not check_schema(doc, "plan", report):
        return None
    return PlanBuilder(doc, report, path.stem).build()


def _gold_text(clause: dict[str, Any]) -> str:
    return norm(" ".join(filter(None, [clause.get("title"), clause.get("text")])))


def _gold_words(clause: dict[str, Any]) -> list[str]:
    out = words(_gold_text(clause))
    for column, value in (clause.get("cells") or {}).items():
        out += words(f"{column}: {value}")
    return out


def _produced_words(plan: Plan) -> list[str]:
    out: list[str] = []
    for clause in plan.clauses():
        out += words(clause.title) + words(clause.text)
    return out


def _score_clauses(score: Score, gold_clauses: list[dict[str, Any]], plan: Plan) -> None:
    produced = {c.ref: c for c in plan.clauses()}
    for clause in gold_clauses:
        other = produced.get(clause["ref"])
        expected = _gold_text(clause)
        got = norm(" ".join(filter(None, [other.title, other.text]))) if other else None
        if clause.get("cells") is not None and got is not None:
            ok = got.startswith(expected) and all(norm(v) in got for v in clause["cells"].values())
        else:
            ok = got == expected
        if ok:
            score.exact += 1
        else:
            score.misses.append(f"clause {clause['ref']}: " + ("missing" if got is None else f"{got[:160]!r}"))
    gold_words = Counter(w for c in gold_clauses for w in _gold_words(c))
    produced_words = Counter(_produced_words(plan))
    score.words_lost = sum((gold_words - produced_words).values())
    score.words_added = sum((produced_words - gold_words).values())
    extra = sorted(produced) if not gold_clauses else [r for r in produced if r not in {c["ref"] for c in gold_clauses}]
    score.misses += [f"clause {ref}: not in the gold" for ref in extra]


def _jurisdiction_label(jurisdiction: Jurisdiction, by_id: dict[str, Jurisdiction]) -> str:
    levels = {level: key for key, level in _LEVELS.items()}
    if jurisdiction.level is Level.NATIONAL:
        return "quoc-gia: Việt Nam"
    name = jurisdiction.name
    parent = by_id.get(jurisdiction.parent_id or "")
    if jurisdiction.level in (Level.DISTRICT, Level.COMMUNE) and parent is not None:
        name = f"{name}, {parent.name}"
    return f"{levels[jurisdiction.level]}: {name}"


def _actors(merged: Path, proposals: dict[str, Any], data_dir: Path) -> dict[str, Actor]:
    """Every agency and group a role may name, from the data with the proposals accepted. When that
    data does not load (a proposal is invalid), from the data as given plus the proposals' own words."""
    reference, _ = load_reference(merged)
    proposed = {e["id"] for key in ("agencies", "groups") for e in proposals.get(key) or []}
    if reference.agencies is None or reference.groups is None or reference.jurisdictions is None:
        reference, _ = load_reference(data_dir)
    jurisdictions = {j.id: j for j in reference.jurisdictions or ()}
    labels = {j: _jurisdiction_label(x, jurisdictions) for j, x in jurisdictions.items()}
    for entry in proposals.get("jurisdictions") or []:
        labels.setdefault(
            entry["id"], f"{entry['level'] if entry['level'] != 'trung-uong' else 'quoc-gia'}: {entry['name']}"
        )
    out: dict[str, Actor] = {}
    actors: Iterable[Agency | Group] = [*(reference.agencies or ()), *(reference.groups or ())]
    for actor in actors:
        names = [actor.name, *actor.spellings, *(actor.short_names if isinstance(actor, Agency) else ())]
        out[actor.id] = Actor(
            actor.id,
            actor.name,
            frozenset(name_key(n) for n in names),
            labels.get(actor.jurisdiction_id),
            actor.id in proposed,
        )
    for key in ("agencies", "groups"):
        for entry in proposals.get(key) or []:
            if entry["id"] in out:
                continue
            names = [entry.get("name") or entry["id"], *entry.get("spellings", []), *entry.get("short_names", [])]
            out[entry["id"]] = Actor(
                entry["id"],
                names[0],
                frozenset(name_key(n) for n in names),
                labels.get(entry.get("jurisdiction", "")),
                True,
            )
    return out


def is_gold_agency(actor: Actor, gold: GoldAgency) -> bool:
    """Whether a produced agency is the gold one: same jurisdiction, and the gold name is a name it is
    linked by (a unit with its parent in the name)."""
    if actor.jurisdiction is None or not _same_jurisdiction(actor.jurisdiction, gold.jurisdiction):
        return False
    wanted = [gold.name, *([gold.official_name] if gold.official_name else [])]
    if gold.of:
        return name_key(actor.name) in {name_key(qualified_name(n, gold.of)) for n in wanted} | {
            name_key(n) for n in wanted if gold.of in n
        }
    return any(name_key(n) in actor.names for n in wanted)


def _same_jurisdiction(produced: str, gold: str) -> bool:
    level, _, name = produced.partition(": ")
    gold_level, _, gold_name = gold.partition(": ")
    if level != gold_level:
        return False
    return level == "quoc-gia" or name_key(name) == name_key(gold_name)


def _produced_roles(plan: Plan) -> Iterator[tuple[str, str, str]]:
    for clause in plan.clauses():
        for assignment in clause.roles:
            if not assignment.editorial:
                yield clause.ref, assignment.role.value, assignment.actor_id


def _score_roles(score: Score, fixture: Fixture, plan: Plan, actors: dict[str, Actor]) -> None:
    gold_agencies = fixture.agencies()
    gold: dict[tuple[str, str], list[GoldAgency]] = {}
    for clause in fixture.gold["clauses"]:
        for role, entries in (clause.get("roles") or {}).items():
            for entry in entries:
                key = (name_key(entry["name"]), entry["jurisdiction"], entry.get("of") or "")
                gold.setdefault((clause["ref"], role), []).append(gold_agencies[key])
    produced: dict[tuple[str, str], list[str]] = {}
    for ref, role, actor_id in _produced_roles(plan):
        items = produced.setdefault((ref, role), [])
        if actor_id not in items:
            items.append(actor_id)
    jurisdictions = {a.jurisdiction for a in gold_agencies.values()}
    for (ref, role), ids in produced.items():
        score.roles[role].produced += len(ids)
        wanted = list(gold.get((ref, role), []))
        for actor_id in ids:
            actor = actors.get(actor_id)
            match = next((g for g in wanted if actor is not None and is_gold_agency(actor, g)), None)
            if match is not None:
                wanted.remove(match)
                score.roles[role].hits += 1
                continue
            where = actor.jurisdiction if actor else None
            label = f"{actor.name} [{where}]" if actor else actor_id
            score.misses.append(f"role {ref} {role}: {label} not in the gold")
            if actor is not None and not actor.proposed and _captured(actor, jurisdictions, gold_agencies):
                score.captures += 1
                score.misses.append(f"capture {ref} {role}: {label}")
    for (ref, role), entries in gold.items():
        ids = produced.get((ref, role), [])
        for entry in entries:
            if not any(a in actors and is_gold_agency(actors[a], entry) for a in ids):
                score.misses.append(f"role {ref} {role}: missed {entry.name} [{entry.jurisdiction}]")


def _captured(actor: Actor, jurisdictions: set[str], gold: dict[tuple[str, str, str], GoldAgency]) -> bool:
    """A body linked from the data that belongs elsewhere: a jurisdiction the plan names no agency in,
    or the jurisdiction of none of the gold agencies its names stand for."""
    if actor.jurisdiction is None:
        return False
    if not any(_same_jurisdiction(actor.jurisdiction, j) for j in jurisdictions):
        return True
    same_name = [g for g in gold.values() if name_key(g.name) in actor.names]
    return bool(same_name) and not any(_same_jurisdiction(actor.jurisdiction, g.jurisdiction) for g in same_name)


# --- running ----------------------------------------------------------------------------------------


def score_corpus(
    selected: list[Fixture], data_dir: Path = REPO_ROOT / "data", *, as_shipped: bool = False
) -> tuple[list[Score], Score]:
    """Score each fixture from a seedless copy of ``data_dir`` (or from ``data_dir`` itself, seed
    included, when ``as_shipped``: the acceptance's "data as shipped"); the scores and their total."""
    total = Score("total")
    scores = []
    with tempfile.TemporaryDirectory(prefix="vnplans-corpus-") as tmp:
        source = data_dir if as_shipped else seedless_data(data_dir, Path(tmp) / "seedless" / "data")
        for fixture in selected:
            score = score_fixture(fixture, source, Path(tmp))
            scores.append(score)
            total.add(score)
    return scores, total


def _pct(score: RoleScore) -> str:
    return f"{score.recall:6.1%} {score.precision:6.1%}"


def format_table(scores: list[Score], total: Score, title: str) -> str:
    head = f"{'fixture':<42} {'clauses exact':>16}"
    for role in ROLES:
        head += f" {ROLE_NAMES[role] + ' R/P':>14}"
    head += f" {'words -/+':>10} {'errors':>6} {'capt':>4}"
    lines = [title, head]
    for score in [*scores, total]:
        line = f"{score.name:<42} {score.exact:>4}/{score.clauses:<4}{score.exact_share:6.1%}"
        for role in ROLES:
            line += f" {_pct(score.roles[role])}"
        line += f" {score.words_lost:>4}/{score.words_added:<5} {score.errors:>6} {score.captures:>4}"
        if score.refused:
            line += "  REFUSED"
        lines.append(line)
    return "\n".join(lines)


def corpus_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/import_corpus",
        description="Import every plan of tests/import_corpus from data/ without the seed's agencies, accept the "
        "proposals as they are, and compare with the gold annotations: clauses exact, recall and precision of each "
        "role, words lost and added, validator errors, names captured by another jurisdiction's bodies.",
    )
    parser.add_argument("--data", type=Path, default=REPO_ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument(
        "--as-shipped",
        action="store_true",
        help="import from the data folder as it is, the seed's agencies included (default: without them)",
    )
    parser.add_argument(
        "--held-out", action="store_true", help=f"score the held-out fixtures ({', '.join(HELD_OUT)}) instead"
    )
    parser.add_argument("--all", action="store_true", help="score every fixture, the held-out ones apart")
    parser.add_argument("--fixture", action="append", default=[], help="score only this fixture (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every clause and role that differs")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    every = fixtures()
    groups: list[tuple[str, list[Fixture]]]
    if args.fixture:
        groups = [("selected fixtures", [f for f in every if f.name in args.fixture])]
    elif args.all:
        groups = [("tuning set", [f for f in every if not f.held_out]), ("held out", [f for f in every if f.held_out])]
    elif args.held_out:
        groups = [("held out", [f for f in every if f.held_out])]
    else:
        groups = [("tuning set", [f for f in every if not f.held_out])]
    report: dict[str, Any] = {}
    for title, selected in groups:
        scores, total = score_corpus(selected, args.data, as_shipped=args.as_shipped)
        if args.json:
            report[title] = {s.name: s.figures() for s in [*scores, total]}
            continue
        print(format_table(scores, total, f"== {title}"))
        if args.verbose:
            for score in scores:
                if score.refused:
                    print(f"\n{score.name}: refused: {score.refused}")
                for line in score.misses:
                    print(f"  {score.name}: {line}")
        print()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def as_dict(score: Score) -> dict[str, Any]:
    return asdict(score)
