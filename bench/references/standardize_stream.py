"""standardize_stream: running mean and variance over 64 chunks, then
transform -- scikit-learn's StandardScaler.partial_fit does exactly this
(population variance, scale 1 for a constant feature)."""
from sklearn.preprocessing import StandardScaler

LIBRARY = "sklearn StandardScaler.partial_fit"
RTOL, ATOL = 1e-8, 1e-10


def run(inp):
    sc = StandardScaler()
    for t in range(64):                          # the spec's timed sequence
        sc.partial_fit(inp["X%d" % (t % 4 + 1)])
    Z = sc.transform(inp["Xt"])
    return {"mean": sc.mean_, "var": sc.var_, "Z": Z, "seen": int(sc.n_samples_seen_)}
