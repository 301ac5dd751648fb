"""The command line: help, usage errors, clean --explain, doctor."""

from __future__ import annotations

from conftest import CASES, ROOT, run_publish


def test_usage_errors_exit_2(tmp_path):
    assert run_publish("all", "--formats", "pdf,odt").returncode == 2
    result = run_publish("all", "-i", str(tmp_path / "missing"))
    assert result.returncode == 2 and "does not exist" in result.stderr
    result = run_publish("all", "-i", str(tmp_path), "--style", "no-such-style")
    assert result.returncode == 2 and "no style" in result.stderr
    result = run_publish("all", "-i", str(tmp_path), "--skip-rule", "nope")
    assert result.returncode == 2 and "no rule with id nope" in result.stderr


def test_clean_explain_lists_removals():
    result = run_publish("clean", "--explain", str(CASES / "speech-study-session" / "input.txt"))
    assert result.returncode == 0
    assert result.stdout.startswith("---\ntitle: 在主题教育专题读书班上的交流发言")
    assert "head-meta-line" in result.stderr
    assert "withheld-notice" in result.stderr
    assert "tail-recommendations" in result.stderr


def test_clean_skip_rule_keeps_the_text():
    result = run_publish(
        "clean",
        "--skip-rule",
        "tail-recommendations",
        str(CASES / "speech-study-session" / "input.txt"),
    )
    assert "猜你喜欢" in result.stdout


def test_file_command_publishes_named_files(tmp_path):
    source = CASES / "hidden-variants" / "input.txt"
    result = run_publish("file", str(source), "-o", str(tmp_path), "--formats", "md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "input.md").exists()


def test_doctor_reports_fonts_per_role():
    result = run_publish("doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "font body:" in result.stdout and "HarfBuzz subsetting" in result.stdout


def test_doctor_names_what_is_missing(tmp_path):
    style = tmp_path / "nofonts"
    style.mkdir()
    definition = (ROOT / "styles" / "gongwen" / "style.toml").read_text("utf-8")
    start = definition.index("[fonts]")
    fonts = "\n".join(
        f'{role} = ["No Such Face {role}"]'
        for role in ("title", "body", "heading1", "heading2", "heading3", "page_number", "fallback")
    )
    (style / "style.toml").write_text(definition[:start] + "[fonts]\n" + fonts + "\n", "utf-8")
    result = run_publish("doctor", "--style", str(style))
    assert result.returncode == 2
    assert "MISSING   font body: none of No Such Face body is installed" in result.stdout
    published = run_publish(
        "file",
        str(CASES / "hidden-variants" / "input.txt"),
        "-o",
        str(tmp_path / "out"),
        "--style",
        str(style),
        "--formats",
        "md,pdf",
    )
    assert published.returncode == 2
    assert "no installed font for title, body, heading1" in published.stderr


def test_unusable_output_folder_is_an_environment_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_publish("all", "-i", str(ROOT / "input"), "-o", str(blocker / "out"))
    assert result.returncode == 2
    assert "Not a directory" in result.stderr and "Traceback" not in result.stderr


def test_a_bug_is_not_reported_as_a_usage_error(tmp_path, monkeypatch):
    """An exception publish does not know (a bug) ends the run with exit 1 and its traceback,
    never as exit 2 ("usage error") with the traceback hidden."""
    from typer.testing import CliRunner

    import pipeline.batch
    from pipeline.cli import app

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(pipeline.batch, "run", broken)
    result = CliRunner().invoke(app, ["all", "-i", str(ROOT / "input"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, ValueError)
