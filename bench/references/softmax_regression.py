"""softmax_regression: multi-class logistic regression by batch gradient
descent with the reference's loop, then predict_proba on Xt.  sklearn's
LogisticRegression uses other solvers (lbfgs, ...), not gradient descent,
so the same iterations in NumPy are the fair comparison."""
import numpy as np

LIBRARY = "numpy loop"
RTOL, ATOL = 1e-6, 1e-9


def softmax_lse(Z):
    """Row-wise softmax and log-sum-exp, shifted by the row maximum."""
    m = Z.max(axis=1, keepdims=True)
    E = np.exp(Z - m)
    s = E.sum(axis=1, keepdims=True)
    return E / s, (m + np.log(s)).ravel()


def run(inp):
    X, y, Xt = inp["X"], inp["y"], inp["Xt"]
    n, d = X.shape
    k = inp["k"]
    lr, l2, tol, max_iter = inp["lr"], inp["l2"], inp["tol"], inp["max_iter"]
    W = np.zeros((d, k))
    b = np.zeros(k)
    rows = np.arange(n)
    loss = []
    for t in range(max_iter):
        Z = X @ W + b
        P, lse = softmax_lse(Z)
        loss.append((lse - Z[rows, y]).mean() + 0.5 * l2 * np.sum(W * W))
        if t > 0 and abs(loss[-2] - loss[-1]) < tol:
            break
        P[rows, y] -= 1.0
        W -= lr * (X.T @ P / n + l2 * W)
        b -= lr * P.mean(axis=0)
    Pt, _ = softmax_lse(Xt @ W + b)
    return {"loss": np.array(loss + [np.nan] * (max_iter - len(loss))),
            "n_iter": len(loss), "P": Pt}
