"""nets subpackage."""

__all__: list[str] = []
