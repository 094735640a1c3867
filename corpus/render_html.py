"""A provincial portal's page around a rendered plan (helper of `render.py`).

The page has what the HTML reader must see through: a header with the menu,
a breadcrumb, a sidebar of links, print/view-count lines at the end of the
article, a feedback form ("Phản hồi", "Thông tin người gửi phản hồi") and a
"Các tin khác" list of invented headlines. That list sits in a neutral
`div.box-list`, so it is the reader's choice of article root, not a class
name, that leaves it out.
"""
from __future__ import annotations

import html
import re
from typing import Any

from extractor.ingest.html_chrome import is_chrome_line, is_menu_line, starts_numbered

MENU = (("/", "Trang chủ"), ("/tin-tuc", "Tin tức"), ("/thong-tin-chung", "Thông tin chung"))
HEADLINES = (
    "Hội nghị tổng kết công tác cải cách hành chính năm trước",
    "Triển khai chuyển đổi số trong tiếp nhận hồ sơ một cửa",
    "Tập huấn kỹ năng sử dụng dịch vụ công trực tuyến cho cán bộ cơ sở",
    "Công bố chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính",
    "Kiểm tra công vụ tại các đơn vị trực thuộc quý I",
    "Phát động phong trào thi đua đổi mới sáng tạo trong thực thi công vụ",
    "Hướng dẫn thanh toán phí, lệ phí trực tuyến qua Cổng Dịch vụ công quốc gia",
    "Tuyên dương tập thể, cá nhân có sáng kiến cải cách hành chính",
)
SIDEBAR = ("Cổng Dịch vụ công quốc gia", "Văn bản chỉ đạo điều hành", "Lịch công tác", "Hỏi đáp trực tuyến",
           "Thủ tục hành chính")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def split_chrome(paras: list[Any]) -> tuple[list[str], list[Any], list[str]]:
    """A scraped page's leading menu line and trailing portal lines, apart from the plan."""
    lead: list[str] = []
    trail: list[str] = []
    body = list(paras)
    while body and body[0].block.table is None and is_menu_line(body[0].block.text):
        lead.append(body.pop(0).block.text)
    while body and body[-1].block.table is None and is_chrome_line(body[-1].block.text):
        trail.insert(0, body.pop().block.text)
    return lead, body, trail


def _menu_links(line: str) -> list[str]:
    """ "Trang chủTin tứcThông tin chung" → its link texts."""
    parts, start = [], 0
    for i in range(1, len(line)):
        if line[i - 1].islower() and line[i].isupper():
            parts.append(line[start:i])
            start = i
    parts.append(line[start:])
    return parts


def _inline(runs: list[tuple[str, bool, bool]], bold: bool, italic: bool) -> str:
    parts = []
    for text, b, i in runs:
        h = esc(text).replace("\n", "<br>\n")
        if i and not italic:
            h = f"<em>{h}</em>"
        if b and not bold:
            h = f"<strong>{h}</strong>"
        parts.append(h)
    h = "".join(parts)
    if italic:
        h = f"<em>{h}</em>"
    if bold:
        h = f"<strong>{h}</strong>"
    return h


def _bullet_runs(p: Any) -> list[tuple[str, bool, bool]] | None:
    """The runs of a "- " item without its dash, if the reader will add the dash back."""
    t = p.block.text
    if p.block.kind != "list_item" or not t.startswith("- ") or starts_numbered(t[2:]) or p.outline:
        return None
    text, b, i = p.runs[0]
    if not text.startswith("- "):
        return None
    return [(text[2:], b, i)] + p.runs[1:]


def _table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    out = ['<table border="1" cellspacing="0" cellpadding="4" class="table-phu-luc">']
    for ri, row in enumerate(rows):
        tag = "th" if ri == 0 else "td"
        if ri == 0:
            out.append("<thead>")
        elif ri == 1:
            out.append("<tbody>")
        merge = ri > 0 and width > 2 and row[1] and not any(row[2:])
        cells = row[:2] if merge else row
        html_cells = []
        for ci, text in enumerate(cells):
            lines = text.split("\n")
            inner = "".join(f"<p>{esc(x)}</p>" for x in lines) if len(lines) > 1 else esc(text)
            span = f' colspan="{width - 1}"' if merge and ci == 1 else ""
            html_cells.append(f"<{tag}{span}>{inner}</{tag}>")
        out.append("<tr>" + "".join(html_cells) + "</tr>")
        if ri == 0:
            out.append("</thead>")
    out.append("</tbody></table>" if len(rows) > 1 else "</table>")
    return "\n".join(out)


def article_html(paras: list[Any]) -> str:
    """The plan itself: <p> per paragraph, <strong> bold lines, <ul> lists, <table> appendix."""
    out: list[str] = []
    news_title = bool(paras) and not any(p.block.text.startswith("Số:") for p in paras[:3])
    in_list = False
    for k, p in enumerate(paras):
        bullet = _bullet_runs(p) if p.block.table is None else None
        if in_list and bullet is None:
            out.append("</ul>")
            in_list = False
        if p.block.table is not None:
            out.append(_table(p.block.table.texts()))
            continue
        if bullet is not None:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(bullet, p.bold, p.italic)}</li>")
            continue
        runs = p.runs if not p.outline else [(p.outline[2], False, False)] + p.runs
        if k == 0 and news_title:
            out.append(f"<h1 class=\"title\">{_inline(runs, False, False)}</h1>")
            continue
        style = {"center": ' style="text-align:center"', "right": ' style="text-align:right"'}.get(p.align, "")
        out.append(f"<p{style}>{_inline(runs, p.bold, p.italic)}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def render_html(paras: list[Any], title: str, issuer: str, index: int) -> str:
    """The whole page; `index` varies the invented parts so pages are not identical."""
    lead, body, trail = split_chrome(paras)
    links = "".join(f'<li><a href="{href}">{esc(t)}</a></li>' for href, t in MENU)
    if lead:  # the seed's own menu line, run together as it was scraped
        crumbs = "".join(f'<a href="#">{esc(t)}</a>' for line in lead for t in _menu_links(line))
    else:
        crumbs = " › ".join(f'<a href="{href}">{esc(t)}</a>' for href, t in MENU)
    news = "\n".join(
        f'<li><a href="/tin-tuc/tin-{index}-{n}.html">{esc(HEADLINES[(index + n) % len(HEADLINES)])}</a> '
        f'<span class="date">({10 + n:02d}/0{1 + index % 9}/2024)</span></li>'
        for n in range(5)
    )
    extra = [t for t in trail if re.sub(r"\W", "", t.lower()) not in {"phảnhồi", "thôngtinngườigửiphảnhồi", "cáctinkhác"}]
    tools = f'<div class="share-tools">{"".join(f"<span>{esc(t)}</span>" for t in extra)}</div>\n' if extra else ""
    side = "".join(f'<li><a href="/lien-ket/{n}">{esc(t)}</a></li>' for n, t in enumerate(SIDEBAR))
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{esc(title)} - Cổng thông tin điện tử {esc(issuer)}</title>
<link rel="stylesheet" href="/css/portal.css">
<style>body{{font-family:Arial,sans-serif}} .sidebar{{float:right;width:25%}}</style>
<script>window.dataLayer = window.dataLayer || []; function print_page(){{window.print();}}</script>
</head>
<body>
<header class="site-header">
<div class="logo"><a href="/">CỔNG THÔNG TIN ĐIỆN TỬ<br>{esc(issuer.upper())}</a></div>
<nav class="main-menu"><ul>{links}</ul></nav>
</header>
<div class="breadcrumb">{crumbs}</div>
<div class="page-body">
<div class="main-column">
<article class="news-detail">
{article_html(body)}
<p class="print"><a href="javascript:print_page()">In trang</a></p>
<p class="views">Lượt xem: {1000 + 37 * index}</p>
</article>
{tools}<div class="box-comment">
<h3>Phản hồi</h3>
<form action="/gui-phan-hoi" method="post">
<h4>Thông tin người gửi phản hồi</h4>
<label>Họ và tên</label> <input name="name"> <label>Email</label> <input name="email">
<label>Nội dung</label> <textarea name="body"></textarea>
<button type="submit">Gửi phản hồi</button>
</form>
</div>
<div class="box-list">
<h3>Các tin khác</h3>
<ul>
{news}
</ul>
</div>
</div>
<aside class="sidebar">
<h3>Liên kết website</h3>
<ul>{side}</ul>
<div class="counter">Số lượt truy cập: {123456 + index}</div>
</aside>
</div>
<footer class="site-footer">
<p>Bản quyền thuộc {esc(issuer)}. Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p>
<p>Địa chỉ: số 1 đường Trung tâm hành chính. Điện thoại: 0254 3800 000.</p>
</footer>
</body>
</html>
"""
