# seed 2026: real = 300 sign-ups (dates over 2021-2024, plan and amount depend on the date, ~5 %
# of dates missing, last_login date-times); synthetic = 240 rows drawn independently with the
# dates shifted ~120 days later, the plan-date link weakened, a plan 'trial' only in synthetic
import numpy as np, pandas as pd
rng = np.random.default_rng(2026)
def make(n, shift_days, link, plans, miss):
    start = np.datetime64('2021-01-01')
    days = rng.integers(0, 4 * 365, n) + shift_days
    dates = start + days.astype('timedelta64[D]')
    frac = days / (4 * 365)
    amount = np.round(20 + 80 * frac * link + rng.normal(0, 10, n), 2)
    p_pro = np.clip(0.1 + 0.7 * frac * link, 0, 1)
    plan = np.where(rng.random(n) < p_pro, 'pro', 'basic')
    if 'trial' in plans:
        plan = np.where(rng.random(n) < 0.1, 'trial', plan)
    region = rng.choice(['north', 'south', 'east', 'west'], n, p=[0.4, 0.3, 0.2, 0.1]).astype(object)
    region[rng.random(n) < 0.05] = None
    secs = rng.integers(0, 86400 * 60, n)
    login = dates.astype('datetime64[s]') + secs.astype('timedelta64[s]')
    d = pd.DataFrame({
        'signup_date': pd.Series(dates).dt.strftime('%Y-%m-%d'),
        'last_login': pd.Series(login).dt.strftime('%Y-%m-%dT%H:%M:%S'),
        'plan': plan, 'region': region, 'amount': amount,
        'visits': rng.poisson(3 + 5 * frac, n)})
    d.loc[rng.random(n) < miss, 'signup_date'] = None
    d.loc[rng.random(n) < miss, 'amount'] = None
    return d
make(300, 0, 1.0, ['pro', 'basic'], 0.05).to_csv('real.csv', index=False)
make(240, 120, 0.6, ['pro', 'basic', 'trial'], 0.08).to_csv('synthetic.csv', index=False)
