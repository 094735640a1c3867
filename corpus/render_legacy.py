"""Render seeds in the legacy Vietnamese encodings TCVN3 and VNI, with their gold.

Plans typed in the 1990s-2000s font encodings still circulate as .txt/.doc.
A rendering's gold is its seed's gold: decoding restores the same text (see
extractor/ingest/encodings.py for the one ambiguity of TCVN3, case of toned
capitals, which these seeds do not hit in scored fields).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from extractor.ingest.encodings import encode_legacy  # noqa: E402
from render import load_gold, write_rendering_gold  # noqa: E402  (sibling module: corpus/ is on sys.path)

SEEDS = {  # seeds and the team's plans; a plan whose mixed-case lines carry toned capitals ("Ủy ban") is not put in TCVN3
    "tcvn3": ["000_13a313f26e079968", "002_337e30c1cff994e8", "104_bcd_dieu_khoan", "112_syt_sxh", "114_sgddt_cds"],
    "vni": ["001_ba6bf8c8c6accb18", "004_3c3cbfb97a6eb7de", "106_runon_abc_binh_dang_gioi", "110_pbgdpl", "113_mttq_ngayhoi",
            "116_huyen_vanhoa"],
}


def main() -> None:
    os.makedirs(os.path.join(HERE, "legacy"), exist_ok=True)
    for enc, stems in SEEDS.items():
        for stem in stems:
            with open(os.path.join(HERE, "text", f"{stem}.txt"), encoding="utf-8") as f:
                text = f.read()
            name = f"{stem}-{enc}.txt"
            with open(os.path.join(HERE, "legacy", name), "wb") as f:
                f.write(encode_legacy(text, enc))
            gold_dir = Path(HERE) / "gold"
            write_rendering_gold(load_gold(stem, gold_dir), name, gold_dir / f"{stem}-{enc}.json")
            print("wrote", name)


if __name__ == "__main__":
    main()
