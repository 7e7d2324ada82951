#!/usr/bin/env python3
"""Synthetic Vietnamese corpus for the site benchmark, in the formats of sotay, Hugo and mdBook.

    python3 benches/gen_corpus.py N OUT_DIR

writes OUT_DIR/sotay, OUT_DIR/hugo and OUT_DIR/mdbook: N pages in sections of 100, the same
Markdown in all three (headings, paragraphs with diacritics, lists, a table, inline links).

Every page carries a sidebar listing all sections and the pages of its own section, with the
current page marked:
- sotay: minimal templates of the bench's own (not the real theme), from the `nav` tree;
- Hugo: the same sidebar in layouts/_default (no partialCached: it differs per page, as in sotay);
- mdBook: SUMMARY.md lists every page; mdBook's sidebar always lists everything, and since
  0.4.41 it is one shared toc.js rather than HTML repeated in each page. Search is disabled so
  that mdBook does the same work as the other two (render Markdown + layout).
Deterministic (fixed seed), so runs are comparable.
"""

import os
import random
import shutil
import sys

WORDS = (
    "giám sát trọng điểm nhiễm HIV hành vi nguy cơ nhóm đối tượng người tiêm chích ma túy "
    "phụ nữ bán dâm nam quan hệ tình dục đồng giới bệnh lây truyền qua đường tình dục "
    "xét nghiệm mẫu huyết thanh tỉnh huyện xã trạm y tế trung tâm kiểm soát bệnh tật "
    "báo cáo định kỳ hằng năm quý tháng cỡ mẫu chọn mẫu ngẫu nhiên phân bổ điểm lấy mẫu "
    "hướng dẫn quy trình thực hiện trách nhiệm phối hợp đơn vị cán bộ đào tạo tập huấn "
    "thông tư bộ y tế điều khoản quy định chuyển giao kỹ thuật đánh giá chất lượng số liệu "
    "phòng chống dịch tễ học đặc điểm tỷ lệ hiện mắc khuyến nghị can thiệp dự phòng điều trị"
).split()


def sentence(rng, lo=8, hi=20):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def title(rng, n=5):
    s = " ".join(rng.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:]


def body(rng, sec, page, link_to):
    """Markdown body: h2/h3 headings, paragraphs, a list, a table, a link."""
    out = [paragraph(rng), ""]
    for h in range(1, 4):
        out += [f"## {h}. {title(rng, 4)}", "", paragraph(rng), ""]
        out += [f"- {sentence(rng, 4, 9)}" for _ in range(rng.randint(3, 6))] + [""]
        out += [f"### {h}.1. {title(rng, 3)}", "", paragraph(rng), ""]
    out += ["| Nhóm đối tượng | Cỡ mẫu | Tần suất | Ghi chú |", "|---|---:|---|---|"]
    for _ in range(5):
        out.append(f"| {title(rng, 3)} | {rng.randint(100, 400)} | {rng.choice(['Hằng năm', 'Hai năm một lần', 'Hằng quý'])} | {sentence(rng, 3, 6)} |")
    out += ["", f"Xem thêm [{link_to[1]}]({link_to[0]}).", ""]
    return "\n".join(out)


SOTAY_BASE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ page.title }} — {{ site.title }}</title></head>
<body>
<nav><ul>
{%- for s in nav %}
<li><a href="{{ s.url }}"{% if s.active %} aria-current="page"{% endif %}>{{ s.title }}</a>
{%- if s.open %}<ul>
{%- for p in s.children %}
<li><a href="{{ p.url }}"{% if p.active %} aria-current="page"{% endif %}>{{ p.title }}</a></li>
{%- endfor %}
</ul>{% endif %}</li>
{%- endfor %}
</ul></nav>
<main><h1>{{ page.title }}</h1>
{{ page.content }}
{%- if page.is_section %}<ul>{% for p in page.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endif %}
</main></body></html>
"""

HUGO_BASEOF = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title></head>
<body>
<nav><ul>
{{- $cur := . }}{{ $sec := .CurrentSection }}
{{- range .Site.Sections }}
<li><a href="{{ .RelPermalink }}"{{ if eq . $cur }} aria-current="page"{{ end }}>{{ .Title }}</a>
{{- if eq . $sec }}<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}"{{ if eq . $cur }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{- end }}
</ul>{{ end }}</li>
{{- end }}
</ul></nav>
<main><h1>{{ .Title }}</h1>
{{ block "main" . }}{{ end }}
</main></body></html>
"""

HUGO_SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'
HUGO_LIST = (
    '{{ define "main" }}{{ .Content }}<ul>{{ range .Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    out = sys.argv[2] if len(sys.argv) > 2 else "bench-out/corpus"
    if os.path.exists(out):
        shutil.rmtree(out)
    rng = random.Random(20240601)
    nsec = (n + 99) // 100
    sections = []  # (slug, title, [(slug, title, markdown)])
    for s in range(nsec):
        sslug = f"phan-{s + 1:03d}"
        stitle = f"Phần {s + 1}. {title(rng, 3)}"
        count = min(100, n - s * 100)
        pages = []
        for p in range(count):
            pslug = f"muc-{p + 1:03d}"
            ptitle = f"Mục {p + 1}. {title(rng, 4)}"
            pages.append([pslug, ptitle, None])
        sections.append((sslug, stitle, pages))
    # Bodies link to the first page of the next section (a cross-section internal link).
    for i, (sslug, _, pages) in enumerate(sections):
        nxt = sections[(i + 1) % nsec]
        for pg in pages:
            pg[2] = body(rng, sslug, pg[0], (f"/{nxt[0]}/{nxt[2][0][0]}/", nxt[2][0][1]))
    home_intro = paragraph(rng)

    # --- sotay ------------------------------------------------------------------------------
    root = os.path.join(out, "sotay")
    write(os.path.join(root, "sotay.toml"), 'title = "Sổ tay (bench)"\n')
    for name in ("page.html", "section.html", "index.html", "404.html"):
        write(os.path.join(root, "site", "templates", name), SOTAY_BASE)
    write(os.path.join(root, "content", "_index.md"), f'+++\ntitle = "Trang chủ"\n+++\n{home_intro}\n')
    for si, (sslug, stitle, pages) in enumerate(sections):
        write(os.path.join(root, "content", sslug, "_index.md"),
              f'+++\ntitle = "{stitle}"\norder = {si + 1}\n+++\n{home_intro}\n')
        for pi, (pslug, ptitle, md) in enumerate(pages):
            write(os.path.join(root, "content", sslug, pslug + ".md"),
                  f'+++\ntitle = "{ptitle}"\norder = {pi + 1}\n+++\n{md}')

    # --- Hugo -------------------------------------------------------------------------------
    root = os.path.join(out, "hugo")
    write(os.path.join(root, "hugo.toml"),
          'baseURL = "http://127.0.0.1:8000/"\nlanguageCode = "vi"\ntitle = "Sổ tay (bench)"\n'
          'disableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = true\n')
    write(os.path.join(root, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(root, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(root, "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(root, "layouts", "index.html"), HUGO_LIST)
    write(os.path.join(root, "layouts", "404.html"), HUGO_SINGLE)
    write(os.path.join(root, "content", "_index.md"), f'+++\ntitle = "Trang chủ"\n+++\n{home_intro}\n')
    for si, (sslug, stitle, pages) in enumerate(sections):
        write(os.path.join(root, "content", sslug, "_index.md"),
              f'+++\ntitle = "{stitle}"\nweight = {si + 1}\n+++\n{home_intro}\n')
        for pi, (pslug, ptitle, md) in enumerate(pages):
            write(os.path.join(root, "content", sslug, pslug + ".md"),
                  f'+++\ntitle = "{ptitle}"\nweight = {pi + 1}\n+++\n{md}')

    # --- mdBook -----------------------------------------------------------------------------
    root = os.path.join(out, "mdbook")
    write(os.path.join(root, "book.toml"),
          '[book]\ntitle = "Sổ tay (bench)"\nlanguage = "vi"\n\n'
          '[output.html]\n[output.html.search]\nenable = false\n[output.html.print]\nenable = false\n')
    summary = ["# Tóm tắt", "", "[Trang chủ](README.md)", ""]
    write(os.path.join(root, "src", "README.md"), f"# Trang chủ\n\n{home_intro}\n")
    for sslug, stitle, pages in sections:
        summary.append(f"- [{stitle}]({sslug}/README.md)")
        write(os.path.join(root, "src", sslug, "README.md"), f"# {stitle}\n\n{home_intro}\n")
        for pslug, ptitle, md in pages:
            summary.append(f"  - [{ptitle}]({sslug}/{pslug}.md)")
            # mdBook links are to .md files, relative.
            md = md.replace("](/", "](../").replace("/)", ".md)")
            write(os.path.join(root, "src", sslug, pslug + ".md"), f"# {ptitle}\n\n{md}")
    write(os.path.join(root, "src", "SUMMARY.md"), "\n".join(summary) + "\n")
    print(f"{n} pages in {nsec} sections → {out}/{{sotay,hugo,mdbook}}")


if __name__ == "__main__":
    main()
