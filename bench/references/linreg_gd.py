"""linreg_gd: batch gradient descent on the MSE with the reference's loop
(loss at the current parameters, stop on |change| < tol, then step)."""
import numpy as np

LIBRARY = "numpy loop"
RTOL = 1e-6


def run(inp):
    X, y = inp["X"], inp["y"]
    n, d = X.shape
    lr, tol, max_iter = inp["lr"], inp["tol"], inp["max_iter"]
    w = np.zeros(d)
    b = 0.0
    loss = []
    for t in range(max_iter):
        r = X @ w + b - y
        loss.append(0.5 * (r @ r) / n)
        if t > 0 and abs(loss[-2] - loss[-1]) < tol:
            break
        w -= (lr / n) * (X.T @ r)
        b -= lr * r.mean()
    return {"w": w, "b": b, "loss": np.array(loss + [np.nan] * (max_iter - len(loss))),
            "iters": len(loss)}
