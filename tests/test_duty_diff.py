"""The duty diff (vnplans/review/, scripts/diff) on revisions crafted from the repository's data.

Each test copies data/, edits the YAML text as an editor would, loads both versions with the one
loader and checks the typed diff and the Markdown lines a pull-request reviewer reads.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from vnplans.data.load import load_portfolio
from vnplans.data.model import Portfolio, Role
from vnplans.review.command import export_data
from vnplans.review.diff import diff_portfolios, word_diff
from vnplans.review.model import (
    Cause,
    ClauseChange,
    DutyChangeKind,
    FieldChange,
    MembershipChange,
    Status,
    WordKind,
    WordRun,
)
from vnplans.review.render import md_inline, render_markdown, with_context

REPO_ROOT = Path(__file__).resolve().parent.parent
PLAN_ID = "2021-lien-hiep-hoi-khkt"
PLAN_FILE = f"data/plans/{PLAN_ID}.yaml"


# -- helpers ---------------------------------------------------------------------------------------


def copy_data(dest: Path) -> Path:
    """A copy of the repository's data/ under ``dest``; returns ``dest``."""
    shutil.copytree(REPO_ROOT / "data", dest / "data")
    return dest


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) by ``new`` in ``root/file``."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{file}: expected one occurrence of {old!r}, found {text.count(old)}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def load(root: Path) -> Portfolio:
    result = load_portfolio(root / "data", root)
    assert result.portfolio is not None, result.report.format_text()
    return result.portfolio


def lines(markdown: str) -> list[str]:
    return markdown.splitlines()


@pytest.fixture
def new(tmp_path: Path) -> Path:
    """A copy of data/ to edit into the newer revision."""
    return copy_data(tmp_path)


# -- duties ----------------------------------------------------------------------------------------


def test_agency_added_to_a_clause_gains_the_duty_with_its_role(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        PLAN_FILE,
        "phoi-hop: [so-tai-chinh, cac-co-quan-lien-quan]",
        'phoi-hop: [so-tai-chinh, {agency: so-ke-hoach-dau-tu, editorial: true, note: "Thử."}, cac-co-quan-lien-quan]',
    )
    diff = diff_portfolios(portfolio, load(new))

    assert [a.actor.id for a in diff.actors] == ["so-ke-hoach-dau-tu"]
    (change,) = diff.actors[0].changes
    assert change.kind is DutyChangeKind.GAINED
    assert (change.clause.plan.id, change.clause.ref) == (PLAN_ID, "II.2.4")
    assert (change.old_role, change.new_role, change.via_group) == (None, Role.COORDINATE, None)
    assert diff.plans == () and diff.documents == () and diff.memberships == ()

    out = lines(render_markdown(diff))
    assert "**Tóm tắt:** 1 cơ quan, nhóm có thay đổi nhiệm vụ (1 nhiệm vụ mới)." in out
    assert "#### Sở Kế hoạch và Đầu tư tỉnh Bình Thuận" in out
    assert f"- Thêm: **Phối hợp**, mục II.2.4 (`{PLAN_ID}`)" in out


def test_agency_page_is_linked_when_the_site_address_is_known(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        PLAN_FILE,
        "phoi-hop: [so-tai-chinh, cac-co-quan-lien-quan]",
        "phoi-hop: [so-tai-chinh, so-ke-hoach-dau-tu, cac-co-quan-lien-quan]",
    )
    out = lines(render_markdown(diff_portfolios(portfolio, load(new)), site_url="https://example.org/kh"))
    assert "#### [Sở Kế hoạch và Đầu tư tỉnh Bình Thuận](https://example.org/kh/co-quan/so-ke-hoach-dau-tu/)" in out
    assert (
        f"- Thêm: **Phối hợp**, [mục II.2.4](https://example.org/kh/ke-hoach/{PLAN_ID}/#muc-ii-2-4) "
        f"([`{PLAN_ID}`](https://example.org/kh/ke-hoach/{PLAN_ID}/))"
    ) in out


def test_role_changed_from_coordinate_to_lead(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        PLAN_FILE,
        "chu-tri: [so-thong-tin-truyen-thong]\n          phoi-hop: [ban-tuyen-giao-tinh-uy, ",
        "chu-tri: [so-thong-tin-truyen-thong, ban-tuyen-giao-tinh-uy]\n          phoi-hop: [",
    )
    diff = diff_portfolios(portfolio, load(new))

    assert [a.actor.id for a in diff.actors] == ["ban-tuyen-giao-tinh-uy"]
    (change,) = diff.actors[0].changes
    assert change.kind is DutyChangeKind.ROLE_CHANGED
    assert (change.clause.ref, change.old_role, change.new_role) == ("III.4", Role.COORDINATE, Role.LEAD)

    out = lines(render_markdown(diff))
    assert "**Tóm tắt:** 1 cơ quan, nhóm có thay đổi nhiệm vụ (1 nhiệm vụ đổi vai trò)." in out
    assert f"- Đổi vai trò: Phối hợp → **Chủ trì**, mục III.4 (`{PLAN_ID}`)" in out


def test_clause_removed_every_actor_loses_its_role(portfolio: Portfolio, new: Path) -> None:
    path = new / PLAN_FILE
    text = path.read_text(encoding="utf-8")
    # II.2.4 is the last item of II.2, so removing it renumbers nothing.
    removed, count = re.subn(r'\n {10}- number: "2\.4"\n.*?(?=\n {6}- number: "3")', "", text, flags=re.S)
    assert count == 1
    path.write_text(removed, encoding="utf-8")
    diff = diff_portfolios(portfolio, load(new))

    lost = {(c.actor.id, c.role) for c in diff.duty_changes()}
    assert lost == {
        ("so-noi-vu", Role.PERFORM),
        ("so-tai-chinh", Role.COORDINATE),
        ("ubnd-tinh", Role.ADVISED),
        ("cac-co-quan-lien-quan", Role.COORDINATE),
    }
    assert all(c.kind is DutyChangeKind.LOST and c.clause.ref == "II.2.4" for c in diff.duty_changes())
    plan = diff.plan(PLAN_ID)
    assert plan is not None
    assert [(c.status, c.clause.ref) for c in plan.clauses] == [(Status.REMOVED, "II.2.4")]

    out = lines(render_markdown(diff))
    assert ("**Tóm tắt:** 4 cơ quan, nhóm có thay đổi nhiệm vụ (4 nhiệm vụ bị bỏ); 1 mục bị bỏ.") in out
    assert "#### Sở Nội vụ tỉnh Bình Thuận" in out
    assert f"- Bỏ: **Thực hiện**, mục II.2.4 (`{PLAN_ID}`)" in out
    assert f"- Bỏ: **Được tham mưu**, mục II.2.4 (`{PLAN_ID}`)" in out
    assert "#### Các cơ quan, đơn vị liên quan (nhóm)" in out
    assert "_Nhóm chưa có danh sách thành viên._" in out
    assert (
        "- Bỏ mục II.2.4: “Sở Nội vụ phối hợp Sở Tài chính và các cơ quan, đơn vị liên quan tham mưu UBND tỉnh "
        "đặt hàng, giao nhiệm vụ …”" in out
    )


def test_clause_added(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        PLAN_FILE,
        "  - number: III\n",
        '          - number: "5.4"\n'
        '            text: "Sở Khoa học và Công nghệ hướng dẫn các hội thành viên."\n'
        "            roles:\n"
        "              thuc-hien: [so-khoa-hoc-cong-nghe]\n"
        "  - number: III\n",
    )
    diff = diff_portfolios(portfolio, load(new))

    plan = diff.plan(PLAN_ID)
    assert plan is not None
    assert [(c.status, c.clause.ref) for c in plan.clauses] == [(Status.ADDED, "II.5.4")]
    gained = diff.for_actor("so-khoa-hoc-cong-nghe")
    assert gained is not None
    assert [(c.kind, c.clause.ref, c.new_role) for c in gained.changes] == [
        (DutyChangeKind.GAINED, "II.5.4", Role.PERFORM)
    ]
    out = lines(render_markdown(diff))
    assert "**Tóm tắt:** 1 cơ quan, nhóm có thay đổi nhiệm vụ (1 nhiệm vụ mới); 1 mục mới." in out
    assert "- Thêm mục II.5.4: “Sở Khoa học và Công nghệ hướng dẫn các hội thành viên.”" in out


def test_group_gains_a_member_who_gains_the_groups_duties(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        "data/agencies.yaml",
        "    member_kinds: [so, ubnd-cap-huyen]\n",
        "    member_kinds: [so, ubnd-cap-huyen]\n    members: [lien-hiep-hoi-khkt-tinh]\n",
    )
    diff = diff_portfolios(portfolio, load(new))

    assert [(m.group.id, [a.id for a in m.joined], m.left) for m in diff.memberships] == [
        ("cac-so-nganh-dia-phuong", ["lien-hiep-hoi-khkt-tinh"], ())
    ]
    assert [a.actor.id for a in diff.actors] == ["lien-hiep-hoi-khkt-tinh"]  # the group's own duties are unchanged
    changes = diff.actors[0].changes
    assert [(c.kind, c.clause.ref, c.new_role) for c in changes] == [
        (DutyChangeKind.GAINED, "II.1.1", Role.PERFORM),
        (DutyChangeKind.GAINED, "II.1.2", Role.PERFORM),
        (DutyChangeKind.GAINED, "III.4", Role.COORDINATE),
    ]
    assert {(c.cause, c.via_group.id if c.via_group else None) for c in changes} == {
        (Cause.MEMBERSHIP, "cac-so-nganh-dia-phuong")
    }

    out = lines(render_markdown(diff))
    assert "**Tóm tắt:** 1 cơ quan, nhóm có thay đổi nhiệm vụ (3 nhiệm vụ mới); 1 nhóm thay đổi thành viên." in out
    assert (
        f"- Thêm: **Thực hiện**, mục II.1.1 (`{PLAN_ID}`) — qua nhóm “Các sở, ngành, địa phương” "
        "(vừa được thêm vào nhóm)"
    ) in out
    assert "- Các sở, ngành, địa phương: thêm Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bình Thuận" in out


def test_agency_excluded_from_a_group_loses_the_groups_duties(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        "data/agencies.yaml",
        "    member_kinds: [so, ubnd-cap-huyen]\n",
        "    member_kinds: [so, ubnd-cap-huyen]\n    exclude: [so-noi-vu]\n",
    )
    diff = diff_portfolios(portfolio, load(new))

    assert diff.memberships == (MembershipChange(diff.memberships[0].group, (), (diff.memberships[0].left[0],)),)
    assert diff.memberships[0].left[0].id == "so-noi-vu"
    changes = diff.for_actor("so-noi-vu")
    assert changes is not None
    assert [(c.kind, c.clause.ref, c.old_role) for c in changes.changes] == [
        (DutyChangeKind.LOST, "II.1.1", Role.PERFORM),
        (DutyChangeKind.LOST, "II.1.2", Role.PERFORM),
        (DutyChangeKind.LOST, "III.4", Role.COORDINATE),
    ]
    out = lines(render_markdown(diff))
    assert (
        f"- Bỏ: **Phối hợp**, mục III.4 (`{PLAN_ID}`) — qua nhóm “Các sở, ngành, địa phương” (không còn trong nhóm)"
    ) in out
    assert "- Các sở, ngành, địa phương: bớt Sở Nội vụ tỉnh Bình Thuận" in out


def test_group_newly_named_in_a_clause_is_listed_once_with_its_members(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        PLAN_FILE,
        "thuc-hien: [so-giao-duc-dao-tao, tinh-doan]",
        'thuc-hien: [so-giao-duc-dao-tao, {agency: cac-doan-the-chinh-tri-xa-hoi, editorial: true, note: "Thử."}]',
    )
    diff = diff_portfolios(portfolio, load(new))

    # Tỉnh đoàn is a member of the group: it loses its own duty, and its gain through the group
    # is shown under the group, not repeated under Tỉnh đoàn.
    assert [a.actor.id for a in diff.actors] == ["tinh-doan", "cac-doan-the-chinh-tri-xa-hoi"]
    assert [(c.kind, c.old_role) for c in diff.actors[0].changes] == [(DutyChangeKind.LOST, Role.PERFORM)]
    assert [(c.kind, c.new_role) for c in diff.actors[1].changes] == [(DutyChangeKind.GAINED, Role.PERFORM)]
    out = lines(render_markdown(diff))
    assert "#### Các đoàn thể chính trị - xã hội (nhóm)" in out
    assert (
        "_Áp dụng cho 5 cơ quan thành viên:_ Tỉnh đoàn Bình Thuận; Hội Liên hiệp Phụ nữ tỉnh Bình Thuận; "
        "Hội Nông dân tỉnh Bình Thuận; Hội Cựu chiến binh tỉnh Bình Thuận; Liên đoàn Lao động tỉnh Bình Thuận."
    ) in out


def test_groups_role_changed_is_listed_under_the_group_not_under_each_member(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        PLAN_FILE,
        "      roles:\n              thuc-hien: [cac-so-nganh-dia-phuong]\n            basis:\n              - ct-42-tw-2010",
        "      roles:\n              chu-tri: [cac-so-nganh-dia-phuong]\n            basis:\n              - ct-42-tw-2010",
    )
    diff = diff_portfolios(portfolio, load(new))

    # Every member has the duty through the group before and after: the change is the group's.
    assert [a.actor.id for a in diff.actors] == ["cac-so-nganh-dia-phuong"]
    assert [(c.kind, c.clause.ref, c.old_role, c.new_role) for c in diff.actors[0].changes] == [
        (DutyChangeKind.ROLE_CHANGED, "II.1.1", Role.PERFORM, Role.LEAD)
    ]
    assert diff.memberships == ()


# -- text ------------------------------------------------------------------------------------------


def test_clause_reworded_shows_exactly_the_changed_words(portfolio: Portfolio, new: Path) -> None:
    edit(
        new,
        PLAN_FILE,
        '"Tăng cường công tác giáo dục chính trị tư tưởng, nâng cao',
        '"Đẩy mạnh công tác giáo dục chính trị tư tưởng, nâng cao',
    )
    edit(new, PLAN_FILE, "phát huy tính sáng tạo, tinh thần", "phát huy tính chủ động, sáng tạo, tinh thần")
    diff = diff_portfolios(portfolio, load(new))

    assert diff.actors == ()
    plan = diff.plan(PLAN_ID)
    assert plan is not None
    (change,) = plan.clauses
    assert isinstance(change, ClauseChange) and change.clause.ref == "II.2.2" and change.title is None
    assert change.text is not None
    assert [(r.kind, r.text) for r in change.text if r.kind is not WordKind.EQUAL] == [
        (WordKind.REMOVED, "Tăng cường"),
        (WordKind.ADDED, "Đẩy mạnh"),
        (WordKind.ADDED, "chủ động,"),
    ]

    out = lines(render_markdown(diff))
    assert "**Tóm tắt:** Không có thay đổi về nhiệm vụ. 1 mục sửa lời văn." in out
    assert "- Sửa mục II.2.2:" in out
    assert (
        "  - lời văn: ~~Tăng cường~~ **Đẩy mạnh** công tác giáo dục chính trị … "
        "ngũ trí thức; phát huy tính **chủ động,** sáng tạo, tinh thần đoàn kết, …"
    ) in out


def test_word_diff_compares_nfc_text() -> None:
    composed = "Sở Tài chính phối hợp"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert word_diff(decomposed, composed) == (WordRun(WordKind.EQUAL, tuple(composed.split())),)


def test_word_diff_keeps_context_around_changes() -> None:
    old = "một hai ba bốn năm sáu bảy tám chín mười"
    runs = with_context(word_diff(old, old.replace("năm", "NĂM")), context=2)
    assert [(r.kind, r.text) for r in runs] == [
        (WordKind.GAP, ""),
        (WordKind.EQUAL, "ba bốn"),
        (WordKind.REMOVED, "năm"),
        (WordKind.ADDED, "NĂM"),
        (WordKind.EQUAL, "sáu bảy"),
        (WordKind.GAP, ""),
    ]


def test_markdown_marks_in_data_are_escaped() -> None:
    assert md_inline("a*b_c [x](y) <b> ~~s~~ `c` #1 |") == r"a\*b\_c \[x\](y) \<b\> \~\~s\~\~ \`c\` \#1 \|"


# -- documents -------------------------------------------------------------------------------------


def test_document_date_changed(portfolio: Portfolio, new: Path) -> None:
    edit(new, "data/documents.yaml", "date: 20/11/2020", "date: 21/11/2020")
    diff = diff_portfolios(portfolio, load(new))

    assert diff.actors == () and diff.plans == ()
    change = diff.document("kl-93-tw-2020")
    assert change is not None and change.status is Status.CHANGED
    assert change.fields == (FieldChange("ngày ban hành", "20/11/2020", "21/11/2020"),)

    out = lines(render_markdown(diff))
    assert "**Tóm tắt:** Không có thay đổi về nhiệm vụ. 1 văn bản sửa thông tin." in out
    assert "- Sửa Kết luận số 93-KL/TW ngày 21/11/2020 (`kl-93-tw-2020`):" in out
    assert "  - ngày ban hành: 20/11/2020 → 21/11/2020" in out


NEW_DOCUMENT = """
  - id: qd-9-ubnd-2022
    type: quyet-dinh
    number: 9/QĐ-UBND
    date: 04/01/2022
    issuer: Ủy ban nhân dân tỉnh Bình Thuận
    title: Về một việc thử
    verification: chua-xac-minh
"""


def test_document_added_and_removed(portfolio: Portfolio, new: Path) -> None:
    path = new / "data" / "documents.yaml"
    path.write_text(path.read_text(encoding="utf-8") + NEW_DOCUMENT, encoding="utf-8")
    with_document = load(new)

    added = diff_portfolios(portfolio, with_document)
    assert [(d.id, d.status) for d in added.documents] == [("qd-9-ubnd-2022", Status.ADDED)]
    assert "- Thêm Quyết định số 9/QĐ-UBND ngày 04/01/2022 (`qd-9-ubnd-2022`)" in lines(render_markdown(added))

    removed = diff_portfolios(with_document, portfolio)
    assert [(d.id, d.status) for d in removed.documents] == [("qd-9-ubnd-2022", Status.REMOVED)]
    out = lines(render_markdown(removed))
    assert "**Tóm tắt:** Không có thay đổi về nhiệm vụ. 1 văn bản bị bỏ." in out
    assert "- Bỏ Quyết định số 9/QĐ-UBND ngày 04/01/2022 (`qd-9-ubnd-2022`)" in out


def test_no_changes(portfolio: Portfolio) -> None:
    diff = diff_portfolios(portfolio, portfolio)
    assert diff.is_empty
    assert render_markdown(diff) == "## Thay đổi về nhiệm vụ\n\nKhông có thay đổi về nhiệm vụ.\n"


# -- scripts/diff in a git repository --------------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def run_diff(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "diff"), *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds a copy of the repository's data/."""
    root = copy_data(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "base")
    return root


def test_a_revision_is_read_as_regular_files_only(repo: Path, tmp_path: Path) -> None:
    """A symlink committed under data/ is not followed or recreated (any Python 3.11, with or without
    tarfile's extraction filters)."""
    (repo / "data" / "plans" / "elsewhere.yaml").symlink_to("/etc/passwd")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "a symlink")
    data = export_data(repo, "HEAD", tmp_path / "export")
    assert not (data / "plans" / "elsewhere.yaml").exists() and not (data / "plans" / "elsewhere.yaml").is_symlink()
    assert (data / "plans" / f"{PLAN_ID}.yaml").read_bytes() == (repo / PLAN_FILE).read_bytes()


def test_script_diffs_two_commits_and_the_working_tree(repo: Path) -> None:
    edit(
        repo,
        PLAN_FILE,
        "chu-tri: [so-thong-tin-truyen-thong]\n          phoi-hop: [ban-tuyen-giao-tinh-uy, ",
        "chu-tri: [so-thong-tin-truyen-thong, ban-tuyen-giao-tinh-uy]\n          phoi-hop: [",
    )
    edit(
        repo,
        PLAN_FILE,
        '"Tăng cường công tác giáo dục chính trị tư tưởng, nâng cao',
        '"Đẩy mạnh công tác giáo dục chính trị tư tưởng, nâng cao',
    )
    git(repo, "commit", "-q", "-am", "change")
    edit(repo, "data/documents.yaml", "date: 20/11/2020", "date: 21/11/2020")  # left uncommitted

    done = run_diff(repo, "HEAD~1", "HEAD", "--output", "duty-diff.md")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    out = lines((repo / "duty-diff.md").read_text(encoding="utf-8"))
    assert re.fullmatch(r"## Thay đổi về nhiệm vụ: HEAD\\~1 \([0-9a-f]{7}\) → HEAD \([0-9a-f]{7}\)", out[0])
    assert "**Tóm tắt:** 1 cơ quan, nhóm có thay đổi nhiệm vụ (1 nhiệm vụ đổi vai trò); 1 mục sửa lời văn." in out
    assert "#### Ban Tuyên giáo Tỉnh ủy Bình Thuận" in out
    assert f"- Đổi vai trò: Phối hợp → **Chủ trì**, mục III.4 (`{PLAN_ID}`)" in out
    assert "  - lời văn: ~~Tăng cường~~ **Đẩy mạnh** công tác giáo dục chính trị …" in out
    assert "ngày ban hành" not in "\n".join(out)

    done = run_diff(repo, "HEAD")
    assert done.returncode == 0, done.stderr
    out = lines(done.stdout)
    assert out[0].endswith(" → thư mục làm việc")
    assert "**Tóm tắt:** Không có thay đổi về nhiệm vụ. 1 văn bản sửa thông tin." in out
    assert "  - ngày ban hành: 20/11/2020 → 21/11/2020" in out


def test_script_prints_the_validators_messages_and_fails_on_invalid_data(repo: Path) -> None:
    edit(
        repo, PLAN_FILE, "thuc-hien: [so-giao-duc-dao-tao, tinh-doan]", "thuc-hien: [so-giao-duc-dao-tao, tinh-doan-x]"
    )
    git(repo, "commit", "-q", "-am", "typo")
    text = (repo / PLAN_FILE).read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "tinh-doan-x" in t)
    col = text[line - 1].index("tinh-doan-x") + 1

    done = run_diff(repo, "HEAD~1", "HEAD")
    assert done.returncode == 1
    out = lines(done.stdout)
    assert out[0] == "## Thay đổi về nhiệm vụ: chưa so sánh được"
    assert any(t.startswith("Dữ liệu của HEAD (") and "có lỗi" in t for t in out)
    fence = out.index("```text")
    assert out[fence + 1] == (
        f"{PLAN_FILE}:{line}:{col}: sections[2].items[4].roles.thuc-hien[1]: "
        "không có cơ quan hoặc nhóm mã 'tinh-doan-x' (có phải là 'tinh-doan'?)"
    )
    assert "```" in out[fence + 2 :]


def test_script_reports_an_unknown_revision_in_vietnamese_or_english(repo: Path) -> None:
    done = run_diff(repo, "no-such-branch")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "scripts/diff: git không có phiên bản 'no-such-branch' (nếu đó là nhánh gốc của một pull request, "
        "hãy tải về trước: git fetch origin main)\n"
    )
    done = run_diff(repo, "no-such-branch", "--lang", "en")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "scripts/diff: unknown revision 'no-such-branch' "
        "(for a pull request's base, fetch it first: git fetch origin main)\n"
    )


def test_script_outside_a_git_repository_says_what_git_said(tmp_path: Path) -> None:
    done = run_diff(tmp_path, "HEAD", "--repo", str(tmp_path))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("scripts/diff: lệnh git rev-parse --show-toplevel không chạy được: fatal: ")
    assert "Traceback" not in done.stderr


def test_script_usage_and_errors_are_worded_by_the_catalogue() -> None:
    done = run_diff(REPO_ROOT, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("cách dùng: scripts/diff [-h] [--lang {vi,en}]")
    assert "So sánh nhiệm vụ của các cơ quan giữa hai phiên bản của data/" in done.stdout
    for line in ("tham số:", "tùy chọn:", "  -h, --help ", "  rev1 ", "  --output FILE "):
        assert any(t.startswith(line) for t in done.stdout.splitlines()), line
    assert "phiên bản git cũ hơn, ví dụ origin/main" in done.stdout
    assert "show this help" not in done.stdout and "usage:" not in done.stdout

    done = run_diff(REPO_ROOT)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == "scripts/diff: lỗi: còn thiếu: rev1"
    done = run_diff(REPO_ROOT, "HEAD", "--lang", "fr")
    assert done.stderr.splitlines()[-1] == "scripts/diff: lỗi: --lang: 'fr' không phải là một trong 'vi', 'en'"
    done = run_diff(REPO_ROOT, "HEAD", "--colour", "--lang", "en")
    assert done.stderr.startswith("usage: scripts/diff [-h] [--lang {vi,en}] [--output FILE]")
    assert done.stderr.splitlines()[-1] == "scripts/diff: error: not understood: --colour"
