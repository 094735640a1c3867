""".doc and .odt through LibreOffice: read like the DOCX they convert to, and clear
errors when the converter is missing, fails or hangs."""
from __future__ import annotations

import os
import shutil

import pytest

from extractor import ExtractError
from extractor.ingest import load
from extractor.ingest import office

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "corpus", "doc", "000_13a313f26e079968-doc.doc")
DOCX = os.path.join(ROOT, "corpus", "docx", "000_13a313f26e079968-docx.docx")
needs_soffice = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice not installed")


@needs_soffice
def test_doc_reads_like_its_docx():
    doc, docx = load(DOC), load(DOCX)
    assert doc.format == "doc" and doc.path == DOC
    assert [b.text for b in doc.blocks] == [b.text for b in docx.blocks]
    assert [b.style.bold for b in doc.blocks] == [b.style.bold for b in docx.blocks]


@needs_soffice
def test_odt_is_read(tmp_path):
    odt = office.convert(DOCX, "odt", str(tmp_path))
    doc = load(str(odt))
    assert doc.format == "odt"
    assert [b.text for b in doc.blocks] == [b.text for b in load(DOCX).blocks]


@needs_soffice
def test_doc_renderings_score_like_the_text_seeds():
    from test_ingest_pdf import assert_scores_like_text

    assert_scores_like_text("doc", ".doc")


def test_missing_converter_is_a_convert_error(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ExtractError) as ei:
        load(DOC)
    assert ei.value.stage == "convert" and "LibreOffice (soffice) is not installed" in ei.value.reason


@needs_soffice
def test_broken_doc_is_a_convert_error(tmp_path):
    bad = tmp_path / "broken.doc"
    bad.write_bytes(open(DOC, "rb").read()[:1536])  # OLE2 header, body cut off
    with pytest.raises(ExtractError) as ei:
        load(str(bad))
    assert ei.value.stage in ("convert", "ingest") and ei.value.reason


def test_converter_timeout_is_a_convert_error(tmp_path, monkeypatch):
    import subprocess

    def hang(*a, **kw):
        raise subprocess.TimeoutExpired(cmd="soffice", timeout=kw.get("timeout"))

    monkeypatch.setattr(office, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(subprocess, "run", hang)
    with pytest.raises(ExtractError) as ei:
        office.read_office(DOC, "doc")
    assert ei.value.stage == "convert" and "did not finish in 120 s" in ei.value.reason
