"""mlp_step: the forward and backward pass in NumPy, written as a strong
NumPy user would (fused bias adds, in-place ReLU mask, log-sum-exp)."""
import numpy as np

LIBRARY = "numpy"
RTOL, ATOL = 1e-9, 1e-12


def run(inp):
    X, y = inp["X"], inp["y"]
    W1, b1, W2, b2, l2 = inp["W1"], inp["b1"], inp["W2"], inp["b2"], inp["l2"]
    n = X.shape[0]
    H = X @ W1
    H += b1
    np.maximum(H, 0, out=H)
    S = H @ W2
    S += b2
    S -= S.max(axis=1, keepdims=True)
    E = np.exp(S)
    Z = E.sum(axis=1)
    rows = np.arange(n)
    loss = (np.log(Z) - S[rows, y]).mean() + 0.5 * l2 * (np.vdot(W1, W1) + np.vdot(W2, W2))
    G = E / (Z[:, None] * n)
    G[rows, y] -= 1.0 / n
    dW2 = H.T @ G + l2 * W2
    db2 = G.sum(axis=0)
    dA = G @ W2.T
    dA[H <= 0] = 0
    dW1 = X.T @ dA + l2 * W1
    db1 = dA.sum(axis=0)
    return {"loss": loss, "dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
