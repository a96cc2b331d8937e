"""Synthetic Vietnamese articles as JSON Lines, for tests that need a few hundred of them.

The sentences are written for these tests (not taken from any corpus); titles are unique by
construction, so every record becomes its own page.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

PLACES = [
    "Hoàn Kiếm",
    "Ba Đình",
    "Đống Đa",
    "Cầu Giấy",
    "Hai Bà Trưng",
    "Long Biên",
    "Tây Hồ",
    "Thanh Xuân",
    "Hà Đông",
    "Sóc Sơn",
    "Đông Anh",
    "Gia Lâm",
]
ACTIONS = [
    "tăng cường tuần tra đêm tại các tuyến phố chính",
    "tuyên truyền phòng cháy, chữa cháy cho hộ kinh doanh",
    "xử lý xe quá tải trên đê",
    "hướng dẫn người dân đăng ký tạm trú trực tuyến",
    "cảnh báo thủ đoạn giả danh cán bộ gọi điện",
    "ra mắt tổ bảo vệ an ninh trật tự cơ sở",
    "kiểm tra cơ sở kinh doanh có điều kiện",
    "trao trả tài sản cho người bị mất trộm",
]
PARAGRAPHS = [
    "Tổ công tác gồm cán bộ, chiến sĩ và lực lượng tham gia bảo vệ an ninh trật tự ở cơ sở.",
    "Đợt ra quân kéo dài trong hai tuần, tập trung vào khung giờ từ 22 giờ đến 2 giờ sáng.",
    "Người dân phát hiện dấu hiệu vi phạm có thể báo qua đường dây nóng hoặc trang phản ánh của cổng.",
    "Đơn vị đã lập biên bản 14 trường hợp, nhắc nhở 37 trường hợp và thu giữ một số tang vật.",
    "Lãnh đạo Công an phường đề nghị các gia đình chủ động khóa cửa, lắp camera và giữ liên lạc với tổ dân phố.",
]
CATEGORIES = ["An ninh trật tự", "Cảnh báo tội phạm"]


def article(number: int) -> dict:
    place = PLACES[number % len(PLACES)]
    action = ACTIONS[(number // len(PLACES)) % len(ACTIONS)]
    first, second = PARAGRAPHS[number % len(PARAGRAPHS)], PARAGRAPHS[(number + 2) % len(PARAGRAPHS)]
    return {
        "id": f"tt-{number:04d}",
        "title": f"Công an {place} {action}, số {number}",
        "sapo": f"Sáng nay, Công an {place} cho biết đơn vị đã {action}.",
        "body": f"{first}\n{second}",
        "published_at": f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}T08:{number % 60:02d}:00+07:00",
        "category": CATEGORIES[number % len(CATEGORIES)],
    }


def write_articles(path: Path, count: int, *, start: int = 1) -> Path:
    """`count` articles into `path` (gzipped when it ends in .gz); returns the path."""
    lines = "".join(json.dumps(article(n), ensure_ascii=False) + "\n" for n in range(start, start + count))
    data = lines.encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path
