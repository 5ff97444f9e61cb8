"""one_hot: the n-by-k one-hot matrix of labels y with a bounds check, as
NumPy users write it (validate, zeros, fancy-index assignment; np.eye(k)[y]
is slower because it copies rows of an identity matrix)."""
import numpy as np

LIBRARY = "numpy"
RTOL, ATOL = 0, 0


def run(inp):
    y, n, k = inp["y"], inp["n"], inp["k"]
    if y.min() < 0 or y.max() >= k:
        return {"rc": -1}
    Y = np.zeros((n, k))
    Y[np.arange(n), y] = 1.0
    return {"rc": 0, "Y": Y}
