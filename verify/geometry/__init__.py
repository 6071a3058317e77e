"""geometry subpackage."""

__all__: list[str] = []
