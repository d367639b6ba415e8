# Reference values pinned in SampleFiguresReferenceTest, computed independently of Gauntlet on
# detection_real.csv / detection_synthetic.csv (made by make_detection_data.py).
# Debian bookworm's python3-numpy 1.24.2, python3-scipy 1.10.1, python3-sklearn 1.2.1:
#   cd framework/src/test/resources/dev/gauntlet/metrics && /usr/bin/python3 detection_reference.py
import numpy as np
import pandas as pd
from scipy.spatial.distance import cdist, pdist
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import pairwise_distances, roc_auc_score

real = pd.read_csv("detection_real.csv")
fake = pd.read_csv("detection_synthetic.csv")


def encode(frame, fitted_on):
    """Gauntlet's FeatureEncoder: population-std z-scores; one-hot on the fitted table's levels
    (first-seen order does not matter for distances, sorted here)."""
    cols = []
    for name in ["a", "b"]:
        mu, sd = fitted_on[name].mean(), fitted_on[name].std(ddof=0)
        cols.append(((frame[name] - mu) / sd).to_numpy())
    for level in sorted(fitted_on["c"].unique()):
        cols.append((frame["c"] == level).to_numpy().astype(float))
    return np.column_stack(cols)


# --- PRDC: compute_prdc of clovaai/generative-evaluation-prdc (prdc 0.2, MIT), verbatim logic
def compute_pairwise_distance(data_x, data_y=None):
    if data_y is None:
        data_y = data_x
    return pairwise_distances(data_x, data_y, metric="euclidean", n_jobs=1)


def get_kth_value(unsorted, k, axis=-1):
    indices = np.argpartition(unsorted, k, axis=axis)[..., :k]
    k_smallests = np.take_along_axis(unsorted, indices, axis=axis)
    return k_smallests.max(axis=axis)


def compute_nearest_neighbour_distances(input_features, nearest_k):
    distances = compute_pairwise_distance(input_features)
    return get_kth_value(distances, k=nearest_k + 1, axis=-1)


def compute_prdc(real_features, fake_features, nearest_k):
    real_nnd = compute_nearest_neighbour_distances(real_features, nearest_k)
    fake_nnd = compute_nearest_neighbour_distances(fake_features, nearest_k)
    d_rf = compute_pairwise_distance(real_features, fake_features)
    precision = (d_rf < np.expand_dims(real_nnd, axis=1)).any(axis=0).mean()
    recall = (d_rf < np.expand_dims(fake_nnd, axis=0)).any(axis=1).mean()
    density = (1.0 / float(nearest_k)) * (d_rf < np.expand_dims(real_nnd, axis=1)).sum(axis=0).mean()
    coverage = (d_rf.min(axis=1) < real_nnd).mean()
    return dict(precision=precision, recall=recall, density=density, coverage=coverage)


xr, xf = encode(real, real), encode(fake, real)
for k in (5, 3):
    print("prdc k =", k, compute_prdc(xr, xf, k))

# --- MMD: median heuristic over pooled pairs i < j, gamma = 1 / (2 sigma^2), unbiased MMD^2
pooled = np.vstack([xr, xf])
sigma = np.median(pdist(pooled))
gamma = 1.0 / (2.0 * sigma**2)
kxx = np.exp(-gamma * cdist(xr, xr, "sqeuclidean"))
kyy = np.exp(-gamma * cdist(xf, xf, "sqeuclidean"))
kxy = np.exp(-gamma * cdist(xr, xf, "sqeuclidean"))
n, m = len(xr), len(xf)
mmd2 = ((kxx.sum() - np.trace(kxx)) / (n * (n - 1)) + (kyy.sum() - np.trace(kyy)) / (m * (m - 1))
        - 2 * kxy.mean())
print("mmd bandwidth", repr(sigma), "mmd2", repr(mmd2))

# --- Detection: encoder fitted on both tables; Gauntlet's folds for seed 42 (from folds below,
# which DetectionReferenceTest checks); LogisticRegression(C=1) on features standardized again
# on the training folds (population std, constant columns only centred), tight tolerance.
both = pd.concat([real, fake], ignore_index=True)
x = encode(both, both)
y = np.r_[np.zeros(n), np.ones(m)]
folds = np.array([int(v) for v in open("detection_folds.txt").read().split(",")])
aucs = []
for f in range(3):
    tr, te = folds != f, folds == f
    mu, sd = x[tr].mean(axis=0), x[tr].std(axis=0)
    sd[sd == 0] = 1
    lr = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-8, max_iter=1000)
    lr.fit((x[tr] - mu) / sd, y[tr])
    aucs.append(roc_auc_score(y[te], lr.predict_proba((x[te] - mu) / sd)[:, 1]))
auc = np.mean(aucs)
score = 1 - np.mean([max(a, 0.5) * 2 - 1 for a in aucs])
print("detection fold aucs", [repr(a) for a in aucs], "auc", repr(auc), "score", repr(score))
