# Two commands for a newcomer: `make run` and `make test`. Both set up first.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DEB_PKGS := tesseract-ocr tesseract-ocr-vie poppler-utils fonts-liberation2 libreoffice-writer-nogui sqlite3 chromium chromium-driver

.PHONY: setup run test bench corpus clean deb bench-citations models bench-baselines bench-ocr bench-compare bench-report bench-memory fuzz

setup: $(STAMP) deb

# Debian packages the pipeline needs, installed only when missing (root or sudo).
deb:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null) \
	    || echo "warning: could not install$$missing (needed for PDF/OCR/.doc input, sqlite3 examples, browser tests)"; \
	fi

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/kh-extract run $(wildcard corpus/text corpus/docx corpus/html corpus/legacy corpus/pdf corpus/doc corpus/scan300 corpus/scan200 corpus/tiff) --out out

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

# Corpus-run throughput, scaling 1 -> 2 workers, peak RSS, cached rerun (generated plans);
# then the main process's peak RSS at 1000/4000/10000 plans (flat: ratio <= 1.3).
bench: setup
	$(BIN)/python bench/bench_run.py
	$(BIN)/python bench/bench_memory.py
	$(BIN)/python bench/bench_linear.py

# The main process's peak RSS as the corpus grows: tables of 1000/4000/10000 cached plans, 200/800 extracted.
bench-memory: setup
	$(BIN)/python bench/bench_memory.py

# The report of 1000 generated plans: page sizes, load and search times in headless Chromium.
bench-report: setup
	$(BIN)/python bench/bench_report.py

# compare (series + diffs) on 250/500/1000 generated plans beside the time to extract them
bench-compare: setup
	$(BIN)/python bench/bench_compare.py

# 10 000 mutated corpus files of every format through `run` and 500 through `extract`: one record or
# one error row each, no crash, no hang (FUZZ_CASES=..., FUZZ_SEED=... to vary).
FUZZ_CASES ?= 10000
FUZZ_SEED ?= 1
fuzz: setup
	$(BIN)/python bench/fuzz.py --cases $(FUZZ_CASES) --seed $(FUZZ_SEED)

corpus: setup
	$(BIN)/python corpus/render.py
	$(BIN)/python corpus/render_legacy.py
	$(BIN)/python corpus/render_pdf.py
	$(BIN)/python corpus/render_doc.py
	$(BIN)/python corpus/render_scan.py
	$(BIN)/python corpus/render_artifacts.py

# OCR: CER against the text PDFs and pages/s against bare `tesseract` (same run) per scan kind.
bench-ocr: setup
	$(BIN)/python bench/bench_ocr.py

# citations per second and F1 against a plain-regex baseline, on the corpus text with gold
bench-citations: setup
	$(BIN)/python bench/bench_citations.py corpus/text corpus/gold

# Train every model in models/ from corpus gold and print held-out scores (by plan).
# More corpus dirs: make models MODEL_CORPUS="--corpus corpus --corpus ../other/corpus"
models: setup
	$(BIN)/python models/train_models.py $(MODEL_CORPUS)

# Our units and deadlines beside underthesea.ner and dateparser on the same gold.
bench-baselines: setup
	$(BIN)/python bench/bench_baselines.py $(MODEL_CORPUS)

clean:
	rm -rf out .pytest_cache
