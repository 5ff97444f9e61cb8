"""label_encoder: fit on strings (sorted distinct categories, codes 1..k),
transform with unseen categories mapped to 0, inverse transform.  The NumPy
idiom is np.unique to fit and np.searchsorted plus an equality test to
transform (scikit-learn's LabelEncoder does the same but raises on unseen
labels).  Only the codes are compared: the driver compares numbers, and the
inverse of valid codes cannot differ once the codes agree."""
import numpy as np

LIBRARY = "numpy unique + searchsorted"


def prepare(inp):
    # the strings as NumPy arrays, as a NumPy user would hold them
    inp = dict(inp)
    inp["train"] = np.array(inp["train"])
    inp["queries"] = np.array(inp["queries"])
    return inp


def run(inp):
    classes = np.unique(inp["train"])
    q = inp["queries"]
    i = np.minimum(np.searchsorted(classes, q), len(classes) - 1)
    codes = np.where(classes[i] == q, i + 1, 0).astype(np.int32)
    back = np.concatenate([np.array(["<UNKNOWN>"]), classes])[codes]
    assert len(back) == len(codes)
    return {"codes": codes}
