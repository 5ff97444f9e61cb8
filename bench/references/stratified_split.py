"""stratified_split: per-class test counts by floors plus largest remainders,
and within each class the samples with the smallest keys go to test.  In
NumPy: bincount for the class sizes, one lexsort by (class, key) for the
ranks within each class, flatnonzero for the two index lists.
(scikit-learn's StratifiedShuffleSplit allocates and draws differently, so
it is not the same operation.)"""
import numpy as np

LIBRARY = "numpy lexsort"


def run(inp):
    y, u = inp["y"], inp["u"]
    n, k, n_test = inp["n"], inp["k"], inp["n_test"]
    counts = np.bincount(y, minlength=k).astype(np.int64)
    take = counts * n_test // n
    rem = counts * n_test % n
    left = n_test - int(take.sum())
    take[np.lexsort((np.arange(k), -rem))[:left]] += 1
    order = np.lexsort((u, y))                   # by class, then by key
    start = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - np.repeat(start, counts)
    in_test = rank < take[y]
    return {"train": np.flatnonzero(~in_test), "test": np.flatnonzero(in_test),
            "status": 0}
