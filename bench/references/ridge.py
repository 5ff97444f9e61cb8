"""ridge: closed-form ridge regression with an unpenalised intercept.
scikit-learn's Ridge(solver="cholesky") solves exactly the reference's
system (centred data, (Xc^T Xc + alpha I) w = Xc^T yc, b from the means)."""
from sklearn.linear_model import Ridge

LIBRARY = "sklearn Ridge cholesky"
RTOL, ATOL = 1e-6, 1e-9


def run(inp):
    m = Ridge(alpha=inp["alpha"], solver="cholesky", fit_intercept=True)
    m.fit(inp["X"], inp["y"])
    return {"w": m.coef_, "b": m.intercept_, "status": 0}
