"""conv2d: NCHW cross-correlation with stride and zero padding.  NumPy has
no convolution, so the strong idiom is im2col by strides (a padded copy,
sliding_window_view subsampled by the stride) and one tensordot, which
copies the patches into a matrix and calls dgemm -- the same algorithm as
the reference."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

LIBRARY = "numpy im2col + tensordot"
RTOL, ATOL = 1e-7, 1e-9


def run(inp):
    X, K, b = inp["X"], inp["K"], inp["b"]
    s, p = inp["stride"], inp["pad"]
    KH, KW = K.shape[2], K.shape[3]
    Xp = np.pad(X, ((0, 0), (0, 0), (p, p), (p, p)))
    win = sliding_window_view(Xp, (KH, KW), axis=(2, 3))[:, :, ::s, ::s]
    Y = np.tensordot(win, K, axes=([1, 4, 5], [1, 2, 3]))     # N, OH, OW, F
    return {"Y": Y.transpose(0, 3, 1, 2) + b[None, :, None, None]}
