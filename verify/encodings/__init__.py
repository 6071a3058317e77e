"""encodings subpackage."""

__all__: list[str] = []
