# Reference predictions pinned in LinearRegressionTest and RegressionTreeTest.
# Run with Debian's python3-sklearn 1.2.1 next to penguins.csv (a copy of examples/data/penguins.csv:
# R package palmerpenguins 0.1.1, CC0; Horst, Hill and Gorman 2020):
#   /usr/bin/python3 regression_reference.py > regression_reference.csv
# Rows with a missing value are dropped; of the rest, every fourth (0, 4, 8, ...) is a test row and
# the others train. Numeric features are standardized with the training rows' mean and population
# standard deviation and categorical ones one-hot with a feature per level, as Gauntlet's
# FeatureEncoder does; the label is body_mass_g.
import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeRegressor

penguins = pd.read_csv("penguins.csv").dropna().reset_index(drop=True)
numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "year"]
categorical = ["species", "island", "sex"]
label = "body_mass_g"
test = penguins.index % 4 == 0
train = ~test

scaler = StandardScaler().fit(penguins.loc[train, numeric])
onehot = OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(
    penguins.loc[train, categorical])


def encode(frame):
    return np.hstack([scaler.transform(frame[numeric]), onehot.transform(frame[categorical])])


x = encode(penguins)
y = penguins[label].to_numpy()
models = {
    "linear": LinearRegression(),
    "ridge_10": Ridge(alpha=10.0),
    "tree_4_5": DecisionTreeRegressor(max_depth=4, min_samples_leaf=5, random_state=0),
    "tree_8_5": DecisionTreeRegressor(max_depth=8, min_samples_leaf=5, random_state=0),
}
out = pd.DataFrame({"row": penguins.index, "part": np.where(test, "test", "train")})
for name, model in models.items():
    model.fit(x[train], y[train])
    out[name] = model.predict(x)
    if name.startswith("tree"):
        # A row whose value lies on a threshold of its path (49.9 mm is midway between 49.8 and
        # 50.0) goes left or right by rounding: scikit-learn compares float32 features, Gauntlet
        # float64 ones. For such rows, also give the prediction from the other side of the threshold.
        other = out[name].to_numpy().copy()
        tree = model.tree_
        for row in range(len(x)):
            for node in model.decision_path(x[[row]]).indices:
                f, t = tree.feature[node], tree.threshold[node]
                if f >= 0 and abs(float(np.float32(x[row, f])) - t) <= 1e-6:
                    nudged = x[[row]].copy()
                    nudged[0, f] += 1e-4 if np.float32(x[row, f]) <= t else -1e-4
                    other[row] = model.predict(nudged)[0]
                    print(name, "row", row, "on the threshold of node", node, file=sys.stderr)
        out[name + "_other_side"] = other
        # Ties between equally good splits are broken by random_state; check they do not move a
        # prediction, so one seed's tree is the reference for any.
        for state in range(1, 20):
            other = DecisionTreeRegressor(
                max_depth=model.max_depth, min_samples_leaf=model.min_samples_leaf,
                random_state=state).fit(x[train], y[train])
            moved = np.abs(other.predict(x) - out[name]).max()
            print(name, "random_state", state, "largest change", moved, file=sys.stderr)
out.to_csv(sys.stdout, index=False, float_format="%.17g")
