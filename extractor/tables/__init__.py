"""Tables from plan records, and sinks that write them (one module per format).

`Tables` and `to_frames` are loaded on first use: importing pandas takes a
second or more, which a cached corpus run that writes nothing never needs.
"""

__all__ = ["Tables", "to_frames"]


def __getattr__(name: str):
    if name in __all__:
        from . import frames

        return getattr(frames, name)
    raise AttributeError(name)
