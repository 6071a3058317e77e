"""Hostile input is one ``error:`` line and exit 2: deep JSON, huge integers, other digits.

Every JSON input (points, networks, certificates) goes through
:func:`verify.jsonload.load_json`; every integer text through
:func:`verify.exact.require_int` and every rational text through
:func:`verify.exact.to_rational`.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import verify
from verify.errors import InvalidArgument
from verify.exact import require_int, to_rational
from verify.jsonload import MAX_DEPTH, load_json, loads_json
from verify.nets.network import parse_architecture

DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "7" * 5000
ARABIC_3 = "\u0663"  # Arabic-Indic digit three: int() reads it as 3
FULLWIDTH_1 = "\uff11"


@pytest.fixture
def files(tmp_path):
    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return {
        "deep": write("deep.json", DEEP),
        "deep_points": write("deep_points.json", '{"points": ' + DEEP + "}"),
        "deep_cert": write("deep_cert.json", '{"format": ' + DEEP + "}"),
        "huge_points": write("huge.json", f"[[{HUGE}, 0]]"),
        "huge_net": write("huge_net.json", '{"architecture": "1-1", "layers": '
                          f'[{{"weights": [[{HUGE}]], "bias": [0]}}]}}'),
        "twice": write("twice.json", '{"points": [[0, 0]], "points": [[1, 1]]}'),
        "latin1": str(tmp_path / "latin1.json"),
    }


@pytest.mark.parametrize("argv, words", [
    (["points", "{deep}"], "nested more than"),
    (["points", "{deep_points}"], "nested more than"),
    (["realize", "--arch", "2-1-1", "--points", "{deep}", "--labels", "+"], "nested more than"),
    (["robust", "--net", "{deep}", "--points", "cube:2", "--labels", "++++", "--radius", "1/4"],
     "nested more than"),
    (["separation", "{deep}", "cube:2", "--norm", "inf"], "nested more than"),
    (["check-certificate", "{deep_cert}"], "nested more than"),
    (["check-certificate", "{deep}"], "nested more than"),
    (["points", "{huge_points}"], "5000 digits"),
    (["robust", "--net", "{huge_net}", "--points", "grid:1:1", "--labels", "+",
      "--radius", "1/4"], "5000 digits"),
    (["points", "{twice}"], "appears twice"),
])
def test_hostile_json_files_are_one_error_line(cli, files, argv, words):
    line = cli.error([a.format(**files) for a in argv])
    assert words in line


def test_a_file_that_is_not_utf8_is_one_error_line(cli, files):
    with open(files["latin1"], "wb") as fh:
        fh.write(b"[[\xe9, 0]]")
    assert "not UTF-8" in cli.error(["points", files["latin1"]])


@pytest.mark.parametrize("argv", [
    ["bound", "--K", ARABIC_3, "--d", "3"],
    ["bound", "--K", "3", "--d", "3", "--alpha", f"{FULLWIDTH_1}/10"],
    ["bound", "--K", "0x10", "--d", "3"],
    ["bound", "--K", HUGE, "--d", "3"],
    ["bound", "--K", "3", "--d", "3", "--alpha", "1/" + HUGE],
    ["points", f"grid:{ARABIC_3}:2"],
    ["points", f"cube:{HUGE}"],
    ["realize", "--arch", f"2-{ARABIC_3}-1", "--points", "cube:2", "--labels", "++++"],
    ["realize", "--arch", f"2-{HUGE}-1", "--points", "cube:2", "--labels", "++++"],
    ["realize", "--arch", "2-1-1", "--points", "cube:2", "--labels", "++++",
     "--class", f"int:{ARABIC_3}"],
    ["realize", "--arch", "2-1-1", "--points", "cube:2", "--labels", "++++",
     "--timeout", ARABIC_3],
    ["construction", "--d", "3", "--eps", "1/4", "--c", "1/2", "--phi", HUGE],
    ["construction", "--d", ARABIC_3, "--eps", "1/4", "--c", "1/2"],
    ["table", "bounds", "--K", f"1:{ARABIC_3}"],
    ["vc-step", "--K", ARABIC_3, "--d", "3"],
    ["count", "halfspaces", "--points", f"cube:{ARABIC_3}"],
    ["bound", "--K", "3", "--d", "3", "--max-memory", f"{ARABIC_3}G"],
])
def test_other_digits_and_huge_integers_on_the_command_line(cli, argv):
    cli.error(argv)


def test_the_parsers_refuse_other_scripts_digits():
    for text in (ARABIC_3, FULLWIDTH_1, f"1{ARABIC_3}", "0x10", "1_000", " "):
        with pytest.raises(InvalidArgument):
            require_int(text, "K")
        with pytest.raises(InvalidArgument):
            to_rational(text, "alpha")
    with pytest.raises(InvalidArgument, match="not a width"):
        parse_architecture(f"2-{ARABIC_3}-1")
    assert require_int("  +12 ", "K") == 12 and to_rational(" -3 / 6 ") == Fraction(-1, 2)


def test_integer_digit_limit_is_exact():
    assert require_int("9" * 4000, "K") == 10**4000 - 1
    with pytest.raises(InvalidArgument, match="4001 digits"):
        require_int("9" * 4001, "K")
    assert loads_json("[" + "9" * 4000 + "]", "x") == [10**4000 - 1]
    with pytest.raises(InvalidArgument, match="4001 digits"):
        loads_json("[-" + "9" * 4001 + "]", "x")
    # a huge int passed through the API is named by its size, not printed
    with pytest.raises(InvalidArgument, match="an integer of 5001 digits"):
        require_int(10**5000, "K", high=10)


def test_depth_limit_is_exact(tmp_path):
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert loads_json(ok, "x") is not None
    with pytest.raises(InvalidArgument, match="nested more than"):
        loads_json("[" + ok + "]", "x")
    nested_objects = '{"a": ' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1)
    with pytest.raises(InvalidArgument, match="nested more than"):
        loads_json(nested_objects, "x")


def test_decimals_are_kept_as_text_and_constants_refused(tmp_path):
    path = tmp_path / "n.json"
    path.write_text('{"w": [0.1, 1e-3, -2, "1/3"]}', encoding="utf-8")
    data = load_json(path, "network")
    assert data == {"w": ["0.1", "1e-3", -2, "1/3"]}
    assert [to_rational(v) for v in data["w"]] == [Fraction(1, 10), Fraction(1, 1000), -2,
                                                   Fraction(1, 3)]
    for constant in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(InvalidArgument, match=constant):
            loads_json(f"[{constant}]", "points")
    with pytest.raises(InvalidArgument, match="larger than"):
        load_json(path, "network", max_bytes=4)
    with pytest.raises(InvalidArgument, match="not a file"):
        load_json(tmp_path / "missing.json", "network")
    with pytest.raises(InvalidArgument, match="not valid JSON"):
        loads_json("[1,", "network")


# Names the file system cannot take (too long, a NUL byte) and budgets no machine has:
# each is one error line before any work, never an OSError, ValueError or OverflowError.
LONG_NAME = "n" * 300  # past the 255 bytes a file name may have
DEEP_PATH = "a/" * 3000  # past the 4096 bytes a path may have


@pytest.mark.parametrize(("argv", "words"), [
    (["report", "--quick", "--claims", "thm-4.3-eq1", "--out", LONG_NAME],
     "cannot write the report"),
    (["report", "--quick", "--conjectures", LONG_NAME], "--conjectures: cannot read"),
    (["conjecture", "vc <= 2", "--arch", "2-1-1", "--points", "grid:2:2",
      "--certificate", DEEP_PATH], "--certificate: "),
    (["count", "halfspaces", "--points", "grid:2:2", "--certificate", "c\x00.json"],
     "certificate: a NUL byte"),
    (["points", "grid\x00:2:2"], "spec: a NUL byte"),
    (["agree", "--arch", "2-1-1", "--points", "grid:2:2", "--labels=+-+-",
      "--max-memory", "9" * 25], "more than 1 EiB"),
    (["bound", "--K", "3", "--d", "2", "--max-memory", "1" * 5000], "max-memory must be a size"),
])
def test_unusable_names_and_budgets_are_one_error_line(cli, tmp_path, monkeypatch, argv,
                                                       words):
    monkeypatch.chdir(tmp_path)  # nothing is written where the tests run
    assert words in cli.error(argv)
    assert not any(tmp_path.iterdir())


def test_a_budget_in_the_environment_is_named_when_refused(cli, monkeypatch):
    monkeypatch.setenv("VERIFY_MAX_MEMORY", "1e400")
    line = cli.error(["agree", "--arch", "2-1-1", "--points", "grid:2:2", "--labels=+-+-"])
    assert line.startswith("error: $VERIFY_MAX_MEMORY: max-memory must be a size")


# The library's entry points refuse a value of the wrong kind by name (InvalidArgument),
# never with a TypeError from deep inside, and never by iterating it: the bytes b"3" once
# became K = 51 (the code of "3") in a table of bound (1).
@pytest.mark.parametrize(("call", "words"), [
    (lambda v: verify.count_labelings(v, "2-1-1"), "points: expected a spec"),
    (lambda v: verify.count_labelings("grid:2:2", v), "architecture: expected text"),
    (lambda v: verify.realize("grid:2:2", v, "2-1-1"), "labels: expected text"),
    (lambda v: verify.growth_table(v, "halfspaces"), "points: expected comma-separated"),
    (lambda v: verify.bounds_table(K=v), "K: expected integers"),
    (lambda v: verify.bounds_table(alpha=v), "alpha: expected rationals"),
    (lambda v: verify.sizes_table(bounds=v), "bounds: expected a list"),
])
@pytest.mark.parametrize("value", [0.5, None, b"3", {"K": 3}])
def test_the_library_refuses_values_of_the_wrong_kind_by_name(call, words, value):
    with pytest.raises(InvalidArgument, match=words):
        call(value)


@pytest.mark.parametrize("value", [0.5, b"cache", {"K": 3}])  # None: the default directory
def test_a_cache_directory_of_the_wrong_kind_is_refused(value):
    with pytest.raises(InvalidArgument, match="cache_dir: expected a directory's name"):
        verify.count_labelings("grid:2:2", "2-1-1", cache_dir=value)


def test_a_claim_id_of_the_wrong_kind_and_an_empty_list_of_bounds_are_refused():
    with pytest.raises(InvalidArgument, match="unknown claim id"):
        verify.check_claim(["thm-4.3-eq1"])  # once: TypeError (unhashable)
    with pytest.raises(InvalidArgument, match="bounds: give at least one"):
        verify.sizes_table(bounds=[])  # once: IndexError
