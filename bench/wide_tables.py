"""Writes the two tables of bench/wide.sh, seeded (no network):

weather.csv  1,461 rows like the Seattle weather table: date (one per day, 2012-2015),
             precipitation, temp_max, temp_min, wind (numeric), weather (5 levels).
loans.csv    40,000 loan-like rows whose annual_inc column is numeric but for one "N/A" cell,
             so it reads as one categorical column of 1,460 levels; plus loan_amnt, int_rate,
             grade (7 levels) and loan_status (the label).

usage: python3 bench/wide_tables.py OUT_DIR [seed]
"""

import csv
import datetime
import math
import random
import sys


def weather(path, rng):
    start = datetime.date(2012, 1, 1)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["date", "precipitation", "temp_max", "temp_min", "wind", "weather"])
        for day in range(1461):
            season = math.cos(2 * math.pi * (day - 200) / 365.25)
            temp_max = round(18 + 9 * season + rng.gauss(0, 3), 1)
            temp_min = round(temp_max - 7 - abs(rng.gauss(0, 2.5)), 1)
            rainy = rng.random() < 0.45 - 0.25 * season
            precipitation = round(rng.expovariate(1 / 6), 1) if rainy else 0.0
            wind = round(abs(rng.gauss(3.2, 1.4)), 1)
            if rainy:
                kind = "snow" if temp_max < 4 else ("rain" if precipitation > 1 else "drizzle")
            else:
                kind = "fog" if rng.random() < 0.08 else "sun"
            w.writerow([(start + datetime.timedelta(days=day)).isoformat(), precipitation,
                        temp_max, temp_min, wind, kind])


def loans(path, rng):
    # 1,459 distinct incomes (multiples of 500 from 12,000) plus one "N/A": 1,460 levels
    incomes = [12000 + 500 * i for i in range(1459)]
    na_row = rng.randrange(40000)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["loan_amnt", "int_rate", "annual_inc", "grade", "loan_status"])
        for r in range(40000):
            # every income level appears at least once
            income = incomes[r] if r < len(incomes) else rng.choice(incomes)
            grade = "ABCDEFG"[min(6, int(abs(rng.gauss(0, 2.2))))]
            rate = round(6 + 3.2 * "ABCDEFG".index(grade) + rng.gauss(0, 1), 2)
            amount = round(rng.uniform(1000, 35000) / 25) * 25
            risk = -2.2 + 0.18 * rate - income / 200000 + amount / 60000
            status = "Charged Off" if rng.random() < 1 / (1 + math.exp(-risk)) else "Fully Paid"
            w.writerow([amount, rate, "N/A" if r == na_row else income, grade, status])


if __name__ == "__main__":
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261203
    weather(out + "/weather.csv", random.Random(seed))
    loans(out + "/loans.csv", random.Random(seed + 1))
