"""tree_split: the root split of scikit-learn's DecisionTreeClassifier with
max_depth=1 (its best splitter sorts every feature and sweeps, as the
reference does).  sklearn works on float32 copies of X, so its threshold
differs in the last digits: the feature and the gain are compared."""
import numpy as np
from sklearn.tree import DecisionTreeClassifier

LIBRARY = "sklearn DecisionTree depth 1"
RTOL, ATOL = 1e-6, 1e-9


def run(inp):
    crit = inp["criterion"][0]
    tree = DecisionTreeClassifier(max_depth=1, criterion=crit, random_state=0)
    tree.fit(inp["X"], inp["y"])
    t = tree.tree_
    if t.node_count < 3:
        return {"feature": -1}
    n = t.n_node_samples
    gain = t.impurity[0] - (n[1] * t.impurity[1] + n[2] * t.impurity[2]) / n[0]
    return {"feature": int(t.feature[0]), "gain": gain}
