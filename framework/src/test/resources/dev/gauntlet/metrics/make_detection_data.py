# Writes detection_real.csv and detection_synthetic.csv, the small fixed tables that
# DetectionReferenceTest pins figures on. Debian's numpy 1.24: /usr/bin/python3 make_detection_data.py
import numpy as np

rng = np.random.default_rng(20261126)


def table(n, shift, probs):
    a = rng.normal(shift, 1.0, n)
    b = 0.5 * a + rng.normal(0.0, 1.0 + shift, n)
    c = rng.choice(["red", "green", "blue"], size=n, p=probs)
    return a, b, c


def write(path, cols):
    a, b, c = cols
    with open(path, "w") as f:
        f.write("a,b,c\n")
        for x, y, z in zip(a, b, c):
            f.write(f"{x!r},{y!r},{z}\n")


write("detection_real.csv", table(60, 0.0, [0.5, 0.3, 0.2]))
write("detection_synthetic.csv", table(45, 0.4, [0.3, 0.3, 0.4]))
