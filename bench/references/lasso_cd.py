"""lasso_cd: the lasso by cyclic coordinate descent.  scikit-learn's Lasso
minimises the same objective, (1/(2n)) ||y - Xw - b||^2 + alpha ||w||_1,
with the same cyclic sweeps on centred data; with tol = 0 it runs exactly
max_iter sweeps, as the reference does on the timing input.  precompute=True
(the Gram-matrix solver) is the faster of its two paths at this shape.
sklearn keeps no loss history, so only w and b are compared."""
import warnings

from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso

LIBRARY = "sklearn Lasso (Gram)"
RTOL, ATOL = 1e-6, 1e-9


def run(inp):
    m = Lasso(alpha=inp["alpha"], fit_intercept=True, precompute=True,
              max_iter=inp["max_iter"], tol=inp["tol"], selection="cyclic")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        m.fit(inp["X"], inp["y"])
    return {"w": m.coef_, "b": m.intercept_}
