"""The count certificate behind a counterexample (``verify conjecture --certificate``).

A counterexample to a bound on ``count`` (or ``Pi``, ``vc``, ``alpha``, all read
from the realized set) rests on the count of its instance.  When that count is
complete and the class has count certificates (halfspaces, ``m-1``, ``m-h-1``,
``m-h-1-...-1``, real or ``int:Q`` weights, at most 24 points), the certificate
lists every realized labeling with a witness network and refutes every other
one (:func:`verify.certify.make_count_certificate`); it is written to a file and
re-checked at once by the rational checker
(:func:`verify.certify.check_certificate`), whose verdict is reported as it
is (``verified``, ``partly-trusted`` with what is trusted, or ``rejected``).
This matters most for a failing lower bound (``count >= …``): the labelings
the class does *not* realize are then the evidence, and the certificate's
refutations prove it.  When no certificate can be made the reason is said
and nothing is written.
"""

from __future__ import annotations

from typing import Any

from verify.conjecture.data import ClassData, NotKnown
from verify.errors import InvalidArgument

__all__ = ["CLASS_QUANTITIES", "counterexample_certificate"]

#: Quantities read from the realized set of a class: a count certificate underpins them.
CLASS_QUANTITIES = frozenset({"count", "Pi", "vc", "alpha"})


def _not_made(reason: str) -> dict[str, Any]:
    return {"file": None, "note": f"no certificate written: {reason}"}


def counterexample_certificate(data: ClassData | None, used: frozenset[str], path: str,
                               timeout: float | None) -> dict[str, Any]:
    """Write and check the count certificate of a counterexample's instance.

    Parameters
    ----------
    data : ClassData or None
        The counterexample's point set and class (None: no class in the formula).
    used : frozenset of str
        The quantities of the failing inequality.
    path : str
        Where to write the certificate (``.json`` or ``.json.gz``).
    timeout : seconds or None
        For the refutations; past it no certificate is written (the reason is said).

    Returns
    -------
    dict
        ``{"file", "check", "count", "trusted", "rejected", "note"}``: ``check`` is
        the checker's verdict; ``file`` is None (with the reason in ``note``) when
        no certificate could be made.

    Examples
    --------
    >>> import os, tempfile
    >>> from verify.conjecture.sweep import PointSpec
    >>> data = ClassData(PointSpec("cube:2"), "halfspaces", None)
    >>> path = os.path.join(tempfile.mkdtemp(), "c.json")
    >>> c = counterexample_certificate(data, frozenset({"count", "n"}), path, None)
    >>> c["check"], c["count"], c["file"] == path
    ('verified', 14, True)
    >>> counterexample_certificate(None, frozenset({"n"}), path, None)["note"]
    'no certificate written: the failing inequality uses no count of a class'
    """
    if data is None or not (used & CLASS_QUANTITIES):
        return _not_made("the failing inequality uses no count of a class")
    if data.n > 24:
        return _not_made(f"count certificates cover at most 24 points, not {data.n}")
    if data.halfspaces and not data.listable():
        return _not_made("more halfspace dichotomies than can be listed (the count came from "
                         "the characteristic polynomial)")
    if not data.halfspaces:
        from verify.nets.network import parse_architecture

        widths = parse_architecture(data.arch)
        if len(widths) > 3 and not all(w == 1 for w in widths[2:]):
            return _not_made(f"count certificates cover m-1, m-h-1 and m-h-1-...-1 networks "
                             f"only, not {data.arch}")
    try:
        realized = data.labelings()
    except NotKnown as exc:
        return _not_made(f"the realized set is not known ({exc})")
    if not realized.complete:
        return _not_made("the count is incomplete (a certificate needs the complete set)")
    from verify.certify import check_certificate
    from verify.certify.producer import make_count_certificate, write_certificate

    prov = {k: v for k, v in realized.provenance.items()
            if k not in ("labelings", "characteristic_polynomial")}
    try:
        cert = make_count_certificate(
            [list(p) for p in data.points.points], data.arch, data.cls or "real",
            [int(b) for b in realized.labelings.tolist()], dict(realized.witnesses),
            spec=data.points.spec, timeout=timeout, provenance=prov)
    except InvalidArgument as exc:  # the producer's refusals: size, class, time-out
        return _not_made(str(exc))
    try:
        write_certificate(path, cert)
    except OSError as exc:
        raise InvalidArgument(f"--certificate: cannot write {path!r} ({exc.strerror})") from None
    check = check_certificate(cert)
    return {"file": path, "check": check.verdict, "count": check.count,
            "trusted": list(check.trusted), "rejected": list(check.rejected),
            "note": f"count certificate of the counterexample's instance; re-checked: "
                    f"{check.verdict} (re-check with 'verify check-certificate {path}')"}
