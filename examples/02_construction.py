"""Example 2: Theorem 4.3's construction and its exact checks.

Run:  python examples/02_construction.py

S_phi = {(i/K, 1/2 + eps0*phi(i))} with K = floor(1/(2 eps)); A_phi and B_phi are
split by x_d = 1/2.  Each check is decided exactly for every phi (or for seeded
random phi when S~ is large).
"""

from verify.geometry import construction_checks, s_phi

S = s_phi(K=2, d=2, phi="+-", eps0="1/8")
print("S_phi =", [tuple(str(c) for c in p) for p in S.points])
print("A_phi =", [tuple(str(c) for c in p) for p in S.A])

for check in construction_checks(None, d=3, eps="1/6", c="1/2", norm="inf"):
    print(f"{check.name:28s} {check.holds}")
