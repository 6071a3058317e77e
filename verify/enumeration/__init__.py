"""enumeration subpackage."""

__all__: list[str] = []
