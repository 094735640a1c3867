"""The report's stylesheet and script, written here (no library, nothing fetched).

The script gives every `div.kh-table` a search box, column filters, sorting and
pages (50 rows each, so a table of 30 000 citations stays quick); the rows come
from a JSON `<script>` block of the page. Search folds both sides the same way
(NFD, combining marks removed, đ → d, lower case), so "chuyen doi so" finds
"Chuyển đổi số". On a plan page it adds the tooltips of marked items and a
find-in-text box that folds the same way.
"""

CSS = r"""
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#f6f7f9;--acc:#2457c5}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 "Liberation Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#1f3a66;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:baseline;flex-wrap:wrap}
header.top a{color:#fff}header.top h1{font-size:1.2em;margin:0}
main{padding:1em 1.2em;max-width:1500px;margin:auto}
section.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.8em 1em;margin:0 0 1em}
h2{font-size:1.1em;margin:.2em 0 .6em}
.stats{display:flex;gap:1em;flex-wrap:wrap}.stat{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5em 1em}
.stat b{display:block;font-size:1.5em}
.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{margin:0}.chart figcaption{font-weight:bold;margin:.2em 0}
.chart rect{fill:#4a78d0}.chart text{font-size:12px;fill:var(--fg)}.chart a:hover rect{fill:#1f3a66}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border-bottom:1px solid var(--line);padding:.3em .45em;text-align:left;vertical-align:top}
th{background:#eef1f6;cursor:pointer;user-select:none;white-space:nowrap}
th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
.tools{display:flex;gap:.6em;flex-wrap:wrap;align-items:center;margin:.3em 0 .5em}
.tools input[type=search]{min-width:18em;padding:.3em .5em}
.pager button{margin:0 .15em}.count{color:var(--muted)}
.issue{color:#b00020;font-weight:bold}
.plan{display:grid;grid-template-columns:minmax(0,3fr) minmax(320px,2fr);gap:1em}
.text pre{white-space:pre-wrap;word-wrap:break-word;font:15px/2.1 "Liberation Serif","Times New Roman",serif;margin:0}
.side{position:sticky;top:.5em;max-height:calc(100vh - 1em);overflow:auto}
.side dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em .8em;margin:0}.side dt{color:var(--muted)}
.side ul{padding-left:1.2em;margin:.2em 0}
mark.ent{padding:.15em .35em;border-radius:.35em;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.ent>.lbl{font:bold 9px/1 "Liberation Sans",Arial,sans-serif;text-transform:uppercase;margin-left:.35em;
vertical-align:middle;opacity:.75}
mark.cit{background:#ffe99a;cursor:help}mark.cit.flagged{background:#ffc2c2;outline:1px solid #d33}
mark.dl{background:#f5c6f0}
mark.u-lead{background:#b8efc4}mark.u-cooperate{background:#bfe8f0}mark.u-report_to{background:#ddd0ff}
mark.u-recipient{background:#e4e4e4}mark.u-requested{background:#ffd9b0}mark.u-issuer{background:#c9dcff}
mark.ent:target,a.anchor:target+mark,mark.hit{outline:3px solid var(--acc)}
a.anchor{scroll-margin-top:30vh}mark.ent{scroll-margin-top:30vh}
.legend mark{font-size:.85em}
#tip{position:absolute;z-index:10;display:none;background:#fff;border:1px solid #888;border-radius:4px;box-shadow:0 2px 8px #0003;
 padding:.4em .6em;font-size:.85em;max-width:28em}
#tip table{width:auto}#tip td{border:0;padding:.05em .4em}
.find{display:flex;gap:.4em;align-items:center;margin-bottom:.5em}
::highlight(kh-find){background-color:#9fd3ff}::highlight(kh-find-at){background-color:#ff9f43}
.graph svg{max-width:100%;height:auto}.graph .pn circle{fill:#4a78d0}.graph .dn circle{fill:#e0a000}
.graph .dn{cursor:pointer}.graph line{stroke:#9aa7c0;stroke-width:1}.graph text{font-size:11px}
.graph .sel circle{stroke:#b00020;stroke-width:3}
.muted{color:var(--muted)}
"""

JS = r"""
(function () {
  'use strict';
  function fold(s) {
    return String(s == null ? '' : s).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u0111\u0110]/g, 'd').toLowerCase();
  }
  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"]/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c];
    });
  }
  function cellText(v) { return v == null ? '' : String(v); }

  function Table(root) {
    var cfg = JSON.parse(document.getElementById(root.dataset.src).textContent);
    var cols = cfg.columns, all = cfg.rows, size = +(root.dataset.page || 50);
    var self = this, view = all, page = 0, sortKey = null, sortDir = 1, query = '', filters = {};
    all.forEach(function (r) { r._s = fold(cols.map(function (c) { return cellText(r[c.k]); }).join(' \u0001 ')); });
    var tools = document.createElement('div'); tools.className = 'tools';
    var box = document.createElement('input'); box.type = 'search'; box.className = 'search';
    box.placeholder = 'Tìm (có dấu hoặc không dấu) / search'; box.setAttribute('aria-label', 'search');
    tools.appendChild(box);
    cols.forEach(function (c) {
      if (!c.f) return;
      var vals = {};
      all.forEach(function (r) { cellText(r[c.k]).split(';').forEach(function (v) { if (v) vals[v] = 1; }); });
      var sel = document.createElement('select'); sel.dataset.key = c.k; sel.className = 'filter';
      sel.setAttribute('aria-label', c.t);
      sel.innerHTML = '<option value="">' + esc(c.t) + ': all</option>' + Object.keys(vals).sort().map(function (v) {
        return '<option>' + esc(v) + '</option>'; }).join('');
      sel.addEventListener('change', function () { filters[c.k] = sel.value; page = 0; update(); });
      tools.appendChild(sel);
    });
    var count = document.createElement('span'); count.className = 'count'; tools.appendChild(count);
    var pager = document.createElement('span'); pager.className = 'pager';
    pager.innerHTML = '<button type="button" class="prev">‹ prev</button><span class="pageno"></span>' +
      '<button type="button" class="next">next ›</button>';
    tools.appendChild(pager);
    var table = document.createElement('table');
    table.innerHTML = '<thead><tr>' + cols.map(function (c) {
      return '<th data-key="' + esc(c.k) + '">' + esc(c.t) + '</th>'; }).join('') + '</tr></thead><tbody></tbody>';
    root.appendChild(tools); root.appendChild(table);
    var tbody = table.tBodies[0];
    box.addEventListener('input', function () { query = fold(box.value.trim()); page = 0; update(); });
    pager.querySelector('.prev').addEventListener('click', function () { if (page > 0) { page--; render(); } });
    pager.querySelector('.next').addEventListener('click', function () {
      if ((page + 1) * size < view.length) { page++; render(); } });
    table.tHead.addEventListener('click', function (e) {
      var th = e.target.closest('th'); if (!th) return;
      sortDir = sortKey === th.dataset.key ? -sortDir : 1; sortKey = th.dataset.key;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (x) { x.className = ''; });
      th.className = sortDir > 0 ? 'asc' : 'desc'; update();
    });
    function update() {
      var words = query ? query.split(/\s+/) : [];
      view = all.filter(function (r) {
        for (var k in filters) {
          if (filters[k] && cellText(r[k]).split(';').indexOf(filters[k]) < 0) return false;
        }
        return words.every(function (w) { return r._s.indexOf(w) >= 0; });
      });
      if (sortKey) {
        var num = cols.some(function (c) { return c.k === sortKey && c.n; });
        view = view.slice().sort(function (a, b) {
          var x = a[sortKey], y = b[sortKey];
          if (x == null || x === '') return 1; if (y == null || y === '') return -1;
          return sortDir * (num ? x - y : String(x).localeCompare(String(y), 'vi'));
        });
      }
      render();
    }
    function cell(c, r) {
      var v = esc(cellText(r[c.k]));
      if (c.cut && v.length > c.cut) v = v.slice(0, c.cut) + '…';
      if (c.cls) v = '<span class="' + c.cls + '">' + v + '</span>';
      return '<td>' + (c.h && r[c.h] ? '<a href="' + esc(r[c.h]) + '">' + (v || '(open)') + '</a>' : v) + '</td>';
    }
    function render() {
      var n = view.length, pages = Math.max(1, Math.ceil(n / size));
      if (page >= pages) page = pages - 1;
      tbody.innerHTML = view.slice(page * size, (page + 1) * size).map(function (r) {
        return '<tr>' + cols.map(function (c) { return cell(c, r); }).join('') + '</tr>'; }).join('');
      count.textContent = n + (n === all.length ? ' rows' : ' of ' + all.length + ' rows');
      count.dataset.total = n;
      pager.querySelector('.pageno').textContent = ' page ' + (page + 1) + ' / ' + pages + ' ';
    }
    this.search = function (q) { box.value = q; query = fold(q); page = 0; update(); };
    this.filter = function (k, v) {
      filters[k] = v; var s = tools.querySelector('select[data-key="' + k + '"]'); if (s) s.value = v;
      page = 0; update();
    };
    update();
  }

  function tooltips() {
    var tip = document.getElementById('tip'); if (!tip) return;
    function show(e) {
      var m = e.target.closest('mark[data-tip]'); if (!m) return;
      var f = JSON.parse(m.dataset.tip);
      tip.innerHTML = '<table>' + Object.keys(f).map(function (k) {
        return '<tr><td class="muted">' + esc(k) + '</td><td>' + esc(f[k]) + '</td></tr>'; }).join('') + '</table>';
      var r = m.getBoundingClientRect();
      tip.style.left = (window.scrollX + r.left) + 'px'; tip.style.top = (window.scrollY + r.bottom + 4) + 'px';
      tip.style.display = 'block';
    }
    function hide(e) { if (e.target.closest && e.target.closest('mark[data-tip]')) tip.style.display = 'none'; }
    document.addEventListener('mouseover', show); document.addEventListener('focusin', show);
    document.addEventListener('mouseout', hide); document.addEventListener('focusout', hide);
  }

  function findInText() {
    var box = document.getElementById('find'), pre = document.querySelector('.text pre');
    if (!box || !pre) return;
    var out = document.getElementById('find-count'), nodes = [], folded = '', map = [], hits = [], at = -1;
    var w = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) {
      var node = w.currentNode;
      if (node.parentNode.classList.contains('lbl')) continue;
      var s = node.nodeValue;
      for (var i = 0; i < s.length; i++) {
        var f = fold(s[i]);
        for (var j = 0; j < f.length; j++) { folded += f[j]; map.push([node, i]); }
      }
    }
    function rangeOf(h) {
      var a = map[h[0]], b = map[h[1] - 1], range = document.createRange();
      range.setStart(a[0], a[1]); range.setEnd(b[0], b[1] + 1);
      return range;
    }
    function paint() {  // every hit marked without moving the focus away from the box
      if (!window.CSS || !CSS.highlights || typeof Highlight === 'undefined') return;
      CSS.highlights.set('kh-find', new Highlight(...hits.map(rangeOf)));
      if (at >= 0) CSS.highlights.set('kh-find-at', new Highlight(rangeOf(hits[at])));
    }
    function select(k) {
      if (!hits.length) return;
      at = (k + hits.length) % hits.length;
      paint();
      map[hits[at][0]][0].parentNode.scrollIntoView({block: 'center'});
      out.textContent = (at + 1) + ' / ' + hits.length;
    }
    box.addEventListener('input', function () {
      var q = fold(box.value.trim()).replace(/\s+/g, ' '); hits = []; at = -1;
      if (q) for (var i = folded.indexOf(q); i >= 0; i = folded.indexOf(q, i + 1)) hits.push([i, i + q.length]);
      out.textContent = q ? hits.length + ' found' : ''; out.dataset.total = hits.length;
      if (hits.length) select(0); else paint();
      if (hits.length) out.textContent = hits.length + ' found';
    });
    document.getElementById('find-next').addEventListener('click', function () { select(at + 1); });
  }

  function graph() {
    document.querySelectorAll('.graph .dn').forEach(function (g) {
      g.addEventListener('click', function () {
        document.querySelectorAll('.graph .sel').forEach(function (x) { x.classList.remove('sel'); });
        g.classList.add('sel');
        var t = KH.tables.cits; if (t) { t.search(g.dataset.key); document.getElementById('all').scrollIntoView(); }
      });
    });
  }

  window.KH = {fold: fold, tables: {}};
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('div.kh-table').forEach(function (el) { KH.tables[el.id] = new Table(el); });
    tooltips(); findInText(); graph();
    function fromHash() {
      var m = /[?&#]q=([^&]*)/.exec(location.hash);
      if (m && KH.tables.plans) {
        KH.tables.plans.search(decodeURIComponent(m[1]));
        document.getElementById('plans').scrollIntoView();
      }
    }
    fromHash(); window.addEventListener('hashchange', fromHash);
  });
})();
"""
