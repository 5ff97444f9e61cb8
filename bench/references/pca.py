"""pca: the covariance route in NumPy (centre, Xc.T @ Xc / (n-1), eigh,
top k with the sign convention, projections) -- the same operation as the
reference.  sklearn's PCA(svd_solver="full") takes the SVD route instead
and is several times slower at this shape, so NumPy is the harder match."""
import numpy as np

LIBRARY = "numpy eigh"
RTOL, ATOL = 1e-6, 1e-8


def run(inp):
    X, k = inp["X"], inp["k"]
    n = X.shape[0]
    Xc = X - X.mean(axis=0)
    C = (Xc.T @ Xc) / (n - 1)
    lam, V = np.linalg.eigh(C)
    comps = V[:, ::-1][:, :k].T.copy()
    big = np.abs(comps).argmax(axis=1)
    comps *= np.sign(comps[np.arange(k), big])[:, None]
    total = np.trace(C)
    var = lam[::-1][:k]
    return {"components": comps, "explained_variance": var,
            "explained_ratio": var / total if total > 0 else np.zeros(k),
            "Z": Xc @ comps.T}
