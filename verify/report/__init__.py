"""report subpackage."""

__all__: list[str] = []
