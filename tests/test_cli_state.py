"""``verify.cli.main`` leaves no process state behind (it also runs in-process)."""

from __future__ import annotations

from verify.cli import main
from verify.limits import current_max_memory, default_max_memory


def test_max_memory_ends_with_the_command(capsys):
    assert main(["count", "halfspaces", "--points", "cube:3", "--max-memory", "1K",
                 "--method", "enumerate"]) == 2
    assert "limit 1 KiB" in capsys.readouterr().err
    assert current_max_memory() == default_max_memory()  # not 1 KB for whatever runs next
