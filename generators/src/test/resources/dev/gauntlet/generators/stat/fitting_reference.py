# Reference figures pinned in FittingReferenceTest and DistributionReferenceTest.
# Run with Debian's python3-scipy 1.10.1 (numpy 1.24.2):
#   /usr/bin/python3 fitting_reference.py > fitting_reference.json
#
# "fitting": seeded samples (written out in full, so the Java test reads the same numbers) and, for
# each, every candidate family's moment fit as the statistical generators define it (README,
# "Statistical generators"), its KS statistic from scipy.stats.kstest against the scipy.stats
# distribution with those parameters, the family with the smallest statistic, and the empirical
# fallback when even that one exceeds 1.628 / sqrt(n) (the asymptotic 1 % critical value).
# "distributions": cdf and ppf of each family at fixed points, from scipy.stats (the mixture's ppf
# by brentq on its cdf, the truncated Poisson's by a search over the counts).
# "correlations": the copula's repair of a correlation matrix that is not positive definite
# (numpy's eigh, eigenvalues raised to 1e-6, rescaled to a unit diagonal; NaN read as 0) and the
# Cholesky factor of the result (numpy.linalg.cholesky).
import json
import math
import sys

import numpy as np
from scipy import optimize, stats

KS_CRITICAL_1PCT = 1.628
U_INTERVALS = 4096


def moment_fits(x):
    """Each family's fit, in the generator's order (the first of equal statistics wins)."""
    n = len(x)
    lo, hi = x[0], x[-1]
    mean = x.mean()
    var = x.var(ddof=1)
    sd = math.sqrt(var)
    delta = (hi - lo) / n
    fits = [
        ("normal", {"mean": mean, "sd": sd}, stats.norm(mean, sd)),
        ("truncated-normal", {"mean": mean, "sd": sd, "lower": lo, "upper": hi},
         stats.truncnorm((lo - mean) / sd, (hi - mean) / sd, loc=mean, scale=sd)),
        ("uniform", {"lower": lo, "upper": hi}, stats.uniform(lo, hi - lo)),
    ]
    if lo > 0:
        logs = np.log(x)
        mu, sigma = logs.mean(), logs.std(ddof=1)
        fits.append(("log-normal", {"mu": mu, "sigma": sigma},
                     stats.lognorm(s=sigma, scale=math.exp(mu))))
    loc = lo - delta
    m = mean - loc
    fits.append(("gamma", {"shape": m * m / var, "scale": var / m, "loc": loc},
                 stats.gamma(m * m / var, loc=loc, scale=var / m)))
    a, b = lo - delta, hi + delta
    mu = (mean - a) / (b - a)
    v = var / (b - a) ** 2
    common = mu * (1 - mu) / v - 1
    alpha, beta = mu * common, (1 - mu) * common
    if alpha > 0 and beta > 0:
        fits.append(("beta", {"alpha": alpha, "beta": beta, "lower": a, "upper": b},
                     stats.beta(alpha, beta, loc=a, scale=b - a)))
    return fits


def empirical_quantiles(x):
    return np.quantile(x, np.arange(U_INTERVALS + 1) / U_INTERVALS, method="linear")


def empirical_cdf(q):
    """The right-continuous inverse of the piecewise-linear quantile function through q."""
    k = len(q) - 1

    def cdf(t):
        if t < q[0]:
            return 0.0
        if t >= q[-1]:
            return 1.0
        lo = int(np.searchsorted(q, t, side="right")) - 1
        return (lo + (t - q[lo]) / (q[lo + 1] - q[lo])) / k

    return cdf


def ks_with_steps(x, cdf):
    """KS statistic against a CDF that may jump: F(v-) and F(v) against the ECDF at each value."""
    n = len(x)
    d = 0.0
    values, first = np.unique(x, return_index=True)
    ends = list(first[1:]) + [n]
    for v, i, j in zip(values, first, ends):
        d = max(d, abs(cdf(np.nextafter(v, -np.inf)) - i / n), abs(cdf(v) - j / n))
    return d


def decimals(x):
    most = 0
    for v in x:
        d = 0
        while d <= 10 and np.rint(v * 10.0 ** d) / 10.0 ** d != v:
            d += 1
        if d > 10:
            return None
        most = max(most, d)
    return most


def fitting_case(name, values, note):
    values = np.asarray(values, dtype=float)
    x = np.sort(values[~np.isnan(values)])
    n = len(x)
    case = {"name": name, "note": note, "values": [None if math.isnan(v) else v for v in values],
            "missing_rate": 1 - n / len(values), "min": x[0], "max": x[-1],
            "decimals": decimals(x)}
    if x[0] == x[-1]:
        case.update(family="constant", ks=0.0, candidates=[])
        return case
    candidates = []
    for family, params, dist in moment_fits(x):
        ks = stats.kstest(x, dist.cdf).statistic
        candidates.append({"family": family, "params": params, "ks": ks})
    best = min(candidates, key=lambda c: c["ks"])  # min keeps the first of equal ones
    others = sorted(c["ks"] for c in candidates if c is not best)
    case["margin_to_second"] = others[0] - best["ks"] if others else None
    case["critical"] = KS_CRITICAL_1PCT / math.sqrt(n)
    if best["ks"] > case["critical"]:
        q = empirical_quantiles(x)
        case.update(family="empirical", ks=ks_with_steps(x, empirical_cdf(q)),
                    empirical_quantiles_at={str(i): q[i] for i in (0, 1, 1024, 2048, 3072, 4095,
                                                                        4096)})
    else:
        case.update(family=best["family"], ks=best["ks"], params=best["params"])
    case["candidates"] = candidates
    return case


def fitting_cases():
    rng = np.random.default_rng(20261203)
    cases = [
        fitting_case("normal", rng.normal(10, 2, 400), "a normal sample"),
        fitting_case("gamma-skewed", rng.gamma(2.0, 3.0, 500), "right-skewed, positive"),
        fitting_case("log-normal-heavy-tail", rng.lognormal(1.0, 0.9, 500),
                     "a heavy right tail"),
        fitting_case("bounded-0-1", rng.beta(2.0, 5.0, 500), "a share in [0, 1]"),
        fitting_case("uniform", rng.uniform(-3, 7, 300), "flat on [-3, 7]"),
        fitting_case("student-t-heavy-tails", rng.standard_t(1.5, 400),
                     "heavy tails on both sides, negatives (no log-normal)"),
        fitting_case("all-integer-counts", rng.poisson(4.0, 400).astype(float),
                     "whole numbers with many ties"),
        fitting_case("few-distinct", rng.choice([1.0, 2.0, 5.0], 200, p=[0.5, 0.3, 0.2]),
                     "three distinct values"),
        fitting_case("constant", np.full(50, 3.25), "one value"),
        fitting_case("two-decimals-missing",
                     np.where(rng.uniform(size=300) < 0.2, np.nan,
                              np.round(rng.normal(50, 5, 300), 2)),
                     "two decimals, about 20 % missing"),
        fitting_case("tiny", np.array([2.0, 3.5, 4.0, 7.0, 11.0]), "five values"),
        fitting_case("negative-skewed", -rng.gamma(3.0, 1.5, 400) + 2,
                     "left-skewed, crosses zero (no log-normal)"),
    ]
    return cases


def points(dist, xs, ps):
    return {"cdf": [[x, dist.cdf(x)] for x in xs], "ppf": [[p, dist.ppf(p)] for p in ps]}


def distribution_cases():
    ps = [0.0005, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.9995]
    out = []

    def add(spec, dist, xs, ps_=ps):
        case = {"distribution": spec}
        case.update(points(dist, xs, ps_))
        out.append(case)

    add({"family": "normal", "mean": 3, "sd": 2}, stats.norm(3, 2), [-4, 0, 3, 4.5, 9])
    add({"family": "log-normal", "mu": 0.5, "sigma": 0.8},
        stats.lognorm(s=0.8, scale=math.exp(0.5)), [-1, 0, 0.3, 1.6, 5, 20])
    add({"family": "gamma", "shape": 0.7, "scale": 2, "loc": 1},
        stats.gamma(0.7, loc=1, scale=2), [0.5, 1, 1.01, 2, 4, 12])
    add({"family": "beta", "alpha": 2, "beta": 5, "lower": -1, "upper": 3},
        stats.beta(2, 5, loc=-1, scale=4), [-2, -1, -0.5, 0.2, 1.5, 3, 4])
    add({"family": "uniform", "lower": -2, "upper": 5}, stats.uniform(-2, 7),
        [-3, -2, 0, 4.9, 5, 6])
    add({"family": "truncated-normal", "mean": 1, "sd": 2, "lower": 0, "upper": 3},
        stats.truncnorm(-0.5, 1, loc=1, scale=2), [-1, 0, 0.5, 1.5, 2.9, 3, 4])
    add({"family": "exponential", "mean": 2.5}, stats.expon(scale=2.5), [-1, 0, 0.1, 2.5, 10])
    add({"family": "poisson", "mean": 3.7}, stats.poisson(3.7), [-0.5, 0, 0.5, 1, 3, 3.99, 4, 9])
    # the normal truncated to [-0.5, 2] by transformation equals scipy's truncnorm there
    add({"family": "truncated", "base": {"family": "normal", "mean": 0, "sd": 1},
         "lower": -0.5, "upper": 2},
        stats.truncnorm(-0.5, 2), [-1, -0.5, 0, 1.2, 2, 3])

    # Poisson(3.7) conditioned on 2..6: counts' probabilities renormalised
    pois = stats.poisson(3.7)
    ks = np.arange(2, 7)
    pk = pois.pmf(ks) / pois.pmf(ks).sum()
    cum = np.cumsum(pk)

    def tp_cdf(x):
        return 0.0 if x < 2 else 1.0 if x >= 6 else float(cum[int(math.floor(x)) - 2])

    def tp_ppf(p):
        return float(next(k for k, c in zip(ks, cum) if c >= p - 1e-15))

    out.append({"distribution": {"family": "truncated",
                                 "base": {"family": "poisson", "mean": 3.7},
                                 "lower": 2, "upper": 6},
                "cdf": [[x, tp_cdf(x)] for x in [1, 2, 2.5, 3, 5, 6, 7]],
                "ppf": [[p, tp_ppf(p)] for p in ps]})

    # a mixture of 1 part N(0, 1) and 3 parts 3 + Gamma(2, 1)
    parts = [stats.norm(0, 1), stats.gamma(2, loc=3, scale=1)]
    w = [0.25, 0.75]

    def mix_cdf(x):
        return sum(wi * d.cdf(x) for wi, d in zip(w, parts))

    def mix_ppf(p):
        return optimize.brentq(lambda t: mix_cdf(t) - p, -20, 40, xtol=1e-14, rtol=1e-15)

    out.append({"distribution": {"family": "mixture",
                                 "parts": [{"family": "normal", "mean": 0, "sd": 1},
                                           {"family": "gamma", "shape": 2, "scale": 1, "loc": 3}],
                                 "weights": [1, 3]},
                "cdf": [[x, mix_cdf(x)] for x in [-3, 0, 1, 3, 3.5, 5, 10]],
                "ppf": [[p, mix_ppf(p)] for p in ps]})

    # an empirical quantile function: linear between 5 quantiles at p = 0, 0.25, ..., 1
    q = np.array([-1.0, 0.5, 2.0, 2.5, 6.0])
    grid = np.linspace(0, 1, len(q))
    out.append({"distribution": {"family": "empirical", "quantiles": list(q)},
                "cdf": [[x, float(np.interp(x, q, grid))] for x in [-2, -1, 0, 0.5, 2.2, 5, 6, 7]],
                "ppf": [[p, float(np.interp(p, grid, q))] for p in [0] + ps + [1]]})
    out.append({"distribution": {"family": "constant", "value": 4},
                "cdf": [[3.9, 0.0], [4, 1.0], [5, 1.0]],
                "ppf": [[p, 4.0] for p in [0] + ps + [1]]})
    return out


def correlation_cases():
    out = []
    for name, r in [
        ("not-positive-definite", [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]),
        ("nan-entry", [[1, 0.5, float("nan")], [0.5, 1, 0.2], [float("nan"), 0.2, 1]]),
        ("positive-definite", [[1, 0.3, 0.1, -0.2], [0.3, 1, 0.4, 0.0], [0.1, 0.4, 1, 0.25],
                               [-0.2, 0.0, 0.25, 1]]),
    ]:
        m = np.nan_to_num(np.array(r, dtype=float), nan=0.0)
        np.fill_diagonal(m, 1)
        w, v = np.linalg.eigh(m)
        fixed = v @ np.diag(np.maximum(w, 1e-6)) @ v.T
        d = np.sqrt(np.diag(fixed))
        fixed = fixed / np.outer(d, d)
        np.fill_diagonal(fixed, 1)
        out.append({"name": name, "input": [[None if math.isnan(x) else x for x in row]
                                            for row in r],
                    "eigenvalues": list(w), "repaired": fixed.tolist(),
                    "cholesky": np.linalg.cholesky(fixed).tolist()})
    return out


def main():
    doc = {"scipy": __import__("scipy").__version__, "numpy": np.__version__,
           "fitting": fitting_cases(), "distributions": distribution_cases(),
           "correlations": correlation_cases()}
    json.dump(doc, sys.stdout, indent=1, default=float)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
