"""pairwise_dist: Euclidean distances between the rows of A and B through
||a||^2 + ||b||^2 - 2 a.b, clamped at 0 -- exactly what scikit-learn's
euclidean_distances does for float64 (one dgemm for the cross terms)."""
from sklearn.metrics.pairwise import euclidean_distances

LIBRARY = "sklearn euclidean_distances"
RTOL, ATOL = 1e-7, 1e-6


def run(inp):
    return {"D": euclidean_distances(inp["A"], inp["B"])}
