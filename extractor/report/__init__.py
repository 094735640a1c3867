"""`kh-extract report OUT_DIR`: a static site over a run's tables (OUT_DIR/report/).

Built from the tables of the current generation (no re-extraction), it opens
from disk with no network: the JS and CSS are written here (assets.py), the
charts are SVG made in Python (charts.py), the data sits in the pages as JSON.
"""
