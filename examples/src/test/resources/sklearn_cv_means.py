# scikit-learn's mean accuracy over 20 fold assignments, pinned in BuiltInModelsCrossValidationTest.
# The protocol of ../shared/reference/models.md (5-fold stratified, shuffled; numeric columns
# mean-imputed and standardized, categorical columns one-hot, the target read as text), repeated
# with random_state 0..19 instead of 0 alone. Debian's python3-sklearn 1.2.1; run from examples/:
#   /usr/bin/python3 src/test/resources/sklearn_cv_means.py
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

DATA = [("iris", "species"), ("wine", "class"), ("breast_cancer", "target"),
        ("credit_g", "class"), ("telco_churn", "churn")]
for name, target in DATA:
    frame = pd.read_csv("data/%s.csv" % name)
    y = frame[target].astype(str)
    x = frame.drop(columns=[target])
    numeric = [c for c in x if pd.api.types.is_numeric_dtype(x[c])]
    categorical = [c for c in x if c not in numeric]
    encode = ColumnTransformer([
        ("numeric", make_pipeline(SimpleImputer(), StandardScaler()), numeric),
        ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical)])
    models = [("logistic", LogisticRegression(C=1.0, max_iter=1000)),
              ("tree", DecisionTreeClassifier(max_depth=5, min_samples_leaf=5, random_state=0))]
    for model_name, model in models:
        means = [cross_val_score(make_pipeline(encode, model), x, y,
                                 cv=StratifiedKFold(5, shuffle=True, random_state=state)).mean()
                 for state in range(20)]
        print("%-14s %-8s random_state 0: %.4f  20 states: mean %.4f, min %.4f, max %.4f, sd %.4f"
              % (name, model_name, means[0], np.mean(means), min(means), max(means), np.std(means)))
