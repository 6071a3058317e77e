"""Count certificates: the checker re-derives the known counts, and they agree with z3."""

from __future__ import annotations

import copy

import pytest
from certify_cases import halfspace_count, relu_count

from verify.certify import check_certificate
from verify.certify.producer import make_count_certificate
from verify.enumeration.kernel import int_realized_set
from verify.geometry.pointsets import as_points


@pytest.mark.parametrize(("spec", "count"), [("grid:3:2", 58), ("cube:3", 104), ("cube:2", 14)])
def test_halfspace_counts_rederived(spec: str, count: int) -> None:
    check = check_certificate(halfspace_count(spec))
    assert check.verdict == "verified", check.rejected
    assert check.count == count


@pytest.mark.parametrize(("arch", "count"), [("2-1-1", 58), ("2-2-1", 360), ("2-3-1", 512)])
def test_relu_counts_on_grid_3_2_rederived(arch: str, count: int) -> None:
    cert, truth = relu_count("grid:3:2", arch)
    check = check_certificate(cert)
    assert check.verdict == "verified", check.rejected
    assert check.count == count == len(truth)


@pytest.mark.parametrize("arch", ["2-1-1", "2-2-1", "2-3-1"])
def test_refutation_trees_agree_with_z3_on_every_labeling(arch: str) -> None:
    # The checker verified: the listed labelings are realizable (witnesses) and every other
    # labeling of the 512 is refuted. z3's realized set must be exactly the listed one.
    cert, truth = relu_count("grid:3:2", arch)
    assert check_certificate(cert).verdict == "verified"
    listed = {sum(1 << i for i, c in enumerate(lab) if c == "+")
              for lab, _ in cert["answer"]["realized"]}
    assert listed == set(truth)


def test_count_without_symmetries_is_verified() -> None:
    cert = make_count_certificate(as_points("cube:2"), "2-1-1", "real",
                                  *_set("cube:2", "2-1-1"), symmetries=False)
    assert cert["answer"]["symmetries"] == {"maps": [], "negation": False}
    check = check_certificate(cert)
    assert check.verdict == "verified" and check.count == 14


def _set(spec: str, arch: str):  # type: ignore[no-untyped-def]
    from verify.encodings.realize import realized_set

    r = realized_set(spec, arch)
    return r.labelings, r.witnesses


@pytest.mark.parametrize(("arch", "q"), [("2-2-1", 1), ("2-1-1", 2)])
def test_int_class_counts_rederived_by_enumeration(arch: str, q: int) -> None:
    res = int_realized_set(as_points("grid:3:2"), arch, q)
    cert = make_count_certificate(as_points("grid:3:2"), arch, f"int:{q}",
                                  res.labelings.tolist(), res.witnesses)
    check = check_certificate(cert)
    assert check.verdict == "verified", check.rejected
    assert check.count == res.count
    # one labeling dropped (with its witness): the checker's enumeration finds it missing
    bad = copy.deepcopy(cert)
    bad["answer"]["realized"].pop()
    bad["answer"]["count"] -= 1
    check = check_certificate(bad)
    assert check.verdict == "rejected" and "not listed" in " ".join(check.rejected)


def test_large_int_class_is_partly_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    import verify.certify._counts as counts

    res = int_realized_set(as_points("cube:2"), "2-1-1", 1)
    cert = make_count_certificate(as_points("cube:2"), "2-1-1", "int:1",
                                  res.labelings.tolist(), res.witnesses)
    monkeypatch.setattr(counts, "INT_WORK", 10)  # as if the class were too large
    check = check_certificate(cert)
    assert check.verdict == "partly-trusted" and check.count is None
    assert "too large" in check.trusted[0]


def test_homogeneous_halfspace_certificates_use_linear_symmetries_only(cli, tmp_path):
    # grid:2:2 = {1/2, 1}^2 is symmetric under x -> 3/2 - x, which is no symmetry of
    # homogeneous halfspaces (their offset stays 0): the producer used it (the checker
    # then rejected the certificate: the set is not closed under it), and a checker
    # accepting it could cover a realizable labeling by a refuted image
    from fractions import Fraction

    from verify.certify.checker import check_certificate
    from verify.geometry.dichotomies import halfspace_dichotomies

    labs = halfspace_dichotomies("grid:2:2", homogeneous=True).tolist()
    cert = make_count_certificate(as_points("grid:2:2"), "halfspaces", "real", labs,
                                  homogeneous=True)
    maps = cert["answer"]["symmetries"]["maps"]
    assert maps and all(Fraction(v) == 0 for g in maps for v in g["shift"])  # the swap
    check = check_certificate(cert)
    assert (check.verdict, check.count) == ("verified", 6) and len(labs) == 6
    shifted = copy.deepcopy(cert)
    shifted["answer"]["symmetries"]["maps"].append(
        {"perm": [0, 1], "sign": [-1, -1], "shift": ["3/2", "3/2"]})
    bad = check_certificate(shifted)
    assert bad.verdict == "rejected"
    assert bad.rejected[0].startswith("a symmetry map with a shift: homogeneous halfspaces")
    out = tmp_path / "c.json"
    cli(["count", "halfspaces", "--homogeneous", "--points", "grid:2:2", "--certificate",
         str(out), "--quiet"])
    assert cli(["check-certificate", str(out)]).code == 0


def test_homogeneous_halfspaces_with_a_point_at_the_origin_are_refused_up_front():
    # every homogeneous halfspace is 0 at the origin: no labeling is realized, and the
    # format has no refutation for that point; the producer ended in ArithmeticError
    # (the refutation tree took the empty labeling for realizable), a bug's exception
    from verify.errors import InvalidArgument

    with pytest.raises(InvalidArgument, match="a point at the origin"):
        make_count_certificate([[0, 0], [0, 1], [1, 0], [1, 1]], "halfspaces", "real", [],
                               homogeneous=True)
