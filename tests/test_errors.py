"""Bad input gives a clear error naming the file and the reason; the rest still runs."""
from __future__ import annotations

import os
import shutil

import pytest

from extractor import ExtractError, extract
from extractor.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "corpus", "text", "000_13a313f26e079968.txt")


@pytest.fixture()
def bad_dir(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)  # a PNG named .txt
    shutil.copy(SEED, tmp_path / "good.txt")
    return tmp_path


@pytest.mark.parametrize("name, stage, words", [
    ("empty.txt", "sniff", "empty"),
    ("binary.txt", "sniff", "binary"),
    ("image.txt", "ocr", ("cannot read image", "OCR not available")),  # a PNG goes to OCR; this one is broken
])
def test_bad_file_names_stage_and_reason(bad_dir, name, stage, words):
    with pytest.raises(ExtractError) as ei:
        extract(str(bad_dir / name))
    assert ei.value.stage == stage and any(w in ei.value.reason for w in (words if isinstance(words, tuple) else (words,)))
    assert ei.value.path.endswith(name)


def test_missing_path():
    with pytest.raises(ExtractError) as ei:
        extract("/nonexistent/plan.txt")
    assert ei.value.stage == "read" and "no such file" in ei.value.reason


def test_batch_goes_on_and_reports_each_error(bad_dir, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["extract", str(bad_dir), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1  # partly: one good file, the others error lines (0 ok, 1 partial, 2 nothing read)
    assert sorted(os.listdir(out)) == ["good.json"]
    for name in ("empty.txt", "binary.txt", "image.txt"):
        assert any(name in line and line.startswith("error:") for line in err.splitlines()), name


def test_exit_code_2_when_nothing_could_be_read(bad_dir, capsys):
    assert main(["extract", str(bad_dir / "empty.txt"), str(bad_dir / "binary.txt"), "/nonexistent.txt"]) == 2
    assert capsys.readouterr().err.count("error:") == 3


def test_run_writes_error_rows(bad_dir, tmp_path):
    import pandas as pd

    out = tmp_path / "tables"
    main(["run", str(bad_dir), "--out", str(out), "--format", "csv", "--workers", "1", "--quiet"])
    errors = pd.read_csv(out / "errors.csv")
    assert set(errors.columns) >= {"file", "stage", "reason"}
    assert len(errors) == 3
    docs = pd.read_csv(out / "documents.csv")
    assert [os.path.basename(f) for f in docs["file"]] == ["good.txt"]


def test_machine_faults_are_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    """Disk full, a path that cannot be made: one line naming the path and what to do, no traceback."""
    import errno

    from extractor import cli
    from extractor.tables.stream import TableWriter

    src = tmp_path / "in"
    src.mkdir()
    (src / "plan.txt").write_text("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n", encoding="utf-8")

    def full(self, tables):
        raise OSError(errno.ENOSPC, "No space left on device", f"{self.out}/documents.parquet")

    monkeypatch.setattr(TableWriter, "add", full)
    assert cli.main(["run", str(src), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "documents.parquet: the disk is full" in err and "Traceback" not in err
    monkeypatch.undo()
    blocked = tmp_path / "file"
    blocked.write_text("x")  # a file where the output folder should be made
    assert cli.main(["run", str(src), "--out", str(blocked / "out")]) == 2
    assert str(blocked) in capsys.readouterr().err
