"""The seed plan as the model holds it, checked against a reading of the official text.

The role table below was written from the source text (sources/2021-lien-hiep-hoi-khkt.txt), not
copied from the YAML: a stated role is one the words of the clause give ("Sở Nội vụ phối hợp Sở Tài
chính ... tham mưu UBND tỉnh ..."). Every clause not in the table states no roles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from vnplans.data.model import Plan, Portfolio, Role, Unknown

PLAN_ID = "2021-lien-hiep-hoi-khkt"
LHH = "lien-hiep-hoi-khkt-tinh"

#: clause ref → {role: [actor ids, in the order the text names them]}
EXPECTED_ROLES: dict[str, dict[str, list[str]]] = {
    # II.1 "Các sở, ngành, địa phương phối hợp chặt chẽ với tổ chức đảng và cấp ủy cùng cấp tổ chức triển khai"
    "II.1.1": {"thuc-hien": ["cac-so-nganh-dia-phuong"]},
    # "Các sở, ngành, địa phương tăng cường phối hợp đồng bộ với Ủy ban Mặt trận Tổ quốc Việt Nam,
    # các đoàn thể chính trị - xã hội, ..."
    "II.1.2": {
        "thuc-hien": ["cac-so-nganh-dia-phuong"],
        "phoi-hop": ["uy-ban-mttq-tinh", "cac-doan-the-chinh-tri-xa-hoi"],
    },
    # "Liên hiệp các Hội ... chủ động rà soát, phối hợp tham mưu Chủ tịch UBND tỉnh điều chỉnh ..."
    "II.2.1": {"thuc-hien": [LHH], "duoc-tham-muu": ["chu-tich-ubnd-tinh"]},
    # "Sở Nội vụ phối hợp Liên hiệp các Hội ... và các cơ quan, đơn vị liên quan thường xuyên nắm bắt ..."
    "II.2.3": {"thuc-hien": ["so-noi-vu"], "phoi-hop": [LHH, "cac-co-quan-lien-quan"]},
    # "Sở Nội vụ phối hợp Sở Tài chính và các cơ quan, đơn vị liên quan tham mưu UBND tỉnh đặt hàng ..."
    "II.2.4": {
        "thuc-hien": ["so-noi-vu"],
        "phoi-hop": ["so-tai-chinh", "cac-co-quan-lien-quan"],
        "duoc-tham-muu": ["ubnd-tinh"],
    },
    # "Liên hiệp các Hội ... rà soát, đánh giá lại thực trạng ..."
    "II.3.1": {"thuc-hien": [LHH]},
    # "Các sở, ban, ngành, đoàn thể và địa phương tiếp tục quan tâm tạo điều kiện ..."
    "II.3.3": {"thuc-hien": ["cac-so-ban-nganh-doan-the-dia-phuong"]},
    # "Liên hiệp các Hội ... chủ động tham mưu, đề xuất Tỉnh ủy, UBND tỉnh ..."
    "II.4.2": {"thuc-hien": [LHH], "duoc-tham-muu": ["tinh-uy", "ubnd-tinh"]},
    # III.1 "Liên hiệp các Hội ...": "Chủ trì, phối hợp với các cơ quan liên quan ...; báo cáo UBND tỉnh
    # và Ban Tuyên giáo Tỉnh ủy"
    "III.1.1": {
        "chu-tri": [LHH],
        "phoi-hop": ["cac-co-quan-lien-quan"],
        "nhan-bao-cao": ["ubnd-tinh", "ban-tuyen-giao-tinh-uy"],
    },
    # "Chủ trì, phối hợp với Sở Nội vụ và các cơ quan liên quan ...; đề xuất, tham mưu Chủ tịch UBND tỉnh"
    "III.1.2": {
        "chu-tri": [LHH],
        "phoi-hop": ["so-noi-vu", "cac-co-quan-lien-quan"],
        "duoc-tham-muu": ["chu-tich-ubnd-tinh"],
    },
    # "Chủ trì, phối hợp với Sở Nội vụ và các cơ quan liên quan tổ chức tăng cường công tác đào tạo ..."
    "III.1.3": {"chu-tri": [LHH], "phoi-hop": ["so-noi-vu", "cac-co-quan-lien-quan"]},
    # "Chủ động nghiên cứu, tham mưu Tỉnh ủy, Chủ tịch UBND tỉnh giao các nhiệm vụ ..."
    "III.1.4": {"thuc-hien": [LHH], "duoc-tham-muu": ["tinh-uy", "chu-tich-ubnd-tinh"]},
    # "Phối hợp với Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư và các cơ quan, cá nhân, tổ chức liên quan"
    "III.1.5": {
        "thuc-hien": [LHH],
        "phoi-hop": ["so-khoa-hoc-cong-nghe", "so-ke-hoach-dau-tu", "cac-co-quan-lien-quan"],
    },
    # "Thực hiện công tác thông tin, báo cáo định kỳ và đột xuất theo quy định." (to whom: not stated)
    "III.1.6": {"thuc-hien": [LHH]},
    # III.2 "Sở Nội vụ": "Phối hợp với Liên hiệp các Hội ... tham mưu Chủ tịch UBND tỉnh ..."
    "III.2": {"thuc-hien": ["so-noi-vu"], "phoi-hop": [LHH], "duoc-tham-muu": ["chu-tich-ubnd-tinh"]},
    # III.3 "Sở Tài chính": "... Sở Tài chính tổng hợp, tham mưu UBND tỉnh bố trí dự toán ..."
    "III.3": {"thuc-hien": ["so-tai-chinh"], "duoc-tham-muu": ["ubnd-tinh"]},
    # III.4 "Sở Thông tin và Truyền thông": "Chủ trì, phối hợp Ban Tuyên giáo Tỉnh ủy, Ủy ban Mặt trận Tổ
    # quốc Việt Nam tỉnh, Liên hiệp các Hội ... tỉnh, Đài Phát thanh - Truyền hình tỉnh, Báo Bình Thuận và
    # các sở, ngành, địa phương ..."
    "III.4": {
        "chu-tri": ["so-thong-tin-truyen-thong"],
        "phoi-hop": [
            "ban-tuyen-giao-tinh-uy",
            "uy-ban-mttq-tinh",
            LHH,
            "dai-phat-thanh-truyen-hinh",
            "bao-binh-thuan",
            "cac-so-nganh-dia-phuong",
        ],
    },
    # III.5 "Sở Giáo dục và Đào tạo, Tỉnh đoàn": "Phối hợp Liên hiệp các Hội ... thu hút ..."
    "III.5": {"thuc-hien": ["so-giao-duc-dao-tao", "tinh-doan"], "phoi-hop": [LHH]},
    # III.6 "Các Sở: Lao động - Thương binh và Xã hội, Nông nghiệp và Phát triển nông thôn, Tài nguyên và
    # Môi trường, Kế hoạch và Đầu tư": "Theo chức năng, nhiệm vụ được giao, tạo điều kiện thuận lợi ..."
    "III.6": {
        "thuc-hien": [
            "so-lao-dong-thuong-binh-xa-hoi",
            "so-nong-nghiep-phat-trien-nong-thon",
            "so-tai-nguyen-moi-truong",
            "so-ke-hoach-dau-tu",
        ]
    },
    # III.7 "Các sở, ban, ngành, đoàn thể tỉnh và UBND các huyện, thị xã, thành phố": "Theo chức năng ..."
    "III.7": {"thuc-hien": ["cac-so-ban-nganh-doan-the-dia-phuong"]},
    # closing: "... phản ánh qua Sở Nội vụ để phối hợp với Liên hiệp các Hội ... hướng dẫn thực hiện hoặc
    # tổng hợp, báo cáo đề xuất UBND tỉnh xem xét, chỉ đạo"
    "Đoạn kết": {"thuc-hien": ["so-noi-vu"], "phoi-hop": [LHH], "nhan-bao-cao": ["ubnd-tinh"]},
}

EXPECTED_REFS = [
    "Mở đầu",
    "I", "I.1", "I.2", "I.3",
    "II",
    "II.1", "II.1.1", "II.1.2", "II.1.3",
    "II.2", "II.2.1", "II.2.2", "II.2.3", "II.2.4",
    "II.3", "II.3.1", "II.3.2", "II.3.3", "II.3.4",
    "II.4", "II.4.1", "II.4.2", "II.4.3", "II.4.4",
    "II.5", "II.5.1", "II.5.2", "II.5.3",
    "III",
    "III.1", "III.1.1", "III.1.2", "III.1.3", "III.1.4", "III.1.5", "III.1.6",
    "III.2", "III.3", "III.4", "III.5", "III.6", "III.7",
    "Đoạn kết",
]  # fmt: skip


@pytest.fixture(scope="module")
def plan(portfolio: Portfolio) -> Plan:
    return portfolio.plan(PLAN_ID)


def _roles_of(plan: Plan) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for clause in plan.clauses():
        for assignment in clause.roles:
            out.setdefault(clause.ref, {}).setdefault(assignment.role.value, []).append(assignment.actor_id)
    return out


def test_every_clause_has_exactly_the_stated_roles(plan: Plan) -> None:
    actual = _roles_of(plan)
    for ref in sorted(set(actual) | set(EXPECTED_ROLES)):
        assert actual.get(ref, {}) == EXPECTED_ROLES.get(ref, {}), ref


@pytest.mark.parametrize("ref", sorted(EXPECTED_ROLES))
def test_clause_roles(plan: Plan, ref: str) -> None:
    clause = next(c for c in plan.clauses() if c.ref == ref)
    expected = EXPECTED_ROLES[ref]
    for role in Role:
        assert [a.actor_id for a in clause.actors(role)] == expected.get(role.value, []), (ref, role.value)


def test_ii_2_4_and_iii_4_as_the_brief_states(plan: Plan) -> None:
    clause = next(c for c in plan.clauses() if c.ref == "II.2.4")
    assert {a.actor_id for a in clause.actors(Role.PERFORM)} == {"so-noi-vu"}
    assert {a.actor_id for a in clause.actors(Role.COORDINATE)} == {"so-tai-chinh", "cac-co-quan-lien-quan"}
    assert {a.actor_id for a in clause.actors(Role.ADVISED)} == {"ubnd-tinh"}
    assert clause.actors(Role.LEAD) == ()
    clause = next(c for c in plan.clauses() if c.ref == "III.4")
    assert [a.actor_id for a in clause.actors(Role.LEAD)] == ["so-thong-tin-truyen-thong"]
    assert len(clause.actors(Role.COORDINATE)) == 6


def test_stated_roles_are_not_marked_editorial(plan: Plan) -> None:
    editorial = [(c.ref, a.actor_id) for c in plan.clauses() for a in c.roles if a.editorial]
    assert editorial == []


def test_clause_refs_in_document_order_and_unique(plan: Plan) -> None:
    refs = [c.ref for c in plan.clauses()]
    assert refs == EXPECTED_REFS
    assert len(refs) == 44
    assert len(set(refs)) == len(refs)


def test_labels_as_printed(plan: Plan) -> None:
    labels = {c.ref: c.label for c in plan.clauses()}
    assert labels["II"] == "II."
    assert labels["II.2.4"] == "2.4."
    assert labels["III.4"] == "4."
    assert labels["Mở đầu"] == labels["Đoạn kết"] == ""


def test_anchors_unique_and_ascii(plan: Plan) -> None:
    anchors = [c.anchor for c in plan.clauses()]
    assert len(set(anchors)) == len(anchors)
    for anchor in anchors:
        assert anchor.isascii() and anchor == anchor.lower() and " " not in anchor, anchor
    by_ref = {c.ref: c.anchor for c in plan.clauses()}
    assert by_ref["II.2.4"] == "muc-ii-2-4"
    assert by_ref["Mở đầu"] == "mo-dau"
    assert by_ref["Đoạn kết"] == "doan-ket"


def test_depths_follow_the_numbering(plan: Plan) -> None:
    depths = {c.ref: c.depth for c in plan.clauses()}
    assert (depths["II"], depths["II.2"], depths["II.2.4"], depths["III.4"]) == (1, 2, 3, 2)


def test_number_and_date_are_unknown_with_reasons(plan: Plan) -> None:
    assert isinstance(plan.number, Unknown)
    assert "số hiệu" in plan.number.reason
    assert plan.number.not_before is None
    assert isinstance(plan.date, Unknown)
    assert "15-KH/TU" in plan.date.reason
    assert plan.date.not_before == dt.date(2021, 4, 5)


def test_issuer_is_an_editorial_reading_with_a_note(plan: Plan) -> None:
    assert plan.issuer_id == "ubnd-tinh"
    assert plan.issuer_editorial is True
    assert plan.issuer_note and "Báo Bình Thuận" in plan.issuer_note


def test_budget_law_basis_is_editorial_with_a_note(plan: Plan) -> None:
    clause = next(c for c in plan.clauses() if c.ref == "III.3")
    assert [(b.document_id, b.editorial) for b in clause.basis] == [("luat-nsnn-2015", True)]
    assert clause.basis[0].note and "pháp luật về ngân sách Nhà nước" in clause.basis[0].note
    # every other basis link is stated by the text
    others = [(c.ref, b.document_id) for c in plan.clauses() for b in c.basis if b.editorial and c.ref != "III.3"]
    assert others == []


def test_the_plan_implements_kh_15(plan: Plan) -> None:
    assert [(b.document_id, b.editorial) for b in plan.implements] == [("kh-15-tu-2021-binh-thuan", False)]


def test_document_ids_include_the_year(portfolio: Portfolio) -> None:
    ct42 = [d for d in portfolio.documents if d.number == "42-CT/TW"]
    assert [d.id for d in ct42] == ["ct-42-tw-2010"]
    assert ct42[0].date == dt.date(2010, 4, 16)
    assert "2010" in ct42[0].id
    for document in portfolio.documents:
        if isinstance(document.date, dt.date):
            assert str(document.date.year) in document.id, document.id


def test_18_nq_tw_is_issued_by_the_central_committee(portfolio: Portfolio) -> None:
    nq18 = portfolio.document("nq-18-tw-2017")
    assert nq18.number == "18-NQ/TW"
    assert nq18.date == dt.date(2017, 10, 25)
    assert nq18.issuer.startswith("Ban Chấp hành Trung ương")
    assert "Bộ Chính trị" not in nq18.issuer
    # the plan's words "của Bộ Chính trị" are right for 102-KL/TW only
    assert portfolio.document("kl-102-tw-2014").issuer.startswith("Bộ Chính trị")


def test_unverified_documents_invent_nothing(portfolio: Portfolio) -> None:
    ct52 = portfolio.document("ct-52-tu-binh-thuan")
    assert isinstance(ct52.date, Unknown) and isinstance(ct52.title, Unknown)
    assert ct52.verification.value == "chua-xac-minh"


def test_groups_of_so_tai_chinh(portfolio: Portfolio) -> None:
    assert [g.id for g in portfolio.groups_of("so-tai-chinh")] == [
        "cac-so-nganh-dia-phuong",
        "cac-so-ban-nganh-doan-the-dia-phuong",
    ]
    assert portfolio.group("cac-co-quan-lien-quan").members == ()
    assert portfolio.group("cac-doan-the-chinh-tri-xa-hoi").members == (
        "tinh-doan",
        "hoi-lien-hiep-phu-nu-tinh-binh-thuan",
        "hoi-nong-dan-tinh-binh-thuan",
        "hoi-cuu-chien-binh-tinh-binh-thuan",
        "lien-doan-lao-dong-tinh-binh-thuan",
    )
    assert LHH not in portfolio.group("cac-so-ban-nganh-doan-the-dia-phuong").members


def test_records_are_frozen(portfolio: Portfolio, plan: Plan) -> None:
    clause = next(c for c in plan.clauses() if c.ref == "II.2.4")
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.title = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        clause.text = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        clause.roles[0].actor_id = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        portfolio.agency("so-tai-chinh").name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        portfolio.document("ct-42-tw-2010").issuer = "x"  # type: ignore[misc]
    assert isinstance(plan.sections, tuple) and isinstance(clause.roles, tuple)
