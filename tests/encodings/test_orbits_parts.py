"""The parts of ``decide_orbits`` (split by concern), each through the whole.

The whole is pinned on deterministic deciders (the seeded sweep's networks as the
truth): the realized set, its provenance without times, and every callback, on six
runs (seeds, stored refutations, a cheap pass, a search, both passes, the run's
time-out), computed before the split.
"""

from __future__ import annotations

import json

import pytest

from verify.encodings.orbits import decide_orbits
from verify.encodings.sweep import sweep_witnesses
from verify.errors import InvalidArgument
from verify.geometry.pointsets import cube, grid
from verify.labels import pack_labels, unpack_labels


def _run(name):
    pts = {"cube2": cube(2), "grid32": grid(3, 2)}["grid32" if "grid" in name else "cube2"]
    n = len(pts)
    truth = {b: net for b, net in sweep_witnesses(pts, 2, nets=3000).items()
             if net.realizes(pts, unpack_labels(b, n))}
    calls = {"found": 0, "refuted": [], "advance": 0, "asked": []}

    def realizes(net, bits):
        return net.realizes(pts, unpack_labels(bits, n))

    def decide(y, seconds, pass_no):
        bits = pack_labels(y)
        calls["asked"].append((bits, pass_no))
        if bits in truth and (pass_no == 2 or bits % 2):
            return "realizable", truth[bits], {"method": "fake", "solver": "t"}
        if bits in truth or (bits % 3 == 0 and pass_no == 1):
            return "unknown", None, {"reason": f"fake stop at pass {pass_no}"}
        if bits % 5 == 0 and pass_no == 2:
            return "unknown", None, {}
        return "unrealizable", None, {"method": "fake", "solver": "t", "version": "1"}

    def cheap(y, seconds, pass_no):
        bits = pack_labels(y)
        calls["asked"].append((bits, pass_no))
        if bits % 7 == 1 and bits not in truth:
            return "unrealizable", None, {"method": "cheap"}
        return "unknown", None, {}

    def search(labels):
        return {i: truth[pack_labels(y)] for i, y in enumerate(labels)
                if pack_labels(y) in truth and pack_labels(y) % 4 == 0}

    kw = {"realizes": realizes, "query_timeout": 5,
          "on_found": lambda b, g: calls.__setitem__("found", calls["found"] + 1),
          "on_refuted": lambda b, s, p: calls["refuted"].append((b, s, p.get("method"))),
          "advance": lambda k: calls.__setitem__("advance", calls["advance"] + k)}
    if "seeds" in name:
        kw["seeds"] = [("sweep", sorted(truth.items())[:3]), ("other", [(0, truth[0])]
                                                                 if 0 in truth else [])]
    if "stored" in name:
        refuted = sorted(set(range(2**n)) - set(truth))[:2]
        kw["refuted"] = [(b, {"method": "stored"}) for b in refuted]
    if "cheap" in name:
        kw["cheap"] = cheap
    if "search" in name:
        kw["search"] = search
    if "timeout" in name:
        kw["timeout"] = 1e-9
    res = decide_orbits(pts, decide, **kw)
    return res, calls


def summary(res, calls):
    prov = json.loads(json.dumps(res.provenance, default=str))
    for key in ("seconds", "seconds_per_decided_query"):
        prov.pop(key, None)
    for r in prov["refutations"]:
        r.pop("seconds", None)
    return json.dumps({"labelings": sorted(int(b) for b in res.labelings),
                       "witnessed": sorted(int(b) for b in res.witnesses),
                       "complete": res.complete, "reason": res.reason,
                       "unknown": [res.unknown_labelings, res.unknown_orbits],
                       "provenance": prov, "calls": calls}, sort_keys=True)


NAMES = ["cube2", "cube2-seeds-stored", "grid32-cheap-search", "grid32-seeds-stored-cheap-search",
         "cube2-timeout", "grid32-seeds-timeout"]


@pytest.mark.parametrize("name", NAMES)
def test_decide_orbits_is_unchanged(name):
    assert summary(*_run(name)) == GOLDEN[name]


def test_a_stored_refutation_contradicting_a_witness_is_refused():
    pts = cube(2)
    truth = sweep_witnesses(pts, 2, nets=3000)
    b, net = sorted(truth.items())[1]
    with pytest.raises(InvalidArgument, match=f"^the cache: the refutation of labeling {b} "
                                              "contradicts a witness"):
        decide_orbits(pts, lambda *a: ("unknown", None, {}), seeds=[("s", [(b, net)])],
                      refuted=[(b, {})], realizes=lambda g, c: g.realizes(
                          pts, unpack_labels(c, 4)), refuted_source="the cache")


GOLDEN = {
    'cube2': (
        '{"calls": {"advance": 3, "asked": [[0, 1], [1, 1], [3, 1], [6, 1], [0, 2], [6, 2'
        ']], "found": 14, "refuted": []}, "complete": false, "labelings": [1, 2, 3, 4, 5,'
        ' 6, 7, 8, 9, 10, 11, 12, 13, 14], "provenance": {"decided_by": {"fake": 3}, "met'
        'hod": "one exact query per symmetry orbit", "orbits": 4, "queries_decided": 3, "'
        'refutations": [], "symmetry_group": 16, "unknown": [{"labels": "----", "orbit_si'
        'ze": 2, "reason": "query time-out (30 s, pass 2)"}]}, "reason": "1 orbit(s) unkn'
        'own (2 labelings): query time-out (30 s, pass 2)", "unknown": [2, 1], "witnessed'
        '": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]}'
    ),
    'cube2-seeds-stored': (
        '{"calls": {"advance": 4, "asked": [[6, 1], [6, 2]], "found": 14, "refuted": []},'
        ' "complete": true, "labelings": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],'
        ' "provenance": {"decided_by": {"fake": 1, "seed:sweep": 2, "stored refutation": '
        '1}, "method": "one exact query per symmetry orbit", "orbits": 4, "queries_decide'
        'd": 1, "refutations": [{"from_store": true, "labels": "----", "method": "stored"'
        ', "orbit_size": 2}], "symmetry_group": 16, "unknown": []}, "reason": null, "unkn'
        'own": [0, 0], "witnessed": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]}'
    ),
    'grid32-cheap-search': (
        '{"calls": {"advance": 49, "asked": [[0, 0], [1, 0], [2, 0], [3, 0], [5, 0], [7, '
        '0], [10, 0], [11, 0], [12, 0], [13, 0], [14, 0], [15, 0], [16, 0], [17, 0], [18,'
        ' 0], [19, 0], [21, 0], [23, 0], [26, 0], [27, 0], [28, 0], [29, 0], [30, 0], [40'
        ', 0], [41, 0], [42, 0], [43, 0], [45, 0], [56, 0], [57, 0], [58, 0], [59, 0], [6'
        '1, 0], [68, 0], [69, 0], [70, 0], [78, 0], [84, 0], [85, 0], [86, 0], [94, 0], ['
        '97, 0], [98, 0], [99, 0], [101, 0], [106, 0], [108, 0], [113, 0], [114, 0], [170'
        ', 0], [186, 0], [0, 1], [1, 1], [2, 1], [3, 1], [5, 1], [7, 1], [10, 1], [11, 1]'
        ', [12, 1], [13, 1], [14, 1], [15, 1], [16, 1], [17, 1], [18, 1], [19, 1], [21, 1'
        '], [23, 1], [26, 1], [27, 1], [28, 1], [30, 1], [40, 1], [41, 1], [42, 1], [45, '
        '1], [56, 1], [58, 1], [59, 1], [61, 1], [69, 1], [70, 1], [78, 1], [84, 1], [86,'
        ' 1], [94, 1], [97, 1], [98, 1], [101, 1], [108, 1], [114, 1], [170, 1], [186, 1]'
        ', [0, 2], [2, 2], [10, 2], [12, 2], [14, 2], [18, 2], [21, 2], [30, 2], [42, 2],'
        ' [45, 2], [69, 2], [70, 2], [78, 2], [84, 2], [86, 2], [94, 2], [108, 2], [114, '
        '2], [186, 2]], "found": 212, "refuted": [[29, 16, "cheap"], [43, 16, "cheap"], ['
        '57, 16, "cheap"], [85, 8, "cheap"], [99, 16, "cheap"], [106, 16, "cheap"], [113,'
        ' 8, "cheap"], [16, 2, "fake"], [17, 8, "fake"], [19, 16, "fake"], [26, 8, "fake"'
        '], [28, 16, "fake"], [40, 4, "fake"], [41, 16, "fake"], [56, 4, "fake"], [58, 8,'
        ' "fake"], [61, 8, "fake"], [97, 8, "fake"], [98, 8, "fake"], [101, 16, "fake"], '
        '[170, 2, "fake"], [12, 16, "fake"], [18, 8, "fake"], [21, 8, "fake"], [42, 8, "f'
        'ake"], [69, 8, "fake"], [84, 4, "fake"], [108, 8, "fake"], [114, 8, "fake"], [18'
        '6, 2, "fake"]]}, "complete": false, "labelings": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10,'
        ' 11, 13, 14, 15, 23, 27, 30, 31, 32, 34, 35, 36, 37, 38, 39, 47, 51, 54, 55, 59,'
        ' 62, 63, 64, 65, 67, 68, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 86, 89, 90, 91,'
        ' 92, 94, 95, 100, 102, 103, 110, 116, 118, 119, 123, 126, 127, 128, 136, 137, 15'
        '3, 155, 159, 160, 164, 180, 182, 183, 191, 192, 193, 196, 200, 201, 203, 204, 20'
        '5, 206, 212, 216, 217, 218, 219, 220, 221, 222, 223, 224, 228, 230, 236, 240, 24'
        '4, 246, 248, 249, 251, 252, 254, 255, 256, 257, 259, 260, 262, 263, 265, 267, 27'
        '1, 275, 281, 283, 287, 288, 289, 290, 291, 292, 293, 294, 295, 299, 305, 306, 30'
        '7, 308, 310, 311, 315, 318, 319, 320, 328, 329, 331, 347, 351, 352, 356, 358, 37'
        '4, 375, 383, 384, 385, 388, 392, 393, 395, 401, 408, 409, 411, 416, 417, 419, 42'
        '0, 421, 422, 425, 432, 433, 434, 435, 436, 437, 438, 439, 440, 441, 443, 444, 44'
        '6, 447, 448, 449, 452, 456, 457, 460, 464, 472, 473, 474, 475, 476, 477, 479, 48'
        '0, 481, 484, 488, 496, 497, 498, 500, 501, 502, 503, 504, 505, 506, 507, 508, 50'
        '9, 510], "provenance": {"decided_by": {"cheap": 7, "fake": 41, "first-layer sear'
        'ch": 1}, "method": "one exact query per symmetry orbit", "orbits": 51, "queries_'
        'decided": 48, "refutations": [{"labels": "--++-----", "method": "fake", "orbit_s'
        'ize": 16, "pass": 2, "solver": "t", "version": "1"}, {"labels": "----+----", "me'
        'thod": "fake", "orbit_size": 2, "pass": 1, "solver": "t", "version": "1"}, {"lab'
        'els": "+---+----", "method": "fake", "orbit_size": 8, "pass": 1, "solver": "t", '
        '"version": "1"}, {"labels": "-+--+----", "method": "fake", "orbit_size": 8, "pas'
        's": 2, "solver": "t", "version": "1"}, {"labels": "++--+----", "method": "fake",'
        ' "orbit_size": 16, "pass": 1, "solver": "t", "version": "1"}, {"labels": "+-+-+-'
        '---", "method": "fake", "orbit_size": 8, "pass": 2, "solver": "t", "version": "1'
        '"}, {"labels": "-+-++----", "method": "fake", "orbit_size": 8, "pass": 1, "solve'
        'r": "t", "version": "1"}, {"labels": "--+++----", "method": "fake", "orbit_size"'
        ': 16, "pass": 1, "solver": "t", "version": "1"}, {"labels": "+-+++----", "method'
        '": "cheap", "orbit_size": 16, "pass": 0}, {"labels": "---+-+---", "method": "fak'
        'e", "orbit_size": 4, "pass": 1, "solver": "t", "version": "1"}, {"labels": "+--+'
        '-+---", "method": "fake", "orbit_size": 16, "pass": 1, "solver": "t", "version":'
        ' "1"}, {"labels": "-+-+-+---", "method": "fake", "orbit_size": 8, "pass": 2, "so'
        'lver": "t", "version": "1"}, {"labels": "++-+-+---", "method": "cheap", "orbit_s'
        'ize": 16, "pass": 0}, {"labels": "---+++---", "method": "fake", "orbit_size": 4,'
        ' "pass": 1, "solver": "t", "version": "1"}, {"labels": "+--+++---", "method": "c'
        'heap", "orbit_size": 16, "pass": 0}, {"labels": "-+-+++---", "method": "fake", "'
        'orbit_size": 8, "pass": 1, "solver": "t", "version": "1"}, {"labels": "+-++++---'
        '", "method": "fake", "orbit_size": 8, "pass": 1, "solver": "t", "version": "1"},'
        ' {"labels": "+-+---+--", "method": "fake", "orbit_size": 8, "pass": 2, "solver":'
        ' "t", "version": "1"}, {"labels": "--+-+-+--", "method": "fake", "orbit_size": 4'
        ', "pass": 2, "solver": "t", "version": "1"}, {"labels": "+-+-+-+--", "method": "'
        'cheap", "orbit_size": 8, "pass": 0}, {"labels": "+----++--", "method": "fake", "'
        'orbit_size": 8, "pass": 1, "solver": "t", "version": "1"}, {"labels": "-+---++--'
        '", "method": "fake", "orbit_size": 8, "pass": 1, "solver": "t", "version": "1"},'
        ' {"labels": "++---++--", "method": "cheap", "orbit_size": 16, "pass": 0}, {"labe'
        'ls": "+-+--++--", "method": "fake", "orbit_size": 16, "pass": 1, "solver": "t", '
        '"version": "1"}, {"labels": "-+-+-++--", "method": "cheap", "orbit_size": 16, "p'
        'ass": 0}, {"labels": "--++-++--", "method": "fake", "orbit_size": 8, "pass": 2, '
        '"solver": "t", "version": "1"}, {"labels": "+---+++--", "method": "cheap", "orbi'
        't_size": 8, "pass": 0}, {"labels": "-+--+++--", "method": "fake", "orbit_size": '
        '8, "pass": 2, "solver": "t", "version": "1"}, {"labels": "-+-+-+-+-", "method": '
        '"fake", "orbit_size": 2, "pass": 1, "solver": "t", "version": "1"}, {"labels": "'
        '-+-+++-+-", "method": "fake", "orbit_size": 2, "pass": 2, "solver": "t", "versio'
        'n": "1"}], "symmetry_group": 16, "unknown": [{"labels": "---------", "orbit_size'
        '": 2, "reason": "query time-out (30 s, pass 2)"}, {"labels": "+-++-+---", "orbit'
        '_size": 8, "reason": "query time-out (30 s, pass 2)"}]}, "reason": "2 orbit(s) u'
        'nknown (10 labelings): query time-out (30 s, pass 2)", "unknown": [10, 2], "witn'
        'essed": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 23, 27, 30, 31, 32, 34, '
        '35, 36, 37, 38, 39, 47, 51, 54, 55, 59, 62, 63, 64, 65, 67, 68, 70, 71, 72, 73, '
        '74, 75, 76, 77, 78, 79, 86, 89, 90, 91, 92, 94, 95, 100, 102, 103, 110, 116, 118'
        ', 119, 123, 126, 127, 128, 136, 137, 153, 155, 159, 160, 164, 180, 182, 183, 191'
        ', 192, 193, 196, 200, 201, 203, 204, 205, 206, 212, 216, 217, 218, 219, 220, 221'
        ', 222, 223, 224, 228, 230, 236, 240, 244, 246, 248, 249, 251, 252, 254, 255, 256'
        ', 257, 259, 260, 262, 263, 265, 267, 271, 275, 281, 283, 287, 288, 289, 290, 291'
        ', 292, 293, 294, 295, 299, 305, 306, 307, 308, 310, 311, 315, 318, 319, 320, 328'
        ', 329, 331, 347, 351, 352, 356, 358, 374, 375, 383, 384, 385, 388, 392, 393, 395'
        ', 401, 408, 409, 411, 416, 417, 419, 420, 421, 422, 425, 432, 433, 434, 435, 436'
        ', 437, 438, 439, 440, 441, 443, 444, 446, 447, 448, 449, 452, 456, 457, 460, 464'
        ', 472, 473, 474, 475, 476, 477, 479, 480, 481, 484, 488, 496, 497, 498, 500, 501'
        ', 502, 503, 504, 505, 506, 507, 508, 509, 510]}'
    ),
    'grid32-seeds-stored-cheap-search': (
        '{"calls": {"advance": 50, "asked": [[5, 0], [7, 0], [10, 0], [11, 0], [13, 0], ['
        '14, 0], [15, 0], [16, 0], [17, 0], [18, 0], [19, 0], [21, 0], [23, 0], [26, 0], '
        '[27, 0], [28, 0], [29, 0], [30, 0], [40, 0], [41, 0], [42, 0], [43, 0], [45, 0],'
        ' [56, 0], [57, 0], [58, 0], [59, 0], [61, 0], [68, 0], [69, 0], [70, 0], [78, 0]'
        ', [84, 0], [85, 0], [86, 0], [94, 0], [97, 0], [98, 0], [99, 0], [101, 0], [106,'
        ' 0], [108, 0], [113, 0], [114, 0], [170, 0], [186, 0], [5, 1], [7, 1], [10, 1], '
        '[11, 1], [13, 1], [14, 1], [15, 1], [16, 1], [17, 1], [18, 1], [19, 1], [21, 1],'
        ' [23, 1], [26, 1], [27, 1], [28, 1], [30, 1], [40, 1], [41, 1], [42, 1], [45, 1]'
        ', [56, 1], [58, 1], [59, 1], [61, 1], [69, 1], [70, 1], [78, 1], [84, 1], [86, 1'
        '], [94, 1], [97, 1], [98, 1], [101, 1], [108, 1], [114, 1], [170, 1], [186, 1], '
        '[10, 2], [14, 2], [18, 2], [21, 2], [30, 2], [42, 2], [45, 2], [69, 2], [70, 2],'
        ' [78, 2], [84, 2], [86, 2], [94, 2], [108, 2], [114, 2], [186, 2]], "found": 212'
        ', "refuted": [[29, 16, "cheap"], [43, 16, "cheap"], [57, 16, "cheap"], [85, 8, "'
        'cheap"], [99, 16, "cheap"], [106, 16, "cheap"], [113, 8, "cheap"], [16, 2, "fake'
        '"], [17, 8, "fake"], [19, 16, "fake"], [26, 8, "fake"], [28, 16, "fake"], [40, 4'
        ', "fake"], [41, 16, "fake"], [56, 4, "fake"], [58, 8, "fake"], [61, 8, "fake"], '
        '[97, 8, "fake"], [98, 8, "fake"], [101, 16, "fake"], [170, 2, "fake"], [18, 8, "'
        'fake"], [21, 8, "fake"], [42, 8, "fake"], [69, 8, "fake"], [84, 4, "fake"], [108'
        ', 8, "fake"], [114, 8, "fake"], [186, 2, "fake"]]}, "complete": false, "labeling'
        's": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 23, 27, 30, 31, 32, 34, 35, '
        '36, 37, 38, 39, 47, 51, 54, 55, 59, 62, 63, 64, 65, 67, 68, 70, 71, 72, 73, 74, '
        '75, 76, 77, 78, 79, 86, 89, 90, 91, 92, 94, 95, 100, 102, 103, 110, 116, 118, 11'
        '9, 123, 126, 127, 128, 136, 137, 153, 155, 159, 160, 164, 180, 182, 183, 191, 19'
        '2, 193, 196, 200, 201, 203, 204, 205, 206, 212, 216, 217, 218, 219, 220, 221, 22'
        '2, 223, 224, 228, 230, 236, 240, 244, 246, 248, 249, 251, 252, 254, 255, 256, 25'
        '7, 259, 260, 262, 263, 265, 267, 271, 275, 281, 283, 287, 288, 289, 290, 291, 29'
        '2, 293, 294, 295, 299, 305, 306, 307, 308, 310, 311, 315, 318, 319, 320, 328, 32'
        '9, 331, 347, 351, 352, 356, 358, 374, 375, 383, 384, 385, 388, 392, 393, 395, 40'
        '1, 408, 409, 411, 416, 417, 419, 420, 421, 422, 425, 432, 433, 434, 435, 436, 43'
        '7, 438, 439, 440, 441, 443, 444, 446, 447, 448, 449, 452, 456, 457, 460, 464, 47'
        '2, 473, 474, 475, 476, 477, 479, 480, 481, 484, 488, 496, 497, 498, 500, 501, 50'
        '2, 503, 504, 505, 506, 507, 508, 509, 510], "provenance": {"decided_by": {"cheap'
        '": 7, "fake": 37, "first-layer search": 1, "seed:sweep": 3, "stored refutation":'
        ' 2}, "method": "one exact query per symmetry orbit", "orbits": 51, "queries_deci'
        'ded": 44, "refutations": [{"from_store": true, "labels": "---------", "method": '
        '"stored", "orbit_size": 2}, {"from_store": true, "labels": "--++-----", "method"'
        ': "stored", "orbit_size": 16}, {"labels": "----+----", "method": "fake", "orbit_'
        'size": 2, "pass": 1, "solver": "t", "version": "1"}, {"labels": "+---+----", "me'
        'thod": "fake", "orbit_size": 8, "pass": 1, "solver": "t", "version": "1"}, {"lab'
        'els": "-+--+----", "method": "fake", "orbit_size": 8, "pass": 2, "solver": "t", '
        '"version": "1"}, {"labels": "++--+----", "method": "fake", "orbit_size": 16, "pa'
        'ss": 1, "solver": "t", "version": "1"}, {"labels": "+-+-+----", "method": "fake"'
        ', "orbit_size": 8, "pass": 2, "solver": "t", "version": "1"}, {"labels": "-+-++-'
        '---", "method": "fake", "orbit_size": 8, "pass": 1, "solver": "t", "version": "1'
        '"}, {"labels": "--+++----", "method": "fake", "orbit_size": 16, "pass": 1, "solv'
        'er": "t", "version": "1"}, {"labels": "+-+++----", "method": "cheap", "orbit_siz'
        'e": 16, "pass": 0}, {"labels": "---+-+---", "method": "fake", "orbit_size": 4, "'
        'pass": 1, "solver": "t", "version": "1"}, {"labels": "+--+-+---", "method": "fak'
        'e", "orbit_size": 16, "pass": 1, "solver": "t", "version": "1"}, {"labels": "-+-'
        '+-+---", "method": "fake", "orbit_size": 8, "pass": 2, "solver": "t", "version":'
        ' "1"}, {"labels": "++-+-+---", "method": "cheap", "orbit_size": 16, "pass": 0}, '
        '{"labels": "---+++---", "method": "fake", "orbit_size": 4, "pass": 1, "solver": '
        '"t", "version": "1"}, {"labels": "+--+++---", "method": "cheap", "orbit_size": 1'
        '6, "pass": 0}, {"labels": "-+-+++---", "method": "fake", "orbit_size": 8, "pass"'
        ': 1, "solver": "t", "version": "1"}, {"labels": "+-++++---", "method": "fake", "'
        'orbit_size": 8, "pass": 1, "solver": "t", "version": "1"}, {"labels": "+-+---+--'
        '", "method": "fake", "orbit_size": 8, "pass": 2, "solver": "t", "version": "1"},'
        ' {"labels": "--+-+-+--", "method": "fake", "orbit_size": 4, "pass": 2, "solver":'
        ' "t", "version": "1"}, {"labels": "+-+-+-+--", "method": "cheap", "orbit_size": '
        '8, "pass": 0}, {"labels": "+----++--", "method": "fake", "orbit_size": 8, "pass"'
        ': 1, "solver": "t", "version": "1"}, {"labels": "-+---++--", "method": "fake", "'
        'orbit_size": 8, "pass": 1, "solver": "t", "version": "1"}, {"labels": "++---++--'
        '", "method": "cheap", "orbit_size": 16, "pass": 0}, {"labels": "+-+--++--", "met'
        'hod": "fake", "orbit_size": 16, "pass": 1, "solver": "t", "version": "1"}, {"lab'
        'els": "-+-+-++--", "method": "cheap", "orbit_size": 16, "pass": 0}, {"labels": "'
        '--++-++--", "method": "fake", "orbit_size": 8, "pass": 2, "solver": "t", "versio'
        'n": "1"}, {"labels": "+---+++--", "method": "cheap", "orbit_size": 8, "pass": 0}'
        ', {"labels": "-+--+++--", "method": "fake", "orbit_size": 8, "pass": 2, "solver"'
        ': "t", "version": "1"}, {"labels": "-+-+-+-+-", "method": "fake", "orbit_size": '
        '2, "pass": 1, "solver": "t", "version": "1"}, {"labels": "-+-+++-+-", "method": '
        '"fake", "orbit_size": 2, "pass": 2, "solver": "t", "version": "1"}], "symmetry_g'
        'roup": 16, "unknown": [{"labels": "+-++-+---", "orbit_size": 8, "reason": "query'
        ' time-out (30 s, pass 2)"}]}, "reason": "1 orbit(s) unknown (8 labelings): query'
        ' time-out (30 s, pass 2)", "unknown": [8, 1], "witnessed": [1, 2, 3, 4, 5, 6, 7,'
        ' 8, 9, 10, 11, 13, 14, 15, 23, 27, 30, 31, 32, 34, 35, 36, 37, 38, 39, 47, 51, 5'
        '4, 55, 59, 62, 63, 64, 65, 67, 68, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 86, 8'
        '9, 90, 91, 92, 94, 95, 100, 102, 103, 110, 116, 118, 119, 123, 126, 127, 128, 13'
        '6, 137, 153, 155, 159, 160, 164, 180, 182, 183, 191, 192, 193, 196, 200, 201, 20'
        '3, 204, 205, 206, 212, 216, 217, 218, 219, 220, 221, 222, 223, 224, 228, 230, 23'
        '6, 240, 244, 246, 248, 249, 251, 252, 254, 255, 256, 257, 259, 260, 262, 263, 26'
        '5, 267, 271, 275, 281, 283, 287, 288, 289, 290, 291, 292, 293, 294, 295, 299, 30'
        '5, 306, 307, 308, 310, 311, 315, 318, 319, 320, 328, 329, 331, 347, 351, 352, 35'
        '6, 358, 374, 375, 383, 384, 385, 388, 392, 393, 395, 401, 408, 409, 411, 416, 41'
        '7, 419, 420, 421, 422, 425, 432, 433, 434, 435, 436, 437, 438, 439, 440, 441, 44'
        '3, 444, 446, 447, 448, 449, 452, 456, 457, 460, 464, 472, 473, 474, 475, 476, 47'
        '7, 479, 480, 481, 484, 488, 496, 497, 498, 500, 501, 502, 503, 504, 505, 506, 50'
        '7, 508, 509, 510]}'
    ),
    'cube2-timeout': (
        '{"calls": {"advance": 0, "asked": [], "found": 0, "refuted": []}, "complete": fa'
        'lse, "labelings": [], "provenance": {"decided_by": {}, "method": "one exact quer'
        'y per symmetry orbit", "orbits": 4, "queries_decided": 0, "refutations": [], "sy'
        'mmetry_group": 16, "unknown": [{"labels": "----", "orbit_size": 2, "reason": "no'
        't reached: the run\'s time-out (1e-09 s)"}, {"labels": "+---", "orbit_size": 8, "'
        'reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "++--", "orbit'
        '_size": 4, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "-'
        '++-", "orbit_size": 2, "reason": "not reached: the run\'s time-out (1e-09 s)"}]},'
        ' "reason": "4 orbit(s) unknown (16 labelings): not reached: the run\'s time-out ('
        '1e-09 s)", "unknown": [16, 4], "witnessed": []}'
    ),
    # recomputed when seeding came to stop at the run's deadline (no seed taken here)
    'grid32-seeds-timeout': (
        '{"calls": {"advance": 0, "asked": [], "found": 0, "refuted": []}, "complete": fa'
        'lse, "labelings": [], "provenance": {"decided_by": {}, "method": "one exact quer'
        'y per symmetry orbit", "orbits": 51, "queries_decided": 0, "refutations": [], "s'
        'ymmetry_group": 16, "unknown": [{"labels": "---------", "orbit_size": 2, "reason'
        '": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "+--------", "orbit_'
        'size": 8, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "-+'
        '-------", "orbit_size": 8, "reason": "not reached: the run\'s time-out (1e-09 s)"'
        '}, {"labels": "++-------", "orbit_size": 16, "reason": "not reached: the run\'s t'
        'ime-out (1e-09 s)"}, {"labels": "+-+------", "orbit_size": 8, "reason": "not rea'
        'ched: the run\'s time-out (1e-09 s)"}, {"labels": "+++------", "orbit_size": 8, "'
        'reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "-+-+-----", "'
        'orbit_size": 8, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels'
        '": "++-+-----", "orbit_size": 8, "reason": "not reached: the run\'s time-out (1e-'
        '09 s)"}, {"labels": "--++-----", "orbit_size": 16, "reason": "not reached: the r'
        'un\'s time-out (1e-09 s)"}, {"labels": "+-++-----", "orbit_size": 16, "reason": "'
        'not reached: the run\'s time-out (1e-09 s)"}, {"labels": "-+++-----", "orbit_size'
        '": 16, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "++++-'
        '----", "orbit_size": 16, "reason": "not reached: the run\'s time-out (1e-09 s)"},'
        ' {"labels": "----+----", "orbit_size": 2, "reason": "not reached: the run\'s time'
        '-out (1e-09 s)"}, {"labels": "+---+----", "orbit_size": 8, "reason": "not reache'
        'd: the run\'s time-out (1e-09 s)"}, {"labels": "-+--+----", "orbit_size": 8, "rea'
        'son": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "++--+----", "orb'
        'it_size": 16, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels":'
        ' "+-+-+----", "orbit_size": 8, "reason": "not reached: the run\'s time-out (1e-09'
        ' s)"}, {"labels": "+++-+----", "orbit_size": 8, "reason": "not reached: the run\''
        's time-out (1e-09 s)"}, {"labels": "-+-++----", "orbit_size": 8, "reason": "not '
        'reached: the run\'s time-out (1e-09 s)"}, {"labels": "++-++----", "orbit_size": 8'
        ', "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "--+++----"'
        ', "orbit_size": 16, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"la'
        'bels": "+-+++----", "orbit_size": 16, "reason": "not reached: the run\'s time-out'
        ' (1e-09 s)"}, {"labels": "-++++----", "orbit_size": 16, "reason": "not reached: '
        'the run\'s time-out (1e-09 s)"}, {"labels": "---+-+---", "orbit_size": 4, "reason'
        '": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "+--+-+---", "orbit_'
        'size": 16, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "-'
        '+-+-+---", "orbit_size": 8, "reason": "not reached: the run\'s time-out (1e-09 s)'
        '"}, {"labels": "++-+-+---", "orbit_size": 16, "reason": "not reached: the run\'s '
        'time-out (1e-09 s)"}, {"labels": "+-++-+---", "orbit_size": 8, "reason": "not re'
        'ached: the run\'s time-out (1e-09 s)"}, {"labels": "---+++---", "orbit_size": 4, '
        '"reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "+--+++---", '
        '"orbit_size": 16, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labe'
        'ls": "-+-+++---", "orbit_size": 8, "reason": "not reached: the run\'s time-out (1'
        'e-09 s)"}, {"labels": "++-+++---", "orbit_size": 16, "reason": "not reached: the'
        ' run\'s time-out (1e-09 s)"}, {"labels": "+-++++---", "orbit_size": 8, "reason": '
        '"not reached: the run\'s time-out (1e-09 s)"}, {"labels": "--+---+--", "orbit_siz'
        'e": 4, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "+-+--'
        '-+--", "orbit_size": 8, "reason": "not reached: the run\'s time-out (1e-09 s)"}, '
        '{"labels": "-++---+--", "orbit_size": 16, "reason": "not reached: the run\'s time'
        '-out (1e-09 s)"}, {"labels": "-+++--+--", "orbit_size": 8, "reason": "not reache'
        'd: the run\'s time-out (1e-09 s)"}, {"labels": "--+-+-+--", "orbit_size": 4, "rea'
        'son": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "+-+-+-+--", "orb'
        'it_size": 8, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": '
        '"-++-+-+--", "orbit_size": 16, "reason": "not reached: the run\'s time-out (1e-09'
        ' s)"}, {"labels": "-++++-+--", "orbit_size": 8, "reason": "not reached: the run\''
        's time-out (1e-09 s)"}, {"labels": "+----++--", "orbit_size": 8, "reason": "not '
        'reached: the run\'s time-out (1e-09 s)"}, {"labels": "-+---++--", "orbit_size": 8'
        ', "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "++---++--"'
        ', "orbit_size": 16, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"la'
        'bels": "+-+--++--", "orbit_size": 16, "reason": "not reached: the run\'s time-out'
        ' (1e-09 s)"}, {"labels": "-+-+-++--", "orbit_size": 16, "reason": "not reached: '
        'the run\'s time-out (1e-09 s)"}, {"labels": "--++-++--", "orbit_size": 8, "reason'
        '": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "+---+++--", "orbit_'
        'size": 8, "reason": "not reached: the run\'s time-out (1e-09 s)"}, {"labels": "-+'
        '--+++--", "orbit_size": 8, "reason": "not reached: the run\'s time-out (1e-09 s)"'
        '}, {"labels": "-+-+-+-+-", "orbit_size": 2, "reason": "not reached: the run\'s ti'
        'me-out (1e-09 s)"}, {"labels": "-+-+++-+-", "orbit_size": 2, "reason": "not reac'
        'hed: the run\'s time-out (1e-09 s)"}]}, "reason": "51 orbit(s) unknown (512 label'
        'ings): not reached: the run\'s time-out (1e-09 s)", "unknown": [512, 51], "witnes'
        'sed": []}'
    ),
}
