"""The same VAE as Gauntlet's `vae` (dev.gauntlet.generators.deep.Vae), in PyTorch, on the encoded
matrix DeepBenchmark wrote: prints the median milliseconds per epoch, for bench/deep.sh.

Usage: deep_vae_torch.py FOLDER EPOCHS [BLAS_THREADS]"""
import os
import sys
import time

# Debian's torch does its matrix products in OpenBLAS (pthreads), which ignores
# torch.set_num_threads and uses every core unless told otherwise when it loads. By default one
# thread, as Gauntlet trains; with BLAS_THREADS=2 the products use two (elementwise work stays on
# one thread: two OpenMP threads on top of two OpenBLAS threads ran twice as slow here).
blas_threads = sys.argv[3] if len(sys.argv) > 3 else "1"
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = blas_threads
os.environ["OPENBLAS_NUM_THREADS"] = blas_threads

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
torch.manual_seed(0)

folder, epochs = sys.argv[1], int(sys.argv[2])
with open(f"{folder}/spans.txt") as f:
    rows, width = map(int, f.readline().split())
    spans = [(int(a), int(b), kind) for a, b, kind in (line.split() for line in f if line.strip())]
data = torch.from_numpy(np.fromfile(f"{folder}/encoded.f32", dtype="<f4").reshape(rows, width))
tanh_mask = torch.zeros(1, width)
soft_mask = torch.zeros(1, width)
for start, length, kind in spans:
    (tanh_mask if kind == "tanh" else soft_mask)[0, start:start + length] = 1
cuts = [s for s, _, _ in spans]
sizes = [n for _, n, _ in spans]
hidden, embedding, batch = 128, 128, 500


def xavier(layer):
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


enc = nn.Sequential(xavier(nn.Linear(width, hidden)), nn.ReLU(), xavier(nn.Linear(hidden, hidden)), nn.ReLU())
mu_l, logvar_l = xavier(nn.Linear(hidden, embedding)), xavier(nn.Linear(hidden, embedding))
dec = nn.Sequential(xavier(nn.Linear(embedding, hidden)), nn.ReLU(), xavier(nn.Linear(hidden, hidden)), nn.ReLU(),
                    xavier(nn.Linear(hidden, width)))
sigma = nn.Parameter(torch.ones(width) * 0.1)
params = list(enc.parameters()) + list(mu_l.parameters()) + list(logvar_l.parameters()) + list(dec.parameters()) + [sigma]
opt = torch.optim.Adam(params, lr=1e-3, weight_decay=1e-5)
steps = max(1, rows // batch)
times = []
for epoch in range(epochs):
    start = time.perf_counter()
    order = torch.randperm(rows)
    for s in range(steps):
        x = data[order[s * batch:(s + 1) * batch]]
        h = enc(x)
        mu, logvar = mu_l(h), logvar_l(h)
        z = torch.randn_like(mu) * torch.exp(0.5 * logvar) + mu
        out = dec(z)
        parts = [p.tanh() if kind == "tanh" else torch.log_softmax(p, 1)
                 for p, (_, _, kind) in zip(torch.split(out, sizes, 1), spans)]
        a = torch.cat(parts, 1)
        squares = ((x - a) ** 2 * tanh_mask / (2 * sigma ** 2)).sum()
        log_sigma = (torch.log(sigma) * tanh_mask).sum() * batch
        ce = -(a * x * soft_mask).sum()
        kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp())
        loss = (2 * (squares + log_sigma + ce) + kl) / batch
        opt.zero_grad()
        loss.backward()
        opt.step()
        sigma.data.clamp_(0.01, 1.0)
    times.append(time.perf_counter() - start)
warm = sorted(times[min(5, len(times) - 1):])
print(f"torch {torch.__version__} blas_threads={blas_threads} epoch_ms_median={1000 * warm[len(warm) // 2]:.1f} last_loss={loss.item():.4f}")
