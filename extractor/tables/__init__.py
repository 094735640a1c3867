"""Tables from plan records, and sinks that write them (one module per format)."""
from .frames import Tables, to_frames

__all__ = ["Tables", "to_frames"]
