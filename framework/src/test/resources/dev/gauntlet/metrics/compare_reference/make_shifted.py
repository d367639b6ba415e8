# Writes iris_shifted.csv and iris_slight.csv for CompareFiguresReferenceTest: the noisy iris copy of the shared
# reference case iris_noise (iris_noise.csv, seed 1: iris + N(0, (0.1 col sd)^2), 15 species labels
# redrawn) with a drift planted: sepal_width + 0.3 cm, petal_width x 1.2, and every fifth row left
# out (120 rows, so that the two sides differ in length).
#   /usr/bin/python3 make_shifted.py
import csv

with open("iris_noise.csv", newline="") as f:
    rows = list(csv.reader(f))
header, data = rows[0], rows[1:]
sw, pw = header.index("sepal_width_cm"), header.index("petal_width_cm")
with open("iris_shifted.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for i, row in enumerate(data):
        if i % 5 == 4:
            continue
        row = list(row)
        row[sw] = repr(round(float(row[sw]) + 0.3, 3))
        row[pw] = repr(round(float(row[pw]) * 1.2, 3))
        w.writerow(row)

# iris_slight.csv: all 150 noisy rows with sepal_width + 0.15 cm only, a difference the MMD
# permutation test finds neither certain nor absent (its p-value lies well inside (0, 1)).
with open("iris_slight.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for row in data:
        row = list(row)
        row[sw] = repr(round(float(row[sw]) + 0.15, 3))
        w.writerow(row)
