"""Example 7: testing a conjectured bound against exact counts, with a table for an appendix.

Run:  python examples/07_conjecture.py

Two conjectures about the labelings of small point sets realized by halfspaces:
Cover's function counting bound 2 sum_{i <= d} C(n - 1, i), which holds and is
attained exactly in general position, and a too-greedy bound that fails.  Every
count is exact, every comparison is exact; the LaTeX table uses booktabs.
"""

from verify.conjecture import check_conjecture
from verify.conjecture.output import conjecture_table
from verify.tables import render

cover = check_conjecture("count <= 2*sum(binomial(n - 1, i), (i, 0, d))",
                         points="cube:2..3,grid:3..4:2", arch="halfspaces")
print("Cover's bound:", cover.verdict, "on", cover.instances, "instances")
print("attained at:", [e["points"] for e in cover.equality])

greedy = check_conjecture("count <= n**2", points="cube:2..4,grid:3..4:2", arch="halfspaces")
ce = greedy.counterexample
print("count <= n^2:", greedy.verdict, "- smallest counterexample", ce["points"],
      f"({ce['lhs']} > {ce['rhs']})")
print()
print(render(conjecture_table(cover), "latex"))
