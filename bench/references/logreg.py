"""logreg: binary logistic regression by batch gradient descent with the
reference's loop (sklearn's solvers are not gradient descent, so the same
iterations in NumPy are the fair comparison), then predict_proba on Xt."""
import numpy as np

LIBRARY = "numpy loop"
RTOL, ATOL = 1e-6, 1e-9


def run(inp):
    X, y, Xt = inp["X"], inp["y"].astype(float), inp["Xt"]
    n, d = X.shape
    lr, l2, tol, max_iter = inp["lr"], inp["l2"], inp["tol"], inp["max_iter"]
    w = np.zeros(d)
    b = 0.0
    loss = []
    for t in range(max_iter):
        z = X @ w + b
        # softplus(z) - y z, stably; and p = sigmoid(z)
        loss.append((np.logaddexp(0.0, z) - y * z).mean() + 0.5 * l2 * (w @ w))
        if t > 0 and abs(loss[-2] - loss[-1]) < tol:
            break
        r = 0.5 * (1.0 + np.tanh(0.5 * z)) - y
        w -= lr * ((X.T @ r) / n + l2 * w)
        b -= lr * r.mean()
    p = 0.5 * (1.0 + np.tanh(0.5 * (Xt @ w + b)))
    return {"loss": np.array(loss + [np.nan] * (max_iter - len(loss))),
            "n_iter": len(loss), "p": p}
