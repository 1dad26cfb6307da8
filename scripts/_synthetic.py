"""Synthetic portfolios for benchmarks: a whole province's plans, made up but shaped like the real ones.

A benchmark needs thousands of clauses, and one plan copied a hundred times is no test of search
(every query would find a hundred identical answers) nor of the build. This module writes a complete
data folder (``agencies.yaml``, ``documents.yaml``, ``plans/*.yaml``) that passes
``scripts/validate --strict``:

* N clauses in total (numbered clauses, as ``Plan.clause_count``, the validator and the site count
  them: headings and items, not the opening and closing paragraphs), spread over many plans of 20
  to 80 clauses;
* clause text of 300 to 600 characters, composed from phrase templates and vocabularies (fields of
  work, actions, purposes, deadlines, citations of legal documents), with roles and deadlines that
  the text states, so the validator's "not named in the clause" checks hold;
* the seed's agencies and groups and every other file of ``data/`` as it is (so roles and links
  exist), the seed's documents plus made-up ones
  with realistic numbers ("1234/QĐ-UBND", "15-NQ/TU", "45/2021/NĐ-CP");
* the seed plan ``2021-lien-hiep-hoi-khkt`` itself, unchanged, so the test suite's queries about it
  can be checked at scale. Its clauses count towards N.

The same ``clauses`` and ``seed`` always give byte-identical files. Nothing here is official text:
the site built from it is for measuring only.

API (kept small; ``scripts/bench_build``, ``scripts/bench_search`` and the tests use it)::

    from scripts._synthetic import write_portfolio, make_site_root, SIZES
    summary = write_portfolio(Path("/tmp/p/data"), clauses=3000, seed=1)
    summary = make_site_root(Path("/tmp/p"), clauses=3000)   # + mkdocs.yml, hooks, vnplans, ... copied

Command line: ``scripts/make_portfolio --help``.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # imported from scripts/ and from the tests alike
    sys.path.insert(0, str(REPO))

from vnplans.data.diagnostics import Report  # noqa: E402
from vnplans.data.records import PlanBuilder  # noqa: E402
from vnplans.data.values import slugify  # noqa: E402
from vnplans.data.yamlio import read_yaml  # noqa: E402

#: The sizes the benchmarks report (clauses in the whole portfolio).
SIZES = (100, 1_000, 3_000, 10_000)
#: The plan kept as is in every synthetic portfolio.
SEED_PLAN = "2021-lien-hiep-hoi-khkt"
#: What ``make_site_root`` copies from the repository besides the data.
SITE_SOURCES = ("mkdocs.yml", "hooks", "vnplans", "schemas", "docs", "overrides", "sources")

MIN_PLAN, MAX_PLAN = 20, 80  # clauses per plan
MIN_TEXT, MAX_TEXT = 300, 600  # characters per clause text


@dataclass(frozen=True)
class SyntheticPortfolio:
    """What :func:`write_portfolio` wrote."""

    data_dir: Path
    plans: int  # the seed plan included
    clauses: int  # numbered clauses (Plan.clause_count), over all plans
    documents: int
    seed_plan: str = SEED_PLAN


def write_portfolio(data_dir: Path, clauses: int, seed: int = 0) -> SyntheticPortfolio:
    """Write a complete data folder of ``clauses`` clauses in total into ``data_dir`` (created).

    ``clauses`` must be at least the seed plan's clause count plus 20 (one synthetic plan).
    Deterministic: the same arguments give the same bytes.
    """
    seed_plan_path = REPO / "data" / "plans" / f"{SEED_PLAN}.yaml"
    seed_count = _seed_clause_count(seed_plan_path)
    if clauses < seed_count + MIN_PLAN:
        raise ValueError(f"a portfolio needs at least {seed_count + MIN_PLAN} clauses (the seed plan has {seed_count})")
    rng = random.Random(f"vnplans-synthetic-{seed}")
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "plans").mkdir(exist_ok=True)
    for source in (REPO / "data").iterdir():  # agencies, jurisdictions, ... as they are
        if source.is_file() and source.name != "documents.yaml":
            shutil.copy(source, data_dir / source.name)
    shutil.copy(seed_plan_path, data_dir / "plans" / seed_plan_path.name)

    writer = _Writer(rng)
    sizes = _plan_sizes(clauses - seed_count, rng)
    for index, size in enumerate(sizes, 1):
        plan = writer.plan(index, size)
        _dump(data_dir / "plans" / f"{plan['id']}.yaml", "../../schemas/plan.schema.json", plan)
    documents = yaml.safe_load((REPO / "data" / "documents.yaml").read_text(encoding="utf-8"))
    documents["documents"] += writer.documents
    _dump(data_dir / "documents.yaml", "../schemas/documents.schema.json", documents, "Văn bản")
    return SyntheticPortfolio(data_dir, len(sizes) + 1, clauses, len(documents["documents"]))


def make_site_root(root: Path, clauses: int, seed: int = 0) -> SyntheticPortfolio:
    """A folder ``mkdocs build`` can run in: the repository's site sources and a synthetic ``data/``."""
    root.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy(source, root / name)
    return write_portfolio(root / "data", clauses, seed)


# ------------------------------------------------------------------------------------ internals ---


def _seed_clause_count(path: Path) -> int:
    report = Report()
    doc = read_yaml(path, path.name, report)
    assert doc is not None, report.format_text()
    return PlanBuilder(doc, report, path.stem).build().clause_count


def _plan_sizes(total: int, rng: random.Random) -> list[int]:
    """Plan sizes in [MIN_PLAN, MAX_PLAN] that add up to ``total`` (total >= MIN_PLAN)."""
    sizes: list[int] = []
    left = total
    while left > 0:
        if left <= MAX_PLAN:
            size = left
        else:
            size = rng.randint(MIN_PLAN, MAX_PLAN)
            if left - size < MIN_PLAN:  # never leave a remainder too small for a plan
                size = left - MIN_PLAN
        sizes.append(size)
        left -= size
    return sizes


def _dump(path: Path, schema: str, data: dict[str, Any], what: str = "Kế hoạch") -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)
    path.write_text(f"# yaml-language-server: $schema={schema}\n# {what} giả lập để đo hiệu năng.\n{body}", "utf-8")


# ---------------------------------------------------------------------------------- vocabulary ---

# Fields of work: (what the plan is about, the words its clauses use).
FIELDS: list[tuple[str, list[str]]] = [
    (
        "chuyển đổi số",
        [
            "hạ tầng số",
            "dịch vụ công trực tuyến toàn trình",
            "cơ sở dữ liệu dùng chung của tỉnh",
            "nền tảng số",
            "chữ ký số",
            "an toàn, an ninh mạng",
            "kỹ năng số cho người dân",
        ],
    ),
    (
        "cải cách hành chính",
        [
            "thủ tục hành chính",
            "bộ phận một cửa",
            "chỉ số hài lòng của người dân",
            "kỷ luật, kỷ cương hành chính",
            "văn hóa công vụ",
            "tinh giản biên chế",
        ],
    ),
    (
        "phát triển du lịch",
        [
            "sản phẩm du lịch đặc trưng",
            "du lịch biển, đảo",
            "quảng bá, xúc tiến du lịch",
            "nguồn nhân lực du lịch",
            "khu du lịch quốc gia Mũi Né",
            "môi trường du lịch an toàn, thân thiện",
        ],
    ),
    (
        "bảo vệ môi trường",
        [
            "chất thải rắn sinh hoạt",
            "ô nhiễm nguồn nước",
            "rác thải nhựa đại dương",
            "quan trắc môi trường",
            "đánh giá tác động môi trường",
            "khu xử lý chất thải tập trung",
        ],
    ),
    (
        "phòng, chống thiên tai",
        [
            "phương án ứng phó bão, áp thấp nhiệt đới",
            "sạt lở bờ biển",
            "hạn hán, xâm nhập mặn",
            "hồ chứa nước",
            "diễn tập phòng, chống thiên tai",
            "tìm kiếm cứu nạn",
        ],
    ),
    (
        "xây dựng nông thôn mới",
        [
            "bộ tiêu chí xã nông thôn mới nâng cao",
            "chương trình mỗi xã một sản phẩm (OCOP)",
            "hạ tầng giao thông nông thôn",
            "nước sạch nông thôn",
            "liên kết sản xuất theo chuỗi giá trị",
        ],
    ),
    (
        "giáo dục và đào tạo",
        [
            "chương trình giáo dục phổ thông mới",
            "đội ngũ nhà giáo và cán bộ quản lý giáo dục",
            "cơ sở vật chất trường học",
            "giáo dục nghề nghiệp",
            "phổ cập giáo dục",
            "học tập suốt đời",
        ],
    ),
    (
        "y tế và chăm sóc sức khỏe Nhân dân",
        [
            "y tế cơ sở",
            "bảo hiểm y tế toàn dân",
            "phòng, chống dịch bệnh",
            "an toàn thực phẩm",
            "hồ sơ sức khỏe điện tử",
            "trạm y tế xã",
        ],
    ),
    (
        "an sinh xã hội",
        [
            "giảm nghèo bền vững",
            "người có công với cách mạng",
            "trợ giúp xã hội",
            "bảo hiểm xã hội tự nguyện",
            "việc làm cho lao động nông thôn",
            "trẻ em có hoàn cảnh đặc biệt",
        ],
    ),
    (
        "phát triển kinh tế biển",
        [
            "khai thác hải sản xa bờ",
            "chống khai thác hải sản bất hợp pháp (IUU)",
            "cảng cá và khu neo đậu tránh trú bão",
            "nuôi trồng thủy sản",
            "năng lượng tái tạo ngoài khơi",
        ],
    ),
    (
        "thu hút đầu tư",
        [
            "môi trường đầu tư, kinh doanh",
            "chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
            "khu công nghiệp, cụm công nghiệp",
            "doanh nghiệp nhỏ và vừa",
            "giải phóng mặt bằng",
            "xúc tiến đầu tư",
        ],
    ),
    (
        "khoa học và công nghệ",
        [
            "đổi mới sáng tạo",
            "khởi nghiệp sáng tạo",
            "chuyển giao tiến bộ kỹ thuật",
            "sở hữu trí tuệ",
            "tiêu chuẩn, đo lường, chất lượng",
            "nhiệm vụ khoa học cấp tỉnh",
        ],
    ),
    (
        "công tác thanh niên",
        [
            "phong trào thanh niên tình nguyện",
            "khởi nghiệp của thanh niên",
            "giáo dục lý tưởng cách mạng cho đoàn viên",
            "thanh niên dân tộc thiểu số",
            "kỹ năng sống cho thanh thiếu nhi",
        ],
    ),
    (
        "quản lý đất đai và tài nguyên",
        [
            "quy hoạch, kế hoạch sử dụng đất",
            "cấp giấy chứng nhận quyền sử dụng đất",
            "khai thác khoáng sản",
            "tài nguyên nước",
            "cơ sở dữ liệu đất đai",
        ],
    ),
    (
        "phòng, chống tham nhũng, lãng phí",
        [
            "kê khai tài sản, thu nhập",
            "thực hành tiết kiệm, chống lãng phí",
            "công khai, minh bạch trong quản lý ngân sách",
            "tiếp công dân, giải quyết khiếu nại, tố cáo",
        ],
    ),
]

ACTIONS = [
    "tổ chức triển khai thực hiện",
    "rà soát, đánh giá thực trạng",
    "xây dựng và trình ban hành kế hoạch chi tiết về",
    "hướng dẫn, kiểm tra, đôn đốc việc thực hiện",
    "đẩy mạnh công tác tuyên truyền, phổ biến về",
    "nghiên cứu, đề xuất cơ chế, chính sách đối với",
    "tăng cường quản lý nhà nước về",
    "bố trí nguồn lực để thực hiện",
    "tổ chức sơ kết, tổng kết, rút kinh nghiệm về",
    "cập nhật, chuẩn hóa dữ liệu về",
    "thanh tra, kiểm tra chuyên đề về",
    "lồng ghép các chương trình, dự án liên quan đến",
    "tổ chức tập huấn, bồi dưỡng chuyên môn về",
    "huy động các nguồn lực xã hội hóa cho",
]

PURPOSES = [
    "bảo đảm đúng tiến độ, chất lượng và hiệu quả",
    "góp phần thúc đẩy phát triển kinh tế - xã hội của tỉnh",
    "nâng cao nhận thức và trách nhiệm của cán bộ, công chức, viên chức và Nhân dân",
    "tạo chuyển biến rõ nét trong thực tiễn",
    "phù hợp với điều kiện thực tế của từng địa phương",
    "đáp ứng yêu cầu nhiệm vụ trong tình hình mới",
    "giảm thời gian, chi phí cho người dân và doanh nghiệp",
    "tránh chồng chéo, trùng lặp giữa các cơ quan, đơn vị",
    "bảo đảm công khai, minh bạch theo quy định của pháp luật",
    "phát huy vai trò giám sát của Mặt trận Tổ quốc và các đoàn thể",
    "hướng tới mục tiêu phát triển bền vững",
    "bảo đảm quốc phòng - an ninh trên địa bàn",
]

FOLLOWUPS = [
    "kịp thời tháo gỡ những khó khăn, vướng mắc phát sinh trong quá trình thực hiện",
    "chú trọng vai trò của người đứng đầu cơ quan, đơn vị trong chỉ đạo, điều hành",
    "đưa kết quả thực hiện vào tiêu chí đánh giá, xếp loại thi đua hằng năm",
    "biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu",
    "công khai kết quả trên Cổng thông tin điện tử của tỉnh",
    "định kỳ đánh giá mức độ hoàn thành các chỉ tiêu đã đề ra",
    "xác định rõ người, rõ việc, rõ thời gian, rõ trách nhiệm",
    "ưu tiên các xã đặc biệt khó khăn, vùng đồng bào dân tộc thiểu số",
    "bảo đảm nguồn kinh phí theo phân cấp ngân sách hiện hành",
    "gắn với thực hiện các nhiệm vụ chính trị của địa phương",
]

GOAL_OPENINGS = [
    "Quán triệt sâu sắc và tổ chức thực hiện nghiêm túc",
    "Nâng cao hiệu lực, hiệu quả công tác quản lý nhà nước về",
    "Tạo sự thống nhất cao trong nhận thức và hành động về",
    "Phấn đấu đến năm 2025 hoàn thành các chỉ tiêu chủ yếu về",
    "Huy động sự tham gia của cả hệ thống chính trị và Nhân dân trong",
    "Xác định rõ nhiệm vụ, giải pháp và phân công cụ thể cho các cơ quan, đơn vị về",
]

TARGETS = [
    "phấn đấu 100% cơ quan, đơn vị triển khai thực hiện",
    "bảo đảm tỷ lệ hoàn thành đạt trên 90%",
    "giảm ít nhất 20% so với cùng kỳ",
    "tăng bình quân 8 - 10% mỗi năm",
    "hoàn thành trước năm 2025",
    "100% hồ sơ được giải quyết đúng hạn",
]

SUBSECTION_TITLES = [
    "Công tác lãnh đạo, chỉ đạo và tuyên truyền",
    "Hoàn thiện cơ chế, chính sách",
    "Nâng cao chất lượng nguồn nhân lực",
    "Đầu tư hạ tầng và bố trí nguồn lực",
    "Ứng dụng công nghệ thông tin, chuyển đổi số",
    "Tăng cường kiểm tra, giám sát",
    "Hợp tác, liên kết và huy động nguồn lực",
    "Nâng cao hiệu quả phối hợp giữa các cơ quan",
    "Đổi mới phương thức tổ chức thực hiện",
]

DEADLINES = [
    "thường xuyên",
    "hằng năm",
    "định kỳ 6 tháng",
    "trước ngày 30/6/{year}",
    "trước ngày 15/12/{year}",
    "Quý II/{year}",
    "Quý IV/{year}",
    "năm {year}",
]

# Who the clauses name. Spelled as the agencies file spells them, so stated roles are "named in the text".
SO = [
    ("so-noi-vu", "Sở Nội vụ"),
    ("so-tai-chinh", "Sở Tài chính"),
    ("so-thong-tin-truyen-thong", "Sở Thông tin và Truyền thông"),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo"),
    ("so-lao-dong-thuong-binh-xa-hoi", "Sở Lao động - Thương binh và Xã hội"),
    ("so-nong-nghiep-phat-trien-nong-thon", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("so-tai-nguyen-moi-truong", "Sở Tài nguyên và Môi trường"),
    ("so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư"),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ"),
    ("so-thong-tin-truyen-thong", "Sở TT&TT"),
    ("so-ke-hoach-dau-tu", "Sở KH&ĐT"),
    ("so-giao-duc-dao-tao", "Sở GD&ĐT"),
]
OTHERS = [
    ("ban-tuyen-giao-tinh-uy", "Ban Tuyên giáo Tỉnh ủy"),
    ("uy-ban-mttq-tinh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("tinh-doan", "Tỉnh đoàn"),
    ("lien-hiep-hoi-khkt-tinh", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"),
    ("dai-phat-thanh-truyen-hinh", "Đài Phát thanh - Truyền hình tỉnh"),
    ("bao-binh-thuan", "Báo Bình Thuận"),
]
DISTRICTS = [
    ("ubnd-thanh-pho-phan-thiet", "UBND thành phố Phan Thiết"),
    ("ubnd-thi-xa-la-gi", "UBND thị xã La Gi"),
    ("ubnd-huyen-tuy-phong", "UBND huyện Tuy Phong"),
    ("ubnd-huyen-bac-binh", "UBND huyện Bắc Bình"),
    ("ubnd-huyen-ham-thuan-bac", "UBND huyện Hàm Thuận Bắc"),
    ("ubnd-huyen-ham-thuan-nam", "UBND huyện Hàm Thuận Nam"),
    ("ubnd-huyen-ham-tan", "UBND huyện Hàm Tân"),
    ("ubnd-huyen-tanh-linh", "UBND huyện Tánh Linh"),
    ("ubnd-huyen-duc-linh", "UBND huyện Đức Linh"),
    ("ubnd-huyen-phu-quy", "UBND huyện Phú Quý"),
]
BOSSES = [
    ("ubnd-tinh", "UBND tỉnh"),
    ("ubnd-tinh", "Ủy ban nhân dân tỉnh"),
    ("chu-tich-ubnd-tinh", "Chủ tịch UBND tỉnh"),
    ("tinh-uy", "Tỉnh ủy"),
]
GROUPS = [
    ("cac-so-nganh-dia-phuong", "Các sở, ngành, địa phương"),
    ("cac-so-ban-nganh-doan-the-dia-phuong", "Các sở, ban, ngành, đoàn thể và địa phương"),
]
RELATED = ("cac-co-quan-lien-quan", "các cơ quan liên quan")

# Made-up legal documents: (type, number pattern, issuer, citation word).
DOCUMENT_KINDS = [
    ("quyet-dinh", "{n}/QĐ-UBND", "Ủy ban nhân dân tỉnh Bình Thuận", "Quyết định"),
    ("quyet-dinh", "{n}/QĐ-TTg", "Thủ tướng Chính phủ", "Quyết định"),
    ("nghi-quyet", "{n}-NQ/TU", "Ban Chấp hành Đảng bộ tỉnh Bình Thuận", "Nghị quyết"),
    ("nghi-quyet", "{n}/NQ-HĐND", "Hội đồng nhân dân tỉnh Bình Thuận", "Nghị quyết"),
    ("nghi-quyet", "{n}/NQ-CP", "Chính phủ", "Nghị quyết"),
    ("chi-thi", "{n}/CT-TTg", "Thủ tướng Chính phủ", "Chỉ thị"),
    ("chi-thi", "{n}-CT/TU", "Ban Thường vụ Tỉnh ủy Bình Thuận", "Chỉ thị"),
    ("nghi-dinh", "{n}/{year}/NĐ-CP", "Chính phủ", "Nghị định"),
    ("thong-tu", "{n}/{year}/TT-BTC", "Bộ Tài chính", "Thông tư"),
    ("ke-hoach", "{n}-KH/TU", "Tỉnh ủy Bình Thuận", "Kế hoạch"),
    ("chuong-trinh-hanh-dong", "{n}/CTr-UBND", "Ủy ban nhân dân tỉnh Bình Thuận", "Chương trình hành động"),
]
SIGNERS = ["Nguyễn Văn Phong", "Đặng Hồng Sỹ", "Phan Văn Đăng", "Lê Tuấn Phong", "Nguyễn Hồng Hải", "Đoàn Anh Dũng"]


class _Writer:
    """Composes plans and the documents they cite from one random stream (so the output is fixed)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.documents: list[dict[str, Any]] = []
        self._numbers: set[str] = set()

    # ------------------------------------------------------------------------------ documents ---

    def document(self, year: int, field_name: str) -> tuple[str, str]:
        """A new legal document about ``field_name``; returns (id, how the text cites it)."""
        rng = self.rng
        while True:
            kind, pattern, issuer, word = rng.choice(DOCUMENT_KINDS)
            number = pattern.format(n=rng.randint(2, 3999), year=year)
            if number not in self._numbers:
                break
        self._numbers.add(number)
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        doc_id = _slug(f"{kind}-{number}-{year}")
        self.documents.append(
            {
                "id": doc_id,
                "type": kind,
                "number": number,
                "date": f"{day:02d}/{month:02d}/{year}",
                "issuer": issuer,
                "title": f"Về {rng.choice(('đẩy mạnh', 'tăng cường', 'nâng cao hiệu quả', 'triển khai'))} {field_name}",
                "verification": "chua-xac-minh",
                "verification_note": "Văn bản giả lập để đo hiệu năng; không có thật.",
            }
        )
        return doc_id, f"{word} số {number} ngày {day}/{month}/{year} của {issuer}"

    # ---------------------------------------------------------------------------------- plans ---

    def plan(self, index: int, size: int) -> dict[str, Any]:
        """A plan of exactly ``size`` numbered clauses (sections and their items), with an opening and
        a closing paragraph, which are not numbered."""
        rng = self.rng
        field_name, words = rng.choice(FIELDS)
        year = rng.randint(2021, 2024)
        implemented_id, implemented = self.document(year - rng.randint(0, 1), field_name)
        local_docs = [self.document(year - rng.randint(0, 2), field_name) for _ in range(rng.randint(1, 3))]
        self.context = _Context(field_name, words, year, local_docs)

        # Numbered frame: I + II + III = 3; I gets 2-3 items, III 3-10, II the rest in sub-sections.
        body = size - 3
        goals = min(rng.randint(2, 3), body)
        duties = min(rng.randint(3, 10), body - goals)
        rest = body - goals - duties
        subsections = self._split(rest)
        if not subsections and rest:  # 1 clause left: one more duty
            duties += rest
        sections = [
            {"number": "I", "title": "MỤC ĐÍCH, YÊU CẦU", "items": [self.goal(str(n)) for n in range(1, goals + 1)]},
        ]
        if subsections:
            sections.append(
                {
                    "number": "II",
                    "title": "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
                    "items": [self.subsection(n, count) for n, count in enumerate(subsections, 1)],
                }
            )
        sections.append(
            {
                "number": "III" if subsections else "II",
                "title": "TỔ CHỨC THỰC HIỆN",
                "items": [self.duty(str(n)) for n in range(1, duties + 1)],
            }
        )
        if not subsections:  # keep the count: an empty II would be one clause short
            sections[0]["items"].append(self.goal(str(goals + 1)))
        plan_id = f"{year}-{_slug(field_name)}-{index:04d}"
        number = f"{rng.randint(100, 4999)}/KH-UBND"
        plan: dict[str, Any] = {
            "id": plan_id,
            "type": "ke-hoach",
            "number": number,
            "date": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
            "issuer": {"agency": "ubnd-tinh"},
            "title": f"Triển khai thực hiện {implemented} về {field_name} trên địa bàn tỉnh",
            "implements": [implemented_id],
            "opening": {
                "text": f"Căn cứ {implemented}; Ủy ban nhân dân tỉnh ban hành Kế hoạch {field_name} "
                f"giai đoạn {year} - {year + 4}, cụ thể như sau:",
                "basis": [implemented_id],
            },
            "sections": sections,
            "closing": {
                "text": "Trong quá trình triển khai thực hiện nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, "
                f"địa phương phản ánh về {self.context.coordinator[1]} để tổng hợp, báo cáo UBND tỉnh xem xét, "
                "chỉ đạo./.",
                "roles": {"thuc-hien": [self.context.coordinator[0]], "nhan-bao-cao": ["ubnd-tinh"]},
            },
            "recipients": ["Như trên;", "Thường trực Tỉnh ủy;", "Lưu: VT."],
            "signer": {"authority": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": rng.choice(SIGNERS)},
            "source": {"note": "Kế hoạch giả lập để đo hiệu năng; không phải văn bản thật."},
        }
        return plan

    def _split(self, count: int) -> list[int]:
        """Sub-section sizes (a heading + 2..7 items each) adding up to ``count``; [] if count < 3."""
        sizes = []
        while count >= 3:
            size = self.rng.randint(3, 8)
            if count - size < 3:
                size = count if count <= 9 else count - 3
            sizes.append(size)
            count -= size
        if count and sizes:
            sizes[-1] += count
        return sizes

    def subsection(self, number: int, count: int) -> dict[str, Any]:
        items = [self.task(f"{number}.{n}") for n in range(1, count)]
        return {"number": str(number), "title": self.rng.choice(SUBSECTION_TITLES), "items": items}

    # -------------------------------------------------------------------------------- clauses ---

    def goal(self, number: str) -> dict[str, Any]:
        """A clause of "Mục đích, yêu cầu": no actor."""
        c, rng = self.context, self.rng
        parts = [
            f"{rng.choice(GOAL_OPENINGS)} {c.field}, trọng tâm là {rng.choice(c.words)} và {rng.choice(c.words)}",
            rng.choice(PURPOSES),
            rng.choice(TARGETS),
        ]
        return {"number": number, "text": self._fill(parts, c)}

    def task(self, number: str) -> dict[str, Any]:
        """A clause of "Nhiệm vụ, giải pháp": an actor with partners, or a group, or none; maybe a citation."""
        rng = self.rng
        shape = rng.random()
        if shape < 0.45:
            return {"number": number, **self._lead_clause()}
        if shape < 0.65:
            return {"number": number, **self._advise_clause()}
        if shape < 0.8:
            return {"number": number, **self._group_clause()}
        return {"number": number, **self._plain_clause()}

    def duty(self, number: str) -> dict[str, Any]:
        """A clause of "Tổ chức thực hiện": titled with the agency, the text starts with its duty."""
        c, rng = self.context, self.rng
        agency_id, name = rng.choice(SO + OTHERS + DISTRICTS[:3])
        partners = self._partners(exclude={agency_id})
        boss_id, boss = rng.choice(BOSSES)
        deadline = self._deadline()
        parts = [
            f"Chủ trì, phối hợp với {_names(partners)} {rng.choice(ACTIONS)} {rng.choice(c.words)}",
            rng.choice(PURPOSES),
            f"tổng hợp kết quả, báo cáo {boss} {deadline}",
        ]
        clause: dict[str, Any] = {
            "number": number,
            "title": name,
            "text": self._fill(parts, c),
            "roles": {"chu-tri": [agency_id], "phoi-hop": _ids(partners), "nhan-bao-cao": [boss_id]},
            "deadline": {"text": deadline},
        }
        return clause

    def _lead_clause(self) -> dict[str, Any]:
        c, rng = self.context, self.rng
        lead_id, lead = rng.choice(SO + OTHERS)
        partners = self._partners(exclude={lead_id})
        deadline = self._deadline()
        parts = [
            f"{lead} chủ trì, phối hợp với {_names(partners)} {rng.choice(ACTIONS)} {rng.choice(c.words)}",
            rng.choice(PURPOSES),
            f"thời gian thực hiện: {deadline}",
        ]
        clause: dict[str, Any] = {
            "text": self._fill(parts, c, cite=True),
            "roles": {"chu-tri": [lead_id], "phoi-hop": _ids(partners)},
            "deadline": {"text": deadline},
        }
        return self._with_basis(clause)

    def _advise_clause(self) -> dict[str, Any]:
        c, rng = self.context, self.rng
        lead_id, lead = rng.choice(SO)
        partner_id, partner = rng.choice([a for a in SO + OTHERS if a[0] != lead_id])
        boss_id, boss = rng.choice(BOSSES)
        parts = [
            f"{lead} phối hợp {partner} tham mưu {boss} {rng.choice(ACTIONS)} {rng.choice(c.words)}",
            rng.choice(PURPOSES),
        ]
        clause = {
            "text": self._fill(parts, c, cite=True),
            "roles": {"thuc-hien": [lead_id], "phoi-hop": [partner_id], "duoc-tham-muu": [boss_id]},
        }
        return self._with_basis(clause)

    def _group_clause(self) -> dict[str, Any]:
        c, rng = self.context, self.rng
        group_id, group = rng.choice(GROUPS)
        parts = [
            f"{group} theo chức năng, nhiệm vụ được giao {rng.choice(ACTIONS)} {rng.choice(c.words)}",
            rng.choice(PURPOSES),
            f"định kỳ báo cáo kết quả về {c.coordinator[1]}",
        ]
        return {
            "text": self._fill(parts, c),
            "roles": {"thuc-hien": [group_id]},
        }

    def _plain_clause(self) -> dict[str, Any]:
        c, rng = self.context, self.rng
        parts = [
            f"{rng.choice(ACTIONS).capitalize()} {rng.choice(c.words)} gắn với {rng.choice(c.words)}",
            rng.choice(PURPOSES),
            rng.choice(TARGETS),
        ]
        return self._with_basis({"text": self._fill(parts, c, cite=True)})

    # -------------------------------------------------------------------------------- helpers ---

    def _partners(self, exclude: set[str]) -> list[tuple[str, str]]:
        rng = self.rng
        pool = [a for a in SO + OTHERS + DISTRICTS if a[0] not in exclude]
        chosen: dict[str, tuple[str, str]] = {}
        for agency in rng.sample(pool, rng.randint(1, 3)):
            chosen.setdefault(agency[0], agency)
        partners = list(chosen.values())
        if rng.random() < 0.5:
            partners.append(RELATED)
        return partners

    def _deadline(self) -> str:
        return self.rng.choice(DEADLINES).format(year=self.context.year + self.rng.randint(0, 2))

    def _with_basis(self, clause: dict[str, Any]) -> dict[str, Any]:
        cited = self.context.cited
        if cited:
            clause["basis"] = [cited]
            self.context.cited = None
        return clause

    def _fill(self, parts: list[str], c: _Context, cite: bool = False) -> str:
        """Join ``parts`` (kept whole: they carry the actors and the deadline) into one sentence of
        MIN_TEXT..MAX_TEXT characters, adding follow-up phrases that fit."""
        rng = self.rng
        if cite and rng.random() < 0.4:
            doc_id, citation = rng.choice(c.documents)
            parts = [*parts[:1], f"theo đúng tinh thần {citation}", *parts[1:]]
            c.cited = doc_id
        text = "; ".join(parts)
        for extra in rng.sample(FOLLOWUPS, len(FOLLOWUPS)):
            if len(text) >= MIN_TEXT:
                break
            if len(text) + len(extra) + 3 <= MAX_TEXT:
                text += "; " + extra
        return text[0].upper() + text[1:] + "."


class _Context:
    """What one plan's clauses share: its field, its words, its year, the documents it cites."""

    def __init__(self, field_name: str, words: list[str], year: int, documents: list[tuple[str, str]]) -> None:
        self.field = field_name
        self.words = words
        self.year = year
        self.documents = documents
        self.cited: str | None = None
        #: the department the closing names as the one collecting difficulties
        self.coordinator = SO[sum(map(ord, field_name)) % 9]


def _names(agencies: list[tuple[str, str]]) -> str:
    names = [name for _, name in agencies]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def _ids(agencies: list[tuple[str, str]]) -> list[str]:
    return [agency_id for agency_id, _ in agencies]


def _slug(text: str) -> str:
    return slugify(text)
