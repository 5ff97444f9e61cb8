"""adam: one Adam step on n parameters, written as NumPy users do (in-place
ufuncs where they help; the state is copied first because the step updates
w, m and v in place and run() is called many times on the same arrays)."""
import numpy as np

LIBRARY = "numpy"
RTOL, ATOL = 1e-12, 1e-15


def run(inp):
    w, m, v = inp["w"].copy(), inp["m"].copy(), inp["v"].copy()
    g, t = inp["g"], inp["t"]
    b1, b2, lr, eps = inp["beta1"], inp["beta2"], inp["lr"], inp["eps"]
    m *= b1
    m += (1 - b1) * g
    v *= b2
    v += (1 - b2) * (g * g)
    m_hat = m / (1 - b1 ** t)
    v_hat = v / (1 - b2 ** t)
    w -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return {"w": w, "m": m, "v": v}
