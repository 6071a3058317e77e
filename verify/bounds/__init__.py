"""bounds subpackage."""

__all__: list[str] = []
