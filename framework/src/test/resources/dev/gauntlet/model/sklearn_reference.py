# Reference values pinned in LogisticRegressionTest and DecisionTreeTest.
# Run with Debian's python3-sklearn 1.2.1 next to iris.csv: /usr/bin/python3 sklearn_reference.py
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

np.set_printoptions(precision=17)
iris = pd.read_csv("iris.csv")
features = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]


def fit_lr(frame):
    x = StandardScaler().fit_transform(frame[features].to_numpy())  # population std, as Gauntlet
    y = frame["species"].to_numpy()
    # Tight tolerances, so the numbers are the optimum of the objective, not an early stop
    # (lbfgs, the default solver, stops here with gradient components near 1e-4).
    lr = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-8, max_iter=1000).fit(x, y)
    check = LogisticRegression(C=1.0, solver="sag", tol=1e-12, max_iter=100000).fit(x, y)
    print("newton-cg vs sag, largest coefficient difference", abs(lr.coef_ - check.coef_).max())
    # The objective's gradient at the lbfgs solution, computed here by hand: sum of log losses
    # plus ||W||^2 / (2C), with C = 1.
    onehot = (y[:, None] == lr.classes_[None, :]).astype(float)
    if len(lr.classes_) == 2:
        residual = lr.predict_proba(x)[:, 1] - onehot[:, 1]
        grad_w, grad_b = residual @ x + lr.coef_[0], residual.sum()
    else:
        residual = lr.predict_proba(x) - onehot
        grad_w, grad_b = residual.T @ x + lr.coef_, residual.sum(axis=0)
    print("largest gradient component", max(abs(grad_w).max(), abs(grad_b).max()))
    return x, lr


# Three classes: softmax (multinomial).
x, lr = fit_lr(iris)
print("multinomial classes", list(lr.classes_))
print("coef", repr(lr.coef_))
print("intercept", repr(lr.intercept_))
print("proba rows 0, 50, 100, 133", repr(lr.predict_proba(x[[0, 50, 100, 133]])))

# Two classes: versicolor vs virginica, standardized on those 100 rows; binary (sigmoid).
sub = iris[iris["species"] != "setosa"].reset_index(drop=True)
x2, lr2 = fit_lr(sub)
print("binary classes", list(lr2.classes_))
print("coef", repr(lr2.coef_))
print("intercept", repr(lr2.intercept_))
print("proba rows 0, 20, 70", repr(lr2.predict_proba(x2[[0, 20, 70]])))

# Tree: max_depth=3, min_samples_leaf=5, every random_state that changes tie-breaking.
xt = iris[features].to_numpy()
for state in range(20):
    tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=5, random_state=state).fit(
        xt, iris["species"])
    print("tree", state, "train accuracy", tree.score(xt, iris["species"]),
          "leaves", tree.get_n_leaves(), "proba rows 0, 70, 120",
          tree.predict_proba(xt[[0, 70, 120]]).round(12).tolist())
