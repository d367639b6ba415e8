#!/usr/bin/python3
"""Reference figures for CompareFiguresReferenceTest: what `gauntlet compare REAL SYNTH --holdout`
reports beyond the per-column figures, computed here independently of Gauntlet.

Debian bookworm's numpy 1.24.2, scipy 1.10.1, pandas 1.5.3 and scikit-learn 1.2.1:
    cd framework/src/test/resources/dev/gauntlet/metrics/compare_reference
    /usr/bin/python3 compare_reference.py > compare_reference.out

Inputs: iris.csv and iris_noise.csv are the shared reference case iris_noise (real.csv and
synthetic.csv of ../shared/reference/iris_noise, copied); iris_shifted.csv and iris_slight.csv are
made from them by make_shifted.py. For DCR overfitting the real rows are split: even rows (0, 2,
...) are the training rows, odd rows the holdout. folds_CASE.txt are Gauntlet's detection folds for
seed 0 (the test checks them); SDMetrics' contingency similarity comes from quality_report.py (the
CLI module's reference/quality_report.py, SDMetrics 0.29 rewritten from its definitions).

Definitions (as documented in Gauntlet's javadoc, reimplemented here):
- encoding for PRDC, MMD and the encoded Frechet distance: numeric columns z-scored by the real
  mean and population sd, species one-hot on the real levels;
- PRDC (k = 5): prdc.compute_prdc of clovaai/generative-evaluation-prdc (MIT), its logic;
- MMD: unbiased MMD^2 with an RBF kernel, bandwidth the median pooled pairwise distance,
  gamma = 1 / (2 bandwidth^2); p-value from 5,000 permutations of this script's own generator
  (Gauntlet draws 100 from its seed streams, so only a binomial tolerance applies);
- detection: encoder fitted on both tables, logistic regression C = 1 on features standardized
  again on the training folds, ROC AUC per fold, each clipped at 0.5; score 1 - (2 auc - 1);
- distance to closest record: mean over columns of |a - b| / (real max - real min) capped at 1,
  categorical 0 or 1; median over synthetic rows; the baseline (rows drawn uniformly within the
  real ranges and levels) is random in Gauntlet too: here its median's mean and sd over 500
  draws;
- DCR overfitting: share of synthetic rows strictly closer to a training row than to any holdout
  row (ranges from the training rows); score min(1, 2 (1 - share));
- Frechet: pytorch-fid's formula (covariance ddof 1, scipy.linalg.sqrtm, real part), on the
  encoded columns, on the raw numeric columns, and on them z-scored by the real mean and sd (ddof 1);
- per numeric column: mean and standard deviation (ddof 1) on each side;
- drift (Evidently's defaults below 1,000 rows): KS (scipy ks_2samp, method auto) for numeric
  columns with more than 5 values, chi-square goodness of fit of the synthetic counts against
  the real proportions for the others; drift when p < 0.05; the share of drifted columns; and
  each test forced on every column it applies to (Evidently's definitions): chi-square and
  Jensen-Shannon (natural log, zero proportions raised to 1e-4, scipy's jensenshannon) with
  every distinct value a category, Wasserstein-1 (scipy) over the real population sd;
- contingency similarity with shared bins (Gauntlet's own variant): pairs with the categorical
  column, numbers in 10 equal-width right-closed bins over the real column's range (values beyond
  it in the end bins), 1 - total variation distance of the joint frequencies, mean over pairs.
"""
import json
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy import linalg, stats
from scipy.spatial.distance import cdist, jensenshannon, pdist
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import pairwise_distances, roc_auc_score

NUMERIC = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]
QUALITY = "../../../../../../../../scenarios/cli/src/test/resources/reference/quality_report.py"
real = pd.read_csv("iris.csv")
LEVELS = sorted(real["species"].unique())


def encode(frame, fitted_on):
    cols = [((frame[c] - fitted_on[c].mean()) / fitted_on[c].std(ddof=0)).to_numpy() for c in NUMERIC]
    for level in sorted(fitted_on["species"].unique()):
        cols.append((frame["species"] == level).to_numpy().astype(float))
    return np.column_stack(cols)


def kth(unsorted, k):
    idx = np.argpartition(unsorted, k, axis=-1)[..., :k]
    return np.take_along_axis(unsorted, idx, axis=-1).max(axis=-1)


def prdc(xr, xf, k=5):
    rn = kth(pairwise_distances(xr, xr), k + 1)
    fn = kth(pairwise_distances(xf, xf), k + 1)
    d = pairwise_distances(xr, xf)
    return dict(
        precision=(d < rn[:, None]).any(axis=0).mean(),
        recall=(d < fn[None, :]).any(axis=1).mean(),
        density=(d < rn[:, None]).sum(axis=0).mean() / k,
        coverage=(d.min(axis=1) < rn).mean())


def mmd(xr, xf, permutations=5000):
    x = np.vstack([xr, xf])
    n, m = len(xr), len(xf)
    sigma = np.median(pdist(x))
    kernel = np.exp(-cdist(x, x, "sqeuclidean") / (2 * sigma**2))

    def statistic(is_real):
        a, b = is_real, ~is_real
        kxx, kyy = kernel[np.ix_(a, a)], kernel[np.ix_(b, b)]
        return ((kxx.sum() - np.trace(kxx)) / (n * (n - 1))
                + (kyy.sum() - np.trace(kyy)) / (m * (m - 1)) - 2 * kernel[np.ix_(a, b)].mean())

    labels = np.r_[np.ones(n, bool), np.zeros(m, bool)]
    observed = statistic(labels)
    rng = np.random.default_rng(20261203)
    reached = sum(statistic(rng.permutation(labels)) >= observed for _ in range(permutations))
    return dict(bandwidth=sigma, mmd2=observed, p_value=(1 + reached) / (1 + permutations),
                permutations=permutations)


def detection(synth, folds):
    both = pd.concat([real, synth], ignore_index=True)
    x = encode(both, both)
    y = np.r_[np.zeros(len(real)), np.ones(len(synth))]
    aucs = []
    for f in range(3):
        tr, te = folds != f, folds == f
        mu, sd = x[tr].mean(axis=0), x[tr].std(axis=0)
        sd[sd == 0] = 1
        lr = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-8, max_iter=1000)
        lr.fit((x[tr] - mu) / sd, y[tr])
        aucs.append(roc_auc_score(y[te], lr.predict_proba((x[te] - mu) / sd)[:, 1]))
    auc = np.mean([max(a, 0.5) for a in aucs])
    return dict(fold_auc=aucs, auc=auc, score=1 - (2 * auc - 1))


def cells(frame):
    return frame[NUMERIC].to_numpy(), frame["species"].to_numpy()


def closest(query, reference, scale):
    qn, qc = query
    rn, rc = reference
    ranges = scale[NUMERIC].max().to_numpy() - scale[NUMERIC].min().to_numpy()
    numeric = np.minimum(1, np.abs(qn[:, None, :] - rn[None, :, :]) / ranges).sum(axis=2)
    categorical = (qc[:, None] != rc[None, :]).astype(float)
    return ((numeric + categorical) / (len(NUMERIC) + 1)).min(axis=1)


def baseline(m, draws=500):
    rng = np.random.default_rng(7)
    lo, hi = real[NUMERIC].min().to_numpy(), real[NUMERIC].max().to_numpy()
    medians = []
    for _ in range(draws):
        rows = (lo + rng.random((m, len(NUMERIC))) * (hi - lo), rng.choice(LEVELS, m))
        medians.append(np.median(closest(rows, cells(real), real)))
    return float(np.mean(medians)), float(np.std(medians, ddof=1))


def frechet(xr, xf):
    mu1, mu2 = xr.mean(axis=0), xf.mean(axis=0)
    s1, s2 = np.cov(xr, rowvar=False), np.cov(xf, rowvar=False)
    covmean = linalg.sqrtm(s1.dot(s2), disp=False)[0].real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def drift(synth):
    verdicts = {}
    for c in NUMERIC:
        verdicts[c] = float(stats.ks_2samp(real[c], synth[c]).pvalue)
    ref = real["species"].value_counts(normalize=True)
    keys = sorted(set(real["species"]) | set(synth["species"]))
    observed = [int((synth["species"] == k).sum()) for k in keys]
    expected = [ref.get(k, 0.0) * len(synth) for k in keys]
    verdicts["species"] = float(stats.chisquare(observed, expected).pvalue)
    drifted = [c for c, p in verdicts.items() if p < 0.05]
    return dict(p_values=verdicts, drifted=drifted, share=len(drifted) / len(verdicts))


def category_counts(ref, cur):
    keys = sorted(set(ref) | set(cur))
    return (np.array([int((ref == k).sum()) for k in keys]),
            np.array([int((cur == k).sum()) for k in keys]))


def chi_square_forced(ref, cur):
    r, c = category_counts(ref, cur)
    expected = r * len(cur) / len(ref)
    if np.any((expected == 0) & (c > 0)):
        return float("inf"), 0.0
    keep = expected > 0
    statistic = float((((c - expected) ** 2)[keep] / expected[keep]).sum())
    return statistic, float(stats.chi2.sf(statistic, len(r) - 1))


def jensen_shannon_forced(ref, cur):
    r, c = category_counts(ref, cur)
    p = np.where(r == 0, 1e-4, r / len(ref))
    q = np.where(c == 0, 1e-4, c / len(cur))
    return float(jensenshannon(p, q))


def forced_drift(synth):
    raw_real = pd.read_csv("iris.csv", dtype=str)
    raw_synth = pd.read_csv(CASE_FILE, dtype=str)
    out = {"chisquare": {}, "jensenshannon": {}, "wasserstein": {}}
    for c in NUMERIC + ["species"]:
        ref, cur = raw_real[c].to_numpy(), raw_synth[c].to_numpy()
        statistic, p_value = chi_square_forced(ref, cur)
        out["chisquare"][c] = dict(statistic=statistic, p_value=p_value)
        out["jensenshannon"][c] = jensen_shannon_forced(ref, cur)
    for c in NUMERIC:
        out["wasserstein"][c] = float(
            stats.wasserstein_distance(real[c], synth[c]) / max(real[c].std(ddof=0), 0.001))
    return out


def moments(synth):
    return {c: dict(mean_real=real[c].mean(), std_real=real[c].std(ddof=1),
                    mean_synthetic=synth[c].mean(), std_synthetic=synth[c].std(ddof=1))
            for c in NUMERIC}


def bins(values, lo, hi):
    width = (hi - lo) / 10
    return np.clip(np.ceil((values - lo) / width).astype(int) - 1, 0, 9)


def shared_bins_contingency(synth):
    scores = []
    for c in NUMERIC:
        lo, hi = real[c].min(), real[c].max()
        joint_r = pd.Series(list(zip(bins(real[c].to_numpy(), lo, hi), real["species"])))
        joint_s = pd.Series(list(zip(bins(synth[c].to_numpy(), lo, hi), synth["species"])))
        fr = joint_r.value_counts(normalize=True)
        fs = joint_s.value_counts(normalize=True)
        keys = set(fr.index) | set(fs.index)
        scores.append(1 - 0.5 * sum(abs(fr.get(k, 0) - fs.get(k, 0)) for k in keys))
    return float(np.mean(scores))


def sdmetrics_contingency(case):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([sys.executable, QUALITY, "iris.csv", case + ".csv", "--out", out.name],
                       check=True, stdout=subprocess.DEVNULL)
        report = json.load(open(out.name))
    return report["thresholded"]["contingency_similarity"]


training, holdout = real.iloc[0::2].reset_index(drop=True), real.iloc[1::2].reset_index(drop=True)
result = {}
for case in ["iris_noise", "iris_shifted", "iris_slight"]:
    CASE_FILE = case + ".csv"
    synth = pd.read_csv(CASE_FILE)
    xr, xf = encode(real, real), encode(synth, real)
    folds = np.array([int(v) for v in open("folds_" + case + ".txt").read().split(",")])
    dcr = closest(cells(synth), cells(real), real)
    to_train = closest(cells(synth), cells(training), training)
    to_hold = closest(cells(synth), cells(holdout), training)
    share = float((to_train < to_hold).mean())
    mean, sd = baseline(len(synth))
    copies = set(map(tuple, real.astype(str).to_numpy()))
    result[case] = dict(
        rows=[len(real), len(synth)],
        prdc=prdc(xr, xf),
        mmd=mmd(xr, xf),
        detection=detection(synth, folds),
        dcr_median=float(np.median(dcr)),
        dcr_baseline_median_mean=mean,
        dcr_baseline_median_sd=sd,
        exact_copy_share=float(np.mean([tuple(r) in copies for r in synth.astype(str).to_numpy()])),
        dcr_overfitting=dict(closer_to_training=share, score=min(1.0, 2 * (1 - share))),
        frechet_distance_encoded=frechet(xr, xf),
        frechet_distance=frechet(real[NUMERIC].to_numpy(), synth[NUMERIC].to_numpy()),
        frechet_distance_standardized=frechet(
            ((real[NUMERIC] - real[NUMERIC].mean()) / real[NUMERIC].std(ddof=1)).to_numpy(),
            ((synth[NUMERIC] - real[NUMERIC].mean()) / real[NUMERIC].std(ddof=1)).to_numpy()),
        moments=moments(synth),
        forced_drift=forced_drift(synth),
        drift=drift(synth),
        contingency_similarity=sdmetrics_contingency(case),
        contingency_similarity_shared_bins=shared_bins_contingency(synth),
    )


def plain(o):
    if isinstance(o, dict):
        return {k: plain(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [plain(v) for v in o]
    if isinstance(o, (np.floating, np.integer, np.bool_)):
        return o.item()
    return o


print(json.dumps(plain(result), indent=1))
