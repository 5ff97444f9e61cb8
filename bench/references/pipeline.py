"""pipeline: median imputation, standardisation, one-hot, logistic regression
by batch gradient descent, predict, precision/recall/F1.  Imputation is
np.nanmedian (SimpleImputer's median computes the same), the rest the NumPy
idiom; scikit-learn's LogisticRegression solvers are not gradient descent,
so the descent is the same NumPy loop as bench/references/logreg.py."""
import numpy as np

LIBRARY = "numpy (nanmedian + GD loop)"
RTOL, ATOL = 1e-6, 1e-9


def features(X, c, med, mu, sd, k):
    Z = (np.where(np.isnan(X), med, X) - mu) / sd
    H = np.zeros((X.shape[0], k))
    ok = (c >= 0) & (c < k)
    H[np.flatnonzero(ok), c[ok]] = 1.0
    return np.hstack([Z, H])


def run(inp):
    X, c, y = inp["X"], inp["c"], inp["y"].astype(float)
    k, lr, l2, tol, max_iter = inp["k"], inp["lr"], inp["l2"], inp["tol"], inp["max_iter"]
    med = np.nanmedian(X, axis=0)
    med = np.where(np.isnan(med), 0.0, med)
    Xi = np.where(np.isnan(X), med, X)
    mu = Xi.mean(axis=0)
    sd = Xi.std(axis=0)
    sd[sd == 0] = 1.0
    F = features(X, c, med, mu, sd, k)
    n, p = F.shape
    w, b, loss = np.zeros(p), 0.0, []
    for t in range(max_iter):
        z = F @ w + b
        loss.append((np.logaddexp(0.0, z) - y * z).mean() + 0.5 * l2 * (w @ w))
        if t > 0 and abs(loss[-2] - loss[-1]) < tol:
            break
        r = 0.5 * (1.0 + np.tanh(0.5 * z)) - y
        w = w - lr * ((F.T @ r) / n + l2 * w)
        b -= lr * r.mean()
    pred = (features(inp["Xt"], inp["ct"], med, mu, sd, k) @ w + b >= 0).astype(np.int32)
    yt = inp["yt"]
    tp = int(np.sum((pred == 1) & (yt == 1)))
    fp = int(np.sum((pred == 1) & (yt != 1)))
    fn = int(np.sum((pred != 1) & (yt == 1)))
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    F1 = 2 * P * R / (P + R) if P + R else 0.0
    return {"loss": np.array(loss + [np.nan] * (max_iter - len(loss))),
            "n_iter": len(loss), "pred": pred, "prf": np.array([P, R, F1])}
