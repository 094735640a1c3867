"""The Python objects our components keep on a Doc, through spaCy's msgpack serialization.

`nlp.pipe(texts, n_process=2)` sends every Doc back from its worker as
`Doc.to_bytes()`, which packs `doc.user_data` (where `doc._.source`,
`doc._.outline`, `doc._.records`, `span._.record` live) with srsly's msgpack.
msgpack knows lists, dicts, strings and numbers, not our dataclasses, so this
registers an encoder and a decoder with srsly: a dataclass of this package goes
over as its pickle, and comes back with its tuples, sets and nested records
exactly as they were. The decoder only rebuilds classes of this package (and a
few containers of the standard library), so Doc bytes from elsewhere cannot make
it import or call anything else.
"""
from __future__ import annotations

import dataclasses
import io
import pickle
from typing import Any, Callable

import srsly

_KEY = "__kh_extractor__"
_PACKAGE = __name__.split(".", 1)[0] + "."
_STDLIB = {("builtins", "set"), ("builtins", "frozenset"), ("builtins", "tuple"), ("builtins", "list"),
           ("builtins", "dict"), ("copyreg", "_reconstructor"), ("builtins", "object"),
           ("collections", "OrderedDict"), ("collections", "defaultdict")}


def _ours(obj: Any) -> bool:
    return dataclasses.is_dataclass(obj) and not isinstance(obj, type) and type(obj).__module__.startswith(_PACKAGE)


def encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly msgpack encoder: one of our dataclasses as {_KEY: its pickle}; anything else to the next encoder."""
    if _ours(obj):
        return {_KEY: pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)}
    return obj if chain is None else chain(obj)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module.startswith(_PACKAGE) or (module, name) in _STDLIB:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"Doc data: {module}.{name} is not a class of {_PACKAGE[:-1]}")


def decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly msgpack decoder: the object back from `encode`'s dict."""
    if isinstance(obj, dict) and _KEY in obj and len(obj) == 1:
        return _Unpickler(io.BytesIO(obj[_KEY])).load()
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("kh_extractor", func=encode)
srsly.msgpack_decoders.register("kh_extractor", func=decode)
