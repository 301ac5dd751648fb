"""A page's script and style saved as text go; an author's code never does (web_code.py)."""

from pipeline.web_code import web_code

PROSE = "今年的旅行少了很多，期待明年能有更长的自驾游，也希望能多陪陪家人。"
THEME = (
    '(function(){const e="StackColorScheme";localStorage.getItem(e)||'
    'localStorage.setItem(e,"auto")})()(function(){const t="StackColorScheme",'
    'e=localStorage.getItem(t);document.documentElement.dataset.scheme="dark"})()'
)
WIDGET_CSS = (
    ".disqus-container{background-color:var(--card-background);border-radius:"
    "var(--card-border-radius);box-shadow:var(--shadow-l1);padding:var(--card-padding)}"
)


def test_a_pages_minified_script_and_a_widgets_css_go():
    lines = [THEME, "# 我的2024", PROSE, PROSE, WIDGET_CSS, "© 2014 - 2025 chaomai"]
    assert web_code(lines) == {0, 4}


def test_analytics_and_ads_statements_go_even_short_and_together():
    lines = [
        PROSE,
        "window.dataLayer = window.dataLayer || [];",
        "function gtag(){dataLayer.push(arguments);}",
        "gtag('js', new Date());",
        "gtag('config', 'G-XXXXXXX');",
        "(adsbygoogle = window.adsbygoogle || []).push({});",
        PROSE,
    ]
    assert web_code(lines) == {1, 2, 3, 4, 5}


def test_an_authors_code_block_stays_fenced_or_not():
    block = [
        "function load() {",
        "  const list = document.querySelectorAll('.item'); let total = 0; for (const x of list) {",
        "    total += Number(x.dataset.value);",
        "  }",
        "  return total;",
        "}",
    ]
    assert web_code([PROSE, *block, PROSE]) == set()
    long_line = (
        "const total = items.map((x) => { return x.value; }).filter((v) => { return v > 0; });"
    )
    assert web_code([PROSE, "```js", long_line, "```", PROSE]) == set()
    assert web_code([PROSE, "~~~", THEME, "~~~", PROSE]) == set()


def test_prose_about_code_and_lists_split_by_semicolons_stay():
    keywords = (
        "技術功效矩陣 ; 智慧網實系統 ; 專利分析 ; 專利布局 ; Technology function matrix ; "
        "CPS ; patent analysis ; patent portfolio"
    )
    explained = "在 JavaScript 里，document.getElementById(id) 返回元素；window.onload 在页面加载后执行；{} 是对象。"
    quoted = "把 (adsbygoogle = window.adsbygoogle || []).push({}); 放到页面里广告位的下面即可。"
    assert web_code([keywords, explained, quoted, PROSE]) == set()


def test_a_code_blocks_lines_and_its_comments_are_the_authors(tmp_path):
    """Inside ``` fences no rule takes a line (a doc comment's /** * */, an XML comment), and a
    comment's "#" stays, in a block or right above a command copied without fences."""
    from pipeline.clean import load_rules
    from pipeline.flow import prepare

    page = "\n".join(
        [
            "在CMake里使用Eigen",
            PROSE,
            "```cmake",
            "# cmake最低版本号要求",
            "cmake_minimum_required(VERSION 3.14)",
            "/**",
            "*",
            "*/",
            "<!-- lux 数组 -->",
            "```",
            PROSE,
            "# 设置 GOOS 和 GOARCH 环境变量",
            "GOOS=js GOARCH=wasm go build -o main.wasm main.go",
            PROSE,
        ]
    )
    source = tmp_path / "page.txt"
    source.write_text(page, encoding="utf-8")
    doc = prepare(source, source.stem, load_rules())
    assert not [r for r in doc.removed if 3 <= r.line <= 10], doc.removed
    body = doc.markdown.split("---\n", 2)[2]
    for line in ("\\# cmake最低版本号要求", "\\/\\*\\*", "\\<!-- lux 数组 --\\>"):
        assert line in body or line.replace("\\/", "/") in body, body
    assert "\\# 设置 GOOS 和 GOARCH 环境变量" in body
