"""Example 1: the double-counting bound (1) of Theorem 4.3, exactly.

Run:  python examples/01_exact_bound.py

Every member of the chain is an exact rational; the irrational right side
C_alpha^n is carried as its square and compared by squaring.
"""

from verify.bounds import bound_chain

chain = bound_chain(K=3, d=3, alpha="1/10")  # n = K^(d-1) = 9 points of S~
print(f"n = {chain.n}, alpha = {chain.alpha}")
for r in chain.readings:
    print(f"reading V = {r.V} ({r.kind}), a = {r.a}")
    print(f"  lhs    = 2^V C(a,V)/C(n,V) = {r.lhs}")
    print(f"  middle = {r.middle}")
    print(f"  rhs^2  = C_alpha^(2n)     = {r.rhs_squared}")
    print(f"  lhs >= middle: {r.lhs_ge_middle}, middle >= rhs: {r.middle_ge_rhs}, "
          f"lhs >= rhs: {r.lhs_ge_rhs}")
print("conclusion (lhs >= C_alpha^n at every reading):", chain.conclusion_holds)
