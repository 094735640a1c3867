"""Bad input never crashes a batch: each bad file gives one error row (file, stage, reason)
or a correct record, and every good file is in the tables.

The files are made in tmp_path by tests/bad_inputs.py. PDF and image input are
being added elsewhere (issue 3): for those kinds either a clear error row or
a record is accepted. The suite runs as root here, where chmod 000 does not
stop reading; a FIFO (which would block a reader forever) stands in for the
unreadable file, and the chmod case asserts whichever outcome os.access says.
"""
from __future__ import annotations

import os
import shutil

import pytest
from bad_inputs import (
    make_binary_txt,
    make_blank_pages_pdf,
    make_corrupt_zip_docx,
    make_dir_named_like_file,
    make_empty,
    make_empty_html,
    make_encrypted_pdf,
    make_english,
    make_entity_bomb_docx,
    make_fifo,
    make_huge_image,
    make_huge_line,
    make_invoice,
    make_nul_body,
    make_ole_doc,
    make_png_named_pdf,
    make_symlink_loop,
    make_truncated_docx,
    make_truncated_pdf,
    make_unknown_8bit,
    make_zero_byte_docx,
    make_zip_bomb_docx,
)
from runner_corpus import ROOT, seeds_copy

import extractor.runner.run as runner_run
from extractor.runner import extract_all

# kind -> (file name, stages an error row may have; None: a record is the right answer)
MUST_FAIL = {
    "empty": ("empty.txt", {"sniff"}),
    "zip bomb": ("bomb.docx", {"ingest"}),
    "entity bomb": ("entities.docx", {"ingest"}),
    "english": ("annual-report.txt", {"language"}),
    "binary .txt": ("data.txt", {"sniff"}),
    "symlink loop a": ("loop-a.txt", {"read"}),
    "symlink loop b": ("loop-b.txt", {"read"}),
    "fifo": ("pipe.txt", {"read"}),
    "zero-byte docx": ("zero.docx", {"sniff"}),
    "corrupt zip .docx": ("corrupt.docx", {"sniff", "ingest"}),
    "html without text": ("empty-page.html", {"ingest"}),
    "unknown 8-bit": ("koi8.txt", {"decode", "language"}),
    "huge line": ("one-line.txt", {"ingest"}),
    "NUL body": ("nul.txt", {"sniff"}),
    "OLE2 .doc": ("old-word.doc", {"convert"}),  # LibreOffice cannot convert it
    "truncated docx": ("cut.docx", {"sniff", "ingest"}),
    "deleted during run": ("deleted.txt", {"read"}),
}
ERROR_OR_RECORD = {  # PDF/image input: an error row today, a record once OCR lands
    "truncated pdf": "truncated.pdf",
    "encrypted pdf": "encrypted.pdf",
    "2000 blank pages": "blank-2000.pdf",
    "20000x20000 image": "scan.png",
    "png named .pdf": "photo.pdf",
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("bad"))
    good = seeds_copy(os.path.join(d, "good"))
    for make in (
        make_empty, make_truncated_pdf, make_encrypted_pdf, make_blank_pages_pdf, make_zip_bomb_docx,
        make_entity_bomb_docx, make_huge_image, make_png_named_pdf, make_invoice, make_english,
        make_binary_txt, make_symlink_loop, make_fifo, make_zero_byte_docx, make_corrupt_zip_docx,
        make_empty_html, make_unknown_8bit, make_huge_line, make_nul_body, make_ole_doc,
    ):
        make(d)
    make_truncated_docx(d, next(p for p in good if p.endswith(".docx")))
    inner = make_dir_named_like_file(d)  # a folder called folder.txt, holding a good plan
    good.append(shutil.copy(os.path.join(ROOT, "corpus", "legacy", "000_13a313f26e079968-tcvn3.txt"), inner))
    # the same plan under two names
    dups = [shutil.copy(good[0], os.path.join(d, n)) for n in ("dup-1.txt", "dup-2.txt")]
    # no read permission (root reads anyway: then it is a good plan)
    locked = shutil.copy(good[1], os.path.join(d, "locked.txt"))
    os.chmod(locked, 0)
    deleted = shutil.copy(good[2], os.path.join(d, "deleted.txt"))

    real_hash = runner_run._hash

    def hash_then_delete(path):  # the file goes away after the run listed and hashed it
        out = real_hash(path)
        if path == deleted:
            os.unlink(path)
        return out

    runner_run._hash = hash_then_delete
    try:
        tables, stats = extract_all([d], workers=2, timeout=60, max_memory_mb=2048)
    finally:
        runner_run._hash = real_hash
        os.chmod(locked, 0o644)
    return d, tables, stats, good, dups, locked


def _rows(tables, name):
    docs = tables.documents[tables.documents["file"].map(os.path.basename) == name]
    errs = tables.errors[tables.errors["file"].map(os.path.basename) == name]
    return docs, errs


def test_at_least_twenty_kinds():
    assert len(MUST_FAIL) + len(ERROR_OR_RECORD) + 4 >= 20  # + invoice, duplicates, locked, folder.txt


def test_every_good_file_is_in_the_tables(batch):
    _, tables, _, good, dups, _ = batch
    files = set(tables.documents["file"])
    assert set(good) <= files and set(dups) <= files
    assert (tables.documents[tables.documents["file"].isin(good)]["doc_type"] == "KH").all()


@pytest.mark.parametrize("kind", sorted(MUST_FAIL))
def test_bad_file_gives_one_clear_error_row(batch, kind):
    _, tables, _, _, _, _ = batch
    name, stages = MUST_FAIL[kind]
    docs, errs = _rows(tables, name)
    assert docs.empty
    assert len(errs) == 1, errs.to_dict("records")
    row = errs.iloc[0]
    assert row["stage"] in stages and isinstance(row["reason"], str) and len(row["reason"]) > 5


@pytest.mark.parametrize("kind", sorted(ERROR_OR_RECORD))
def test_pdf_and_image_kinds_give_one_row_or_one_record(batch, kind):
    _, tables, _, _, _, _ = batch
    docs, errs = _rows(tables, ERROR_OR_RECORD[kind])
    assert len(docs) + len(errs) == 1
    if len(errs):
        assert errs.iloc[0]["reason"]


def test_specific_reasons_name_the_problem(batch):
    _, tables, _, _, _, _ = batch
    reason = {os.path.basename(f): r for f, r in zip(tables.errors["file"], tables.errors["reason"])}
    assert "over 50 MB" in reason["one-line.txt"]
    assert "not Vietnamese" in reason["annual-report.txt"]
    assert "fifo" in reason["pipe.txt"]
    assert "no such file" in reason["deleted.txt"]
    assert "symbolic links" in reason["loop-a.txt"].lower()
    assert "entity" in reason["entities.docx"].lower()
    assert "expands to" in reason["bomb.docx"]


def test_invoice_in_vietnamese_is_a_record_not_a_plan(batch):
    _, tables, _, _, _, _ = batch
    docs, errs = _rows(tables, "hoa-don.txt")
    assert len(docs) + len(errs) == 1
    if len(docs):  # a Vietnamese document that is not a Kế hoạch: a record, not typed KH
        assert docs.iloc[0]["doc_type"] != "KH"


def test_duplicates_one_row_per_file_same_doc_id(batch):
    _, tables, _, good, dups, _ = batch
    rows = tables.documents[tables.documents["file"].isin([good[0], *dups])]
    assert len(rows) == 3 and rows["doc_id"].nunique() == 1
    secs = tables.sections[tables.sections["file"].isin(dups)]
    assert secs.groupby("file").size().nunique() == 1  # each copy has all its sections


def test_locked_file_is_an_error_or_read_by_root(batch):
    _, tables, _, _, _, locked = batch
    docs, errs = _rows(tables, "locked.txt")
    assert len(docs) + len(errs) == 1
    # the fixture restored the mode; as root os.access ignores it, so ask what the run saw
    if len(errs):
        assert errs.iloc[0]["reason"] == "permission denied"
    else:
        assert os.geteuid() == 0


def test_every_file_accounted_for_once(batch):
    d, tables, stats, _, _, _ = batch
    seen = list(tables.documents["file"]) + list(tables.errors["file"])
    assert len(seen) == len(set(seen)) == stats.files
