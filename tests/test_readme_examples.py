"""Every fenced `console` example of README.md runs as pasted, in order, in a fresh folder.

The folder has the repository's `corpus/` (as a clone has) and nothing else: no
`out/`, no `pred/`. Each `$ ` line runs in bash with this checkout's
`kh-extract` first on PATH; its exit status must be 0 and no traceback printed.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")


def examples() -> list[str]:
    text = open(README, encoding="utf-8").read()
    blocks = re.findall(r"^```console\n(.*?)^```", text, flags=re.S | re.M)
    return [line[2:] for b in blocks for line in b.splitlines() if line.startswith("$ ")]


def test_readme_has_examples_and_no_alternatives():
    cmds = examples()
    assert len(cmds) >= 10
    for c in cmds:  # `a | b` meaning "a or b" fails when pasted: a pipe only into a real command
        for part in re.split(r"(?<![|])\|(?![|])", c.split(" #", 1)[0])[1:]:
            assert part.split()[0] in ("head", "jq", "wc", "grep", "less"), c


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    d = tmp_path_factory.mktemp("clone")
    os.symlink(os.path.join(ROOT, "corpus"), d / "corpus")
    return d


@pytest.mark.parametrize("cmd", examples())
def test_example_runs_as_pasted(fresh, cmd):
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}:{os.environ.get('PATH', '')}", "PYTHONPATH": ROOT}
    r = subprocess.run(["bash", "-c", cmd], cwd=fresh, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, (cmd, r.stderr[-3000:])
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
