"""What the site says about today (vnplans.site.today): banners, inherited duties and "nay là"."""

from __future__ import annotations

import pytest

from vnplans.data.model import ChangeKind, Portfolio, Role
from vnplans.site.duties import all_duties
from vnplans.site.today import Today


@pytest.fixture(scope="module")
def today(portfolio: Portfolio) -> Today:
    return Today(portfolio, all_duties(portfolio))


def inherited(today: Today, agency_id: str, named: str) -> list[tuple[str, str, str | None, bool]]:
    return [
        (d.duty.clause.ref, d.duty.role.value, d.duty.via_group.id if d.duty.via_group else None, d.candidate)
        for d in today.inherited(agency_id)
        if d.named.id == named
    ]


def test_so_tai_chinh_inherits_the_duties_of_so_ke_hoach_va_dau_tu(today: Today) -> None:
    assert inherited(today, "so-tai-chinh", "so-ke-hoach-dau-tu") == [
        ("II.1.1", "thuc-hien", "cac-so-nganh-dia-phuong", False),
        ("II.1.2", "thuc-hien", "cac-so-nganh-dia-phuong", False),
        ("II.3.3", "thuc-hien", "cac-so-ban-nganh-doan-the-dia-phuong", False),
        ("III.1.5", "phoi-hop", None, False),
        ("III.4", "phoi-hop", "cac-so-nganh-dia-phuong", False),
        ("III.6", "thuc-hien", None, False),
        ("III.7", "thuc-hien", "cac-so-ban-nganh-doan-the-dia-phuong", False),
    ]
    # and Lâm Đồng's Sở Tài chính carries them today, through Bình Thuận's
    chain = [d for d in today.inherited("so-tai-chinh-lam-dong") if d.named.id == "so-ke-hoach-dau-tu"]
    assert {d.duty.clause.ref for d in chain} == {"II.1.1", "II.1.2", "II.3.3", "III.1.5", "III.4", "III.6", "III.7"}
    assert all([s.successor.agency_id for s in d.steps] == ["so-tai-chinh", "so-tai-chinh-lam-dong"] for d in chain)
    assert all(d.verified and d.still_here for d in chain)


def test_a_split_without_the_dutys_function_lists_the_duty_as_possible_for_every_successor(today: Today) -> None:
    for successor in ("so-khoa-hoc-cong-nghe-lam-dong", "so-van-hoa-the-thao-du-lich-lam-dong"):
        lead = [d for d in today.inherited(successor) if d.duty.clause.ref == "III.4" and d.duty.role is Role.LEAD]
        assert [(d.named.id, d.candidate) for d in lead] == [("so-thong-tin-truyen-thong", True)]
    # a body that received nothing from the split lists nothing from it
    assert not [d for d in today.inherited("so-noi-vu-lam-dong") if d.named.id == "so-thong-tin-truyen-thong"]


def test_a_body_that_no_longer_exists_has_a_banner_with_its_successors(today: Today, portfolio: Portfolio) -> None:
    ending = today.ending(portfolio.agency("bao-binh-thuan"))
    assert ending is not None and ending.event is not None
    assert ending.event.kind is ChangeKind.MERGED_INTO
    assert [h.agency.id for h in ending.holders] == ["bao-phat-thanh-truyen-hinh-lam-dong"]
    assert ending.verified
    assert today.ending(portfolio.agency("bo-noi-vu")) is None
    assert today.ending(portfolio.agency("so-tai-chinh-lam-dong")) is None


def test_nay_la_names_todays_body_for_each_named_body_that_ended(today: Today, portfolio: Portfolio) -> None:
    assert [h.agency.id for h in today.now(portfolio.agency("so-noi-vu"))] == ["so-noi-vu-lam-dong"]
    assert today.now(portfolio.agency("bo-noi-vu")) == ()
    press = today.now(portfolio.agency("so-thong-tin-truyen-thong"), ["bao-chi-xuat-ban"])
    assert [(h.agency.id, h.candidate) for h in press] == [("so-van-hoa-the-thao-du-lich-lam-dong", False)]
