"""Plans compared across years: series, diffs, targets, and issuers across the 2025 reorganisation.

    >>> import extractor
    >>> tables = extractor.run(["corpus/series/text"])
    >>> cmp = extractor.compare(tables)            # the package is callable: compare(tables)
    >>> cmp.plan_series, cmp.plan_diffs, cmp.targets

`extractor.compare` is this package, and calling it is `compare.api.compare` (a package
cannot also be a function of the same name; a callable module keeps one name for both).
"""
from __future__ import annotations

import sys
import types

from .api import Comparison, compare, compare_records, read_run, write_run
from .issuers import IssuerKey, canonical_name, issuer_key, province_now

__all__ = ["compare", "Comparison", "compare_records", "read_run", "write_run", "issuer_key", "IssuerKey",
           "canonical_name", "province_now"]


class _CallablePackage(types.ModuleType):
    def __call__(self, tables, **kw):
        return compare(tables, **kw)


sys.modules[__name__].__class__ = _CallablePackage
