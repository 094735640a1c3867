"""Lines of a web page or text dump that belong to the site, not to the plan.

Legal portals and province sites wrap a plan in their own lines: a metadata
table ("Số hiệu | 0155/KH-UBND", "Người ký: …"), counters and stamps ("Lượt xem:
2212", "Thứ năm - 16/04/2020 10:39"), menus, search boxes, font controls, image
captions and file names, attachment lists, a byline at the end. A copy of the
page as text keeps them. These predicates say which lines are such chrome;
readers drop them from the plan's blocks (and keep them aside, with offsets).
"""
from __future__ import annotations

import re

from ..normalize import fold

# key of a portal's metadata table ("Số hiệu | …", "Ngày ban hành: …")
META_KEYS = (
    "số hiệu", "số ký hiệu", "ký hiệu", "loại văn bản", "nơi ban hành", "cơ quan ban hành", "người ký",
    "ngày ban hành", "ngày có hiệu lực", "ngày hiệu lực", "ngày công báo", "số công báo", "lĩnh vực",
    "tình trạng", "tình trạng hiệu lực", "ngày hết hiệu lực", "ngày cập nhật", "cập nhật", "lượt xem",
    "ngày đăng", "ngày xuất bản", "nguồn", "tác giả", "chức danh", "trích yếu", "thời gian ký",
)
_META = re.compile(r"^\|?\s*(?:" + "|".join(META_KEYS) + r")\s*(?:\||:)")
# whole lines a portal prints around every article
_SITE_LINES = {
    "skip to main content", "skip ribbon commands", "tìm kiếm tin tức", "chuyên mục", "tin nổi bật", "các tin khác", "tin khác",
    "xem theo ngày", "tin liên quan", "bài viết liên quan", "tin cùng chuyên mục", "hệ thống pháp luật",
    "ảnh minh họa", "ảnh minh hoạ", "tải về", "tải văn bản", "in trang", "bản in", "chia sẻ", "bình luận",
    "gửi bình luận", "ý kiến bạn đọc", "đang tải nội dung", "đang tải", "văn bản liên quan", "lược đồ",
    "nội dung văn bản", "văn bản gốc", "tệp đính kèm", "tập tin đính kèm", "file đính kèm", "đính kèm",
    "chung nhan tin nhiem mang", "bản đồ hành chính", "đánh giá", "liên kết website", "thống kê truy cập", "về đầu trang",
    "lên đầu trang", "quay lại", "trở về", "trang chủ",
}
_PREFIXES = (
    "để sử dụng toàn bộ tiện ích", "đang tải nội dung", "lượt xem", "lượt đọc", "số lượt xem", "cập nhật:",
    "ngày đăng", "tin và ảnh", "ảnh:", "nguồn:", "a- a a+", "tăng tương phản", "giảm tương phản",
    "cỡ chữ", "in bài", "gửi email", "đăng nhập", "bạn đang xem", "chi tiết kế hoạch", "xem chi tiết",
    "tải file", "xem toàn văn", "tệp đính kèm", "tập tin đính kèm", "file đính kèm", "thống kê:", "trong năm:",
    "trong tháng:", "trong tuần:", "trong ngày:", "online:", "lượt đánh giá", "đang truy cập", "lượt truy cập",
    "tổng lượt truy cập", "xem chi tiết nội dung", "hotline", "đường dây nóng",
)
_WEEKDAY_STAMP = re.compile(r"^(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật)\s*(?:[-,]\s*|\s)(?:ngày\s+)?"
                            r"\d{1,2}/\d{1,2}/\d{4}(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm|sa|ch))?)?"
                            r"(?:\s+\d+)*\s*$")  # view counters after it
_DATE_STAMP = re.compile(r"^\(?\d{1,2}/\d{1,2}/\d{4}(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*:?\s*(?:am|pm|sa|ch)?)?"
                         r"\)?(?:\s*\|.*)?$")
_FILE_NAME = re.compile(r"(?:^|[\s\\/])[^\s\\/]*\.(?:jpe?g|png|gif|bmp|webp|docx?|pdf|xlsx?|rar|zip)$", re.I)
_BYLINE = re.compile(r"(?:^|\s)\(?t/h\)?\.?$|tại đây\W*$", re.I)
_BYLINE_WORDS = re.compile(r"t/h|tại đây", re.I)  # what each alternative of _BYLINE holds
_FILE_EXT_END = re.compile(r"\.(?:jpe?g|png|gif|bmp|webp|docx?|pdf|xlsx?|rar|zip)$", re.I)  # how _FILE_NAME ends
_NO_LETTERS = re.compile(r"^[\W\d_]*$")


def is_meta_line(line: str) -> bool:
    """A row of a portal's metadata table about the document."""
    return bool(_META.match(fold(line.strip())))


def is_chrome(line: str) -> bool:
    """A site line wherever it stands: counters, stamps, captions, controls, file names."""
    t = line.strip()
    if not t:
        return False
    f = fold(t).strip(" •·:|")
    if _NO_LETTERS.match(t) and not re.search(r"\d", t):
        return bool(re.fullmatch(r"[|•·:\s]+", t))  # "• :", "|  |": markup leftovers (rule lines stay)
    if f in _SITE_LINES or f.startswith(_PREFIXES):
        return True
    if _WEEKDAY_STAMP.match(f) or _DATE_STAMP.match(f):
        return True
    if len(t) < 160 and _FILE_EXT_END.search(t, max(0, len(t) - 5)) and _FILE_NAME.search(t):
        return True  # (a file name ends the line: its extension is looked for there first)
    if len(t) < 80 and _BYLINE_WORDS.search(f) and _BYLINE.search(f):
        return True
    if len(t) <= 120 and not re.search(r"[.;:!?,]\s", t) \
            and sum(map(bool.__and__, map(str.islower, t), map(str.isupper, t[1:]))) >= 2:
        return True  # link texts run together: "Trang chủTin tứcThông tin chung" (a lower letter then a capital)
    half = len(f) // 2
    if len(f) < 80 and len(f) % 2 == 1 and f[:half] == f[half + 1:]:  # "Tin nổi bật Tin nổi bật": a doubled label
        return True
    return False


def is_byline(line: str) -> bool:
    """A short name closing a news item ("Doãn Thành"): capitalized words, no punctuation."""
    t = line.strip()
    words = t.split()
    return (1 < len(words) <= 4 and len(t) < 40 and not re.search(r"[\d.,;:()/]", t)
            and all(w[:1].isupper() and not w.isupper() for w in words))


# a list of the site's own before the document ("Văn bản liên quan", "Lược đồ", a table of contents)
_LIST_INTRO = ("văn bản liên quan", "các văn bản liên quan", "văn bản gốc", "lược đồ", "mục lục", "văn bản được hướng dẫn",
               "văn bản hướng dẫn", "văn bản sửa đổi", "văn bản hợp nhất", "nội dung toàn văn", "vb liên quan")
# what the site prints after the article: other news, comments, feedback forms
CUT_MARKERS = {"các tin khác", "tin khác", "tin liên quan", "bài viết liên quan", "tin cùng chuyên mục", "ý kiến bạn đọc",
               "bình luận", "gửi bình luận", "phản hồi", "gửi phản hồi", "thông tin người gửi phản hồi", "xem theo ngày",
               "tin nổi bật", "tin mới", "tin đã đưa", "các bài viết khác"}
_DOC_START = re.compile(r"^(?:ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|CỘNG H[OÒ]À|CỘNG HÒA|ĐẢNG BỘ|ĐẢNG CỘNG SẢN|BỘ |SỞ |TỈNH [ỦU][YỶ]|"
                        r"HUYỆN [ỦU][YỶ]|BAN |KẾ HOẠCH|QUYẾT ĐỊNH)|^Số\s*:")


# a document-sharing site (tailieu.vn and the like) prints its own page — ads, share and download counters,
# a summary — then the file's text layer under "Nội dung Text: <file name>"
_VIEWER_INTRO = ("nội dung text", "nội dung văn bản text")
# an item of a portal's related-documents list, its rank glued to the type: "- 1Nghị định 81/2019/NĐ-CP về …"
_RELATED_ITEM = re.compile(r"^[-•]\s*\d{1,3}\s*(?:Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Chỉ thị"
                           r"|Thông tư(?: liên tịch)?|Kế hoạch|Công văn|Công điện|Thông báo|Hướng dẫn|Chương trình|Kết luận"
                           r"|Văn bản hợp nhất|Quy chế|Quy định|Đề án)\b")


def site_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that are the site's by where they stand: a list of related documents
    between its heading (or, with no heading, its first ranked item) and the document's own
    first line, a document-sharing site's page above "Nội dung Text:", and everything after a
    marker of other news or comments once only short lines follow it."""
    out: set[int] = set()
    head = [i for i, line in enumerate(lines[:60]) if line.strip()][:3]
    if head and any(_RELATED_ITEM.match(lines[i].strip()) for i in head):
        start = next((k for k in range(head[0], min(len(lines), head[0] + 120)) if _DOC_START.match(lines[k].strip())), None)
        if start is not None and all(_RELATED_ITEM.match(x.strip()) or not x.strip() or len(x) < 200
                                     for x in lines[head[0]:start]):
            out.update(range(head[0], start))
    top = [fold(line.strip()) for line in lines[:80]]  # the first lines, folded once for the three scans
    for i, folded in enumerate(top[:60]):
        if folded.rstrip(" :.") in _LIST_INTRO:
            start = next((k for k in range(i + 1, min(len(lines), i + 120)) if _DOC_START.match(lines[k].strip())), None)
            if start is not None:
                out.update(range(i, start))
            break
    for i, folded in enumerate(top):
        if folded.startswith(_VIEWER_INTRO) and any(x.strip() for x in lines[i + 1:]):
            out.update(range(0, i + 1))  # the site's page above the file's own text
            break
    for i, line in enumerate(lines):
        if i > 5 and (top[i] if i < len(top) else fold(line.strip())).rstrip(" :.") in CUT_MARKERS:
            tail = [x for x in lines[i + 1:] if x.strip()]
            if len(tail) <= 80 and all(len(x) < 200 for x in tail):
                out.update(range(i, len(lines)))
            break
    return out
