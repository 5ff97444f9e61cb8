"""kmeans_pp: k-means++ seeding driven by the given uniforms, the way
scikit-learn's kmeans_plusplus does it with n_local_trials=1 (distances to
each new centre by a matrix-vector product of the expanded formula, a
running sum, searchsorted) -- written out because sklearn draws its own
random numbers and so cannot be fed u."""
import numpy as np

LIBRARY = "numpy (sklearn's kmeans++ steps)"


def run(inp):
    X, u, k = inp["X"], inp["u"], inp["k"]
    n = X.shape[0]
    xx = np.einsum("ij,ij->i", X, X)
    idx = np.empty(k, dtype=np.int32)
    idx[0] = min(int(u[0] * n), n - 1)
    D = np.full(n, np.inf)
    for c in range(1, k):
        x = X[idx[c - 1]]
        D = np.minimum(D, np.maximum(xx - 2.0 * (X @ x) + x @ x, 0.0))
        S = D.sum()
        if S > 0:
            i = int(np.searchsorted(np.cumsum(D), u[c] * S, side="right"))
            idx[c] = min(i, n - 1)
        else:
            idx[c] = min(int(u[c] * n), n - 1)
    return {"idx": idx, "C": X[idx]}
