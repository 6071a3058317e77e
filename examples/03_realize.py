"""Example 3: realizing a labeling with a tiny ReLU network and reading the witness.

Run:  python examples/03_realize.py

The answer is exact: a witness network with rational weights that is re-checked
in exact arithmetic, or a refutation by the solver, or "unknown" with a reason.
"""

from verify.encodings import realize
from verify.geometry import grid

points = grid(3, 2)  # the 9 points (i/3, j/3), 1 <= i, j <= 3
labels = "+-+--+-++"
decision = realize(points, labels, "2-2-1")
print("status:", decision.status)
net = decision.witness
assert net is not None
for i, layer in enumerate(net.layers, 1):
    print(f"layer {i}: weights {[[str(w) for w in row] for row in layer.weights]}, "
          f"bias {[str(b) for b in layer.bias]}")
for x, y in zip(points, labels, strict=True):
    print(f"f({', '.join(str(c) for c in x)}) = {net.evaluate(x)}  (label {y})")
print("realizes the labeling exactly:", net.realizes(points, [1 if c == "+" else -1
                                                             for c in labels]))
print("XOR on the square with one hidden unit:", realize("cube:2", "+--+", "2-1-1").status)
