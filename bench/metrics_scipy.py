"""The scipy side of bench/metrics.sh: times scipy on the data `gauntlet bench data` wrote.

Usage: python3 metrics_scipy.py ks|frechet|csv DIR RUNS   (prints one JSON object)

CSV: pandas.read_csv of mixed_1m.csv, only empty fields missing (as Gauntlet reads).

KS: scipy.stats.ks_2samp(a, b) with its defaults (two-sided, method "auto": asymptotic here).
Frechet: the pytorch-fid formula, timed from the raw samples (means and np.cov covariances
included): |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr sqrtm(S1 S2), scipy.linalg.sqrtm, real part,
with pytorch-fid's eps offset if the product is singular. One run is not warmed up (no JIT);
the median of RUNS runs counts.
"""
import json
import sys
import time

import numpy as np
from scipy import linalg, stats


def frechet(a, b):
    mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * 1e-6
        covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError("imaginary component %s" % np.max(np.abs(covmean.imag)))
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def main():
    task, folder, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    meta = json.load(open(folder + "/meta.json"))
    out = {"task": task, "runs": runs, "scipy": __import__("scipy").__version__,
           "numpy": np.__version__}
    if task == "csv":
        import pandas as pd
        out["pandas"] = pd.__version__
        # NaN-free reading as Gauntlet does: only an empty field is missing
        run = lambda: pd.read_csv(folder + "/mixed_1m.csv", keep_default_na=False,
                                  na_values=[""])
    elif task == "ks":
        a = np.fromfile(folder + "/ks_a.bin", dtype="<f8")
        b = np.fromfile(folder + "/ks_b.bin", dtype="<f8")
        run = lambda: stats.ks_2samp(a, b)
    else:
        k = meta["features"]
        a = np.fromfile(folder + "/fid_a.bin", dtype="<f8").reshape(-1, k)
        b = np.fromfile(folder + "/fid_b.bin", dtype="<f8").reshape(-1, k)
        run = lambda: frechet(a, b)
    seconds = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - t0)
    out["seconds"] = seconds
    out["median_seconds"] = float(np.median(seconds))
    if task == "csv":
        numeric = result.select_dtypes(include="number")
        out["rows"], out["columns"] = int(result.shape[0]), int(result.shape[1])
        out["numeric_sum"] = float(sum(numeric[c].sum() for c in numeric.columns))
    elif task == "ks":
        out["statistic"] = float(result.statistic)
        out["p_value"] = float(result.pvalue)
    else:
        out["distance"] = result
    print(json.dumps(out))


if __name__ == "__main__":
    main()
