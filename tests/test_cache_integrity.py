"""The cache cannot be poisoned: a record is kept only under the hash of the bytes it was made from,
and entries are verified when they are loaded."""
from __future__ import annotations

import os
import shutil

import extractor
from extractor.build import file_hash
from extractor.runner.cache import Cache
from extractor.runner.run import extract_all
from extractor.runner.worker import process_file

from runner_corpus import SEEDS


def test_a_file_replaced_during_extraction_is_redone_under_its_new_hash(tmp_path, monkeypatch):
    a, b = SEEDS[0], SEEDS[1]
    path = tmp_path / "plan.txt"
    shutil.copy(a, path)
    h_a, h_b = file_hash(a), file_hash(b)
    real = extractor.extract
    calls = []

    def replaced_meanwhile(p, nlp=None, doc_id=None, name=None):
        rec = real(p, nlp, doc_id=doc_id, name=name)
        if not calls:  # the first read is of A; then B is moved over it (write elsewhere, rename)
            tmp = tmp_path / "new.txt"
            shutil.copy(b, tmp)
            os.replace(tmp, path)
        calls.append(doc_id)
        return rec

    monkeypatch.setattr(extractor, "extract", replaced_meanwhile)
    out = process_file(str(path), h_a)
    assert calls == [h_a, h_b]  # redone once, with the new content's hash
    assert out.doc_id == out.record.doc_id == h_b
    assert out.record.doc.code == real(b).doc.code


def test_the_record_is_of_the_bytes_that_were_hashed(tmp_path, monkeypatch):
    """A file swapped for another while its reader works, and swapped back before the check:
    the record is still the first content's (the reader worked on the bytes that were hashed),
    never the other content's filed under the first one's hash."""
    import extractor.ingest as ingest
    import extractor.ingest.text as text_reader

    a, b = SEEDS[0], SEEDS[1]
    path = tmp_path / "plan.txt"
    shutil.copy(a, path)
    h_a = file_hash(str(path))
    real_head, real_parse = ingest.read_head, text_reader.parse_text

    def head_then_swap(p):  # the sniffer has read its head: B is moved over the file
        head = real_head(p)
        tmp = tmp_path / "b.txt"
        shutil.copy(b, tmp)
        os.replace(tmp, path)
        return head

    def parse_then_restore(text, p, **kw):  # the reader has read the file: A is back
        tmp = tmp_path / "a.txt"
        shutil.copy(a, tmp)
        os.replace(tmp, path)
        return real_parse(text, p, **kw)

    monkeypatch.setattr(ingest, "read_head", head_then_swap)
    monkeypatch.setattr(text_reader, "parse_text", parse_then_restore)
    out = process_file(str(path), h_a)
    monkeypatch.undo()
    want_a, want_b = extractor.extract(a), extractor.extract(b)
    assert want_a.doc.code != want_b.doc.code
    assert out.doc_id == h_a and out.record is not None
    assert out.record.doc.code == want_a.doc.code and out.record.doc.title == want_a.doc.title
    assert out.record.file == "plan.txt"  # named as the file the run was given, not the private copy


def test_a_file_that_never_stops_changing_is_an_error_row(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    shutil.copy(SEEDS[0], path)
    real = extractor.extract

    def always_changing(p, nlp=None, doc_id=None, name=None):
        rec = real(p, nlp, doc_id=doc_id, name=name)
        with open(path, "a", encoding="utf-8") as f:
            f.write("\nthêm một dòng.")
        return rec

    monkeypatch.setattr(extractor, "extract", always_changing)
    out = process_file(str(path), file_hash(str(path)))
    assert out.record is None and out.stage == "read" and "changed while read" in out.reason
    assert not out.cacheable


def test_damaged_or_misfiled_cache_entries_are_redone(tmp_path):
    d, cache_dir = tmp_path / "c", str(tmp_path / "cache")
    os.makedirs(d)
    files = [shutil.copy(p, d) for p in SEEDS[:2]]
    t1, s1 = extract_all(files, cache_dir=cache_dir, workers=1)
    assert s1.extracted == 2
    cache = Cache(cache_dir)
    ha, hb = (file_hash(f) for f in files)
    pa, pb = cache._path(ha), cache._path(hb)
    blob = bytearray(open(pa, "rb").read())
    blob[-10] ^= 0xFF  # one bit of rot in A's entry
    open(pa, "wb").write(bytes(blob))
    shutil.copy(pb, pb + ".bak")
    assert cache.get(ha) is None and cache.get(hb) is not None
    os.replace(pb + ".bak", pb)
    t2, s2 = extract_all(files, cache_dir=cache_dir, workers=1)
    assert s2.cached == 1 and s2.extracted == 1  # A redone, B served
    # B's entry filed under A's hash (what the poisoned cache held): not served as A
    shutil.copy(pb, pa)
    assert cache.get(ha) is None
    t3, s3 = extract_all(files, cache_dir=cache_dir, workers=1)
    assert s3.extracted == 1
    assert list(t3.documents["doc_id"]) == list(t1.documents["doc_id"]) == [ha, hb]
    assert list(t3.documents["code"]) == list(t1.documents["code"])


def test_a_worker_whose_run_is_gone_ends_without_a_traceback(tmp_path):
    """The run was killed while its worker extracted a file: the worker's answer meets a closed
    pipe, and it ends quietly (no BrokenPipeError traceback under the user's message)."""
    import subprocess
    import sys

    script = f"""
import multiprocessing as mp, time
from extractor.runner.worker import serve
if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=serve, args=(child, None, None))
    p.start()
    child.close()
    assert parent.recv()[0] == "ready"
    parent.send(({SEEDS[0]!r}, None))
    parent.close()  # the run is gone while the worker works
    p.join(120)
    print("exit", p.exitcode)
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240,
                       cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert "exit 0" in r.stdout, (r.stdout, r.stderr[-2000:])
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr, r.stderr[-2000:]
