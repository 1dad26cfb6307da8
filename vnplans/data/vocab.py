"""Every controlled vocabulary of the data, defined once: its ids, order and Vietnamese labels.

The JSON Schemas list the same ids (``enum``), the importer writes them and the templates print their
labels; ``tests/test_vocab.py`` fails when a schema and this module disagree, so a value the schema
accepts always has a label to render. Order is the order of display.
"""

from __future__ import annotations

import enum


class Vocabulary(enum.Enum):
    """An enumeration whose members carry a Vietnamese label (and sometimes more words)."""

    @property
    def label(self) -> str:
        return LABELS[self][0]

    @classmethod
    def ids(cls) -> tuple[str, ...]:
        return tuple(str(member.value) for member in cls)


class Role(Vocabulary):
    """What a clause asks of an agency."""

    LEAD = "chu-tri"
    PERFORM = "thuc-hien"
    COORDINATE = "phoi-hop"
    ADVISED = "duoc-tham-muu"
    REPORTED_TO = "nhan-bao-cao"

    @property
    def abbrev(self) -> str:
        return LABELS[self][1]

    @property
    def description(self) -> str:
        return LABELS[self][2]

    @property
    def is_duty(self) -> bool:
        """True for roles that ask the agency to act; false for receiving advice or reports."""
        return self in DUTY_ROLES


class DocType(Vocabulary):
    """Kinds of legal and administrative documents (loại văn bản)."""

    CHI_THI = "chi-thi"
    KET_LUAN = "ket-luan"
    KE_HOACH = "ke-hoach"
    NGHI_QUYET = "nghi-quyet"
    CHUONG_TRINH_HANH_DONG = "chuong-trinh-hanh-dong"
    CHUONG_TRINH = "chuong-trinh"
    DIEU_LE = "dieu-le"
    HIEN_PHAP = "hien-phap"
    LUAT = "luat"
    NGHI_DINH = "nghi-dinh"
    QUYET_DINH = "quyet-dinh"
    QUY_DINH = "quy-dinh"
    THONG_TU = "thong-tu"
    CONG_VAN = "cong-van"
    THONG_BAO = "thong-bao"
    DE_AN = "de-an"
    QUY_CHE = "quy-che"
    HUONG_DAN = "huong-dan"
    BAO_CAO = "bao-cao"
    TO_TRINH = "to-trinh"


class AgencyKind(Vocabulary):
    """Kinds of agencies, for the agency index and for groups defined by kind."""

    LEADERSHIP = "lanh-dao"
    CENTRAL = "trung-uong"
    MINISTRY = "bo"
    MINISTRY_UNIT = "don-vi-thuoc-bo"
    DEPARTMENT = "so"
    PARTY_BOARD = "ban-dang"
    FRONT = "doan-the"
    ASSOCIATION = "to-chuc-hoi"
    PRESS = "bao-chi"
    ARMED_FORCES = "luc-luong-vu-trang"
    DISTRICT = "ubnd-cap-huyen"
    COMMUNE = "ubnd-cap-xa"
    OTHER = "khac"


class Verification(Vocabulary):
    """How far a fact about a legal document has been checked."""

    VERIFIED = "da-xac-minh"
    TEXT_ONLY = "chi-theo-van-ban"
    UNVERIFIED = "chua-xac-minh"


class RelationType(Vocabulary):
    """How one legal document or plan relates to another (the source's relation to the target)."""

    BASED_ON = "can-cu"
    IMPLEMENTS = "thuc-hien"
    CONTINUES = "tiep-tuc"
    GUIDES = "huong-dan"
    AMENDS = "sua-doi"
    REPLACES = "thay-the"
    REPEALS = "bai-bo"
    APPROVES = "phe-chuan"
    CITES = "trich-dan"

    @property
    def forward(self) -> str:
        """How the source relates to the target, read from the source's page."""
        return LABELS[self][0]

    @property
    def backward(self) -> str:
        """How the target is related to the source, read from the target's page."""
        return LABELS[self][1]


class LegalStatus(Vocabulary):
    """Whether a document is in force (tình trạng hiệu lực), as legal portals state it."""

    IN_FORCE = "con-hieu-luc"
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan"
    EXPIRED = "het-hieu-luc-toan-bo"
    NOT_YET = "chua-co-hieu-luc"
    SUSPENDED = "ngung-hieu-luc"


class Level(Vocabulary):
    """Levels of government where agencies live (cấp)."""

    NATIONAL = "trung-uong"
    PROVINCE = "tinh"
    DISTRICT = "huyen"
    COMMUNE = "xa"


class ChangeKind(Vocabulary):
    """What happened to an agency or a jurisdiction in a reorganisation (a dated event)."""

    MERGED_INTO = "sap-nhap"
    SPLIT = "chia-tach"
    RENAMED = "doi-ten"
    DISSOLVED = "giai-the"
    LEVEL_CHANGED = "chuyen-cap"

    @property
    def sentence(self) -> str:
        """The verb phrase of a banner: "được sáp nhập vào"."""
        return LABELS[self][1]


class Certainty(Vocabulary):
    """How sure a succession event is, for the province it is about (the reference's V / P / U)."""

    VERIFIED = "da-xac-minh"
    PATTERN = "theo-quy-dinh-chung"
    UNVERIFIED = "chua-xac-minh"

    @property
    def is_verified(self) -> bool:
        """Only verified events are stated as fact; the site says "chưa xác minh" for the others."""
        return self is Certainty.VERIFIED


class NumberingMark(Vocabulary):
    """Why a clause's official number breaks the order of its list: the text really prints it so."""

    SKIP = "bo-so"
    REPEAT = "lap-so"


#: Roles that are duties of the agency, as opposed to being the recipient of advice or reports.
DUTY_ROLES = (Role.LEAD, Role.PERFORM, Role.COORDINATE)

LABELS: dict[Vocabulary, tuple[str, ...]] = {
    Role.LEAD: ("Chủ trì", "CT", "cơ quan chủ trì thực hiện"),
    Role.PERFORM: ("Thực hiện", "TH", "cơ quan thực hiện (chủ thể của nhiệm vụ, văn bản không dùng từ chủ trì)"),
    Role.COORDINATE: ("Phối hợp", "PH", "cơ quan phối hợp"),
    Role.ADVISED: ("Được tham mưu", "TM", "nơi nhận tham mưu, đề xuất"),
    Role.REPORTED_TO: ("Nhận báo cáo", "BC", "nơi nhận báo cáo"),
    DocType.CHI_THI: ("Chỉ thị",),
    DocType.KET_LUAN: ("Kết luận",),
    DocType.KE_HOACH: ("Kế hoạch",),
    DocType.NGHI_QUYET: ("Nghị quyết",),
    DocType.CHUONG_TRINH_HANH_DONG: ("Chương trình hành động",),
    DocType.CHUONG_TRINH: ("Chương trình",),
    DocType.DIEU_LE: ("Điều lệ",),
    DocType.HIEN_PHAP: ("Hiến pháp",),
    DocType.LUAT: ("Luật",),
    DocType.NGHI_DINH: ("Nghị định",),
    DocType.QUYET_DINH: ("Quyết định",),
    DocType.QUY_DINH: ("Quy định",),
    DocType.THONG_TU: ("Thông tư",),
    DocType.CONG_VAN: ("Công văn",),
    DocType.THONG_BAO: ("Thông báo",),
    DocType.DE_AN: ("Đề án",),
    DocType.QUY_CHE: ("Quy chế",),
    DocType.HUONG_DAN: ("Hướng dẫn",),
    DocType.BAO_CAO: ("Báo cáo",),
    DocType.TO_TRINH: ("Tờ trình",),
    AgencyKind.LEADERSHIP: ("Cơ quan lãnh đạo: cấp ủy, Hội đồng nhân dân, Ủy ban nhân dân",),
    AgencyKind.CENTRAL: ("Cơ quan trung ương",),
    AgencyKind.MINISTRY: ("Bộ, cơ quan ngang bộ",),
    AgencyKind.MINISTRY_UNIT: ("Đơn vị thuộc bộ: vụ, cục, văn phòng, thanh tra, viện",),
    AgencyKind.DEPARTMENT: ("Sở, cơ quan chuyên môn",),
    AgencyKind.PARTY_BOARD: ("Ban, cơ quan của cấp ủy Đảng",),
    AgencyKind.FRONT: ("Mặt trận Tổ quốc và đoàn thể",),
    AgencyKind.ASSOCIATION: ("Tổ chức hội",),
    AgencyKind.PRESS: ("Cơ quan báo chí",),
    AgencyKind.ARMED_FORCES: ("Công an, quân sự",),
    AgencyKind.DISTRICT: ("Ủy ban nhân dân cấp huyện",),
    AgencyKind.COMMUNE: ("Ủy ban nhân dân cấp xã",),
    AgencyKind.OTHER: ("Cơ quan, tổ chức khác",),
    Verification.VERIFIED: ("Đã xác minh với nguồn công khai",),
    Verification.TEXT_ONLY: ("Chỉ biết qua văn bản trích dẫn",),
    Verification.UNVERIFIED: ("Chưa xác minh",),
    RelationType.BASED_ON: ("Căn cứ", "Là căn cứ của"),
    RelationType.IMPLEMENTS: ("Thực hiện", "Được thực hiện bởi"),
    RelationType.CONTINUES: ("Tiếp tục thực hiện", "Được tiếp tục bởi"),
    RelationType.GUIDES: ("Hướng dẫn", "Được hướng dẫn bởi"),
    RelationType.AMENDS: ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    RelationType.REPLACES: ("Thay thế", "Bị thay thế bởi"),
    RelationType.REPEALS: ("Bãi bỏ", "Bị bãi bỏ bởi"),
    RelationType.APPROVES: ("Phê chuẩn", "Được phê chuẩn bởi"),
    RelationType.CITES: ("Trích dẫn", "Được trích dẫn bởi"),
    LegalStatus.IN_FORCE: ("Còn hiệu lực",),
    LegalStatus.PARTLY_EXPIRED: ("Hết hiệu lực một phần",),
    LegalStatus.EXPIRED: ("Hết hiệu lực toàn bộ",),
    LegalStatus.NOT_YET: ("Chưa có hiệu lực",),
    LegalStatus.SUSPENDED: ("Ngưng hiệu lực",),
    Level.NATIONAL: ("Trung ương",),
    Level.PROVINCE: ("Cấp tỉnh",),
    Level.DISTRICT: ("Cấp huyện",),
    Level.COMMUNE: ("Cấp xã",),
    ChangeKind.MERGED_INTO: ("Sáp nhập", "được sáp nhập vào"),
    ChangeKind.SPLIT: ("Chia tách theo chức năng", "được chia tách, chức năng chuyển cho"),
    ChangeKind.RENAMED: ("Đổi tên", "được đổi tên thành"),
    ChangeKind.DISSOLVED: ("Giải thể", "giải thể, nhiệm vụ chuyển cho"),
    ChangeKind.LEVEL_CHANGED: ("Chuyển cấp", "chuyển nhiệm vụ sang cấp khác:"),
    Certainty.VERIFIED: ("Đã xác minh",),
    Certainty.PATTERN: ("Chưa xác minh (theo quy định chung, chưa đối chiếu cho địa phương này)",),
    Certainty.UNVERIFIED: ("Chưa xác minh",),
    NumberingMark.SKIP: ("Văn bản gốc bỏ qua số (số mục không liền với mục trước)",),
    NumberingMark.REPEAT: ("Văn bản gốc lặp lại số của mục trước",),
}

#: Every vocabulary, by the name its JSON Schema definition carries (``common.schema.json#/$defs/<name>``).
VOCABULARIES: dict[str, type[Vocabulary]] = {
    "role": Role,
    "doc_type": DocType,
    "agency_kind": AgencyKind,
    "verification": Verification,
    "relation_type": RelationType,
    "legal_status": LegalStatus,
    "level": Level,
    "change_kind": ChangeKind,
    "certainty": Certainty,
    "numbering_mark": NumberingMark,
}


def labels(vocabulary: type[Vocabulary]) -> dict[str, str]:
    """``{id: label}`` in display order, for tables and hints."""
    return {member.value: member.label for member in vocabulary}
