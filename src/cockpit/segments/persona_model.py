"""Latent-class clustering of customers: a mixture of multinomials fitted by EM.

Each customer is a bag of counts in several blocks (orders by hour band, weekend/weekday,
lines by category, sustainable/other lines, multi/single-category baskets, green/other
deliveries, review character bigrams). A persona is a set of multinomials, one per block; a
customer with few orders weighs little, one with many weighs much, which is what shares fed
to k-means cannot express. Starts come from scikit-learn k-means on the shares (seeded).

The number of personas is chosen by ICL, the integrated completed likelihood of Biernacki,
Celeux & Govaert (2000, IEEE TPAMI 22(7)): BIC plus twice the entropy of the assignments,
so it prefers personas that are both likely and clearly separated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans

SMOOTHING = 0.5          # Dirichlet pseudo-count per cell of each multinomial
MAX_ITER = 150
TOL = 1e-6               # relative change of the log-likelihood that stops EM
STARTS, SHORT_ITER = 6, 6    # short EM runs from seeded k-means starts; the best continues
SCAN_STARTS = 2              # fewer per candidate k when scoring the number of personas


@dataclass(frozen=True)
class Block:
    """Counts (customers × cells) and the weight of their log-likelihood."""

    name: str
    counts: np.ndarray | sparse.csr_matrix
    weight: float = 1.0
    cells: tuple[str, ...] = ()

    def rows(self, idx: np.ndarray) -> Block:
        return Block(self.name, self.counts[idx], self.weight, self.cells)


@dataclass(frozen=True)
class Mixture:
    """A fitted mixture: class weights and, per block, class × cell probabilities."""

    weights: np.ndarray
    thetas: tuple[np.ndarray, ...]
    log_likelihood: float
    entropy: float

    @property
    def k(self) -> int:
        return len(self.weights)


def _logsumexp(x: np.ndarray) -> np.ndarray:
    """log Σ exp over each row (plain numpy: scipy's version costs more than EM's algebra)."""
    top = x.max(axis=1)
    return top + np.log(np.exp(x - top[:, None]).sum(axis=1))


def _log_joint(blocks: list[Block], weights: np.ndarray,
               thetas: tuple[np.ndarray, ...]) -> np.ndarray:
    out = np.tile(np.log(weights), (blocks[0].counts.shape[0], 1))
    for block, theta in zip(blocks, thetas, strict=True):
        out += block.weight * np.asarray(block.counts @ np.log(theta).T)
    return out


@dataclass(frozen=True)
class _Packed:
    """The blocks for EM: dense blocks side by side in one matrix (one product per step
    instead of one per block), sparse ones apart; `order` maps back to the blocks' order."""

    dense: np.ndarray
    cell_weight: np.ndarray
    starts: np.ndarray
    sizes: np.ndarray
    sparse: tuple[Block, ...]
    order: tuple[tuple[bool, int], ...]


def _pack(blocks: list[Block]) -> _Packed:
    dense = [b for b in blocks if not sparse.issparse(b.counts)]
    sizes = np.array([b.counts.shape[1] for b in dense], dtype=np.int64)
    order, d, s = [], 0, 0
    for b in blocks:
        is_sparse = sparse.issparse(b.counts)
        order.append((is_sparse, s if is_sparse else d))
        s, d = (s + 1, d) if is_sparse else (s, d + 1)
    return _Packed(np.hstack([np.asarray(b.counts, dtype=np.float64) for b in dense]),
                   np.repeat([b.weight for b in dense], sizes),
                   np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes,
                   tuple(b for b in blocks if sparse.issparse(b.counts)), tuple(order))


def _packed_log_joint(p: _Packed, weights: np.ndarray, dense_theta: np.ndarray,
                      sparse_thetas: list[np.ndarray]) -> np.ndarray:
    out = p.dense @ (np.log(dense_theta) * p.cell_weight).T + np.log(weights)
    for block, theta in zip(p.sparse, sparse_thetas, strict=True):
        out += block.weight * np.asarray(block.counts @ np.log(theta).T)
    return out


def _packed_m_step(p: _Packed, resp: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    weights = resp.mean(axis=0) + 1e-12
    cells = (p.dense.T @ resp).T + SMOOTHING
    dense_theta = cells / np.repeat(np.add.reduceat(cells, p.starts, axis=1), p.sizes, axis=1)
    sparse_thetas = []
    for block in p.sparse:
        cells = np.asarray((block.counts.T @ resp).T) + SMOOTHING
        sparse_thetas.append(cells / cells.sum(axis=1, keepdims=True))
    return weights / weights.sum(), dense_theta, sparse_thetas


def _unpack(p: _Packed, dense_theta: np.ndarray,
            sparse_thetas: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    dense = np.split(dense_theta, p.starts[1:], axis=1)
    return tuple(sparse_thetas[i] if is_sparse else dense[i] for is_sparse, i in p.order)


def _em(p: _Packed, resp: np.ndarray, max_iter: int) -> tuple[Mixture, np.ndarray]:
    """EM from responsibilities `resp` until the log-likelihood settles or max_iter."""
    previous = -np.inf
    for _ in range(max_iter):
        weights, dense_theta, sparse_thetas = _packed_m_step(p, resp)
        joint = _packed_log_joint(p, weights, dense_theta, sparse_thetas)
        total = _logsumexp(joint)
        resp = np.exp(joint - total[:, None])
        ll = float(total.sum())
        if ll - previous <= TOL * abs(ll):
            break
        previous = ll
    entropy = float(-(resp * np.log(np.clip(resp, 1e-300, None))).sum())
    return Mixture(weights, _unpack(p, dense_theta, sparse_thetas), ll, entropy), resp


def _shares(blocks: list[Block]) -> np.ndarray:
    """Row shares of the behaviour blocks (not the text), for the k-means starts."""
    parts = []
    for block in blocks:
        if sparse.issparse(block.counts):
            continue
        total = block.counts.sum(axis=1, keepdims=True)
        parts.append(block.counts / np.maximum(total, 1.0))
    return np.hstack(parts)


def fit(blocks: list[Block], k: int, seed: int = 0, starts: int = STARTS) -> Mixture:
    """Short-run EM (Biernacki, Celeux & Govaert 2003): `starts` runs of SHORT_ITER
    iterations, each from a seeded k-means on the shares; the most likely one runs on to
    convergence. Many short starts escape the local optima one long run gets stuck in."""
    shares, packed = _shares(blocks), _pack(blocks)
    best = None
    for start in range(starts):
        labels = KMeans(k, n_init=1, random_state=seed + start).fit_predict(shares)
        mixture, resp = _em(packed, np.eye(k)[labels], SHORT_ITER)
        if best is None or mixture.log_likelihood > best[0].log_likelihood:
            best = (mixture, resp)
    assert best is not None
    return _em(packed, best[1], MAX_ITER)[0]


def responsibilities(blocks: list[Block], mixture: Mixture) -> np.ndarray:
    """P(persona | customer) for every row of the blocks (customers × k)."""
    joint = _log_joint(blocks, mixture.weights, mixture.thetas)
    return np.exp(joint - _logsumexp(joint)[:, None])


def parameters(blocks: list[Block], k: int) -> float:
    """Free parameters of a k-class mixture (text cells count at their block weight)."""
    per_class = sum(b.weight * (b.counts.shape[1] - 1) for b in blocks)
    return k * per_class + (k - 1)


def icl(blocks: list[Block], mixture: Mixture) -> float:
    """Integrated completed likelihood, BIC form (lower is better)."""
    n = blocks[0].counts.shape[0]
    bic = -2.0 * mixture.log_likelihood + parameters(blocks, mixture.k) * np.log(n)
    return bic + 2.0 * mixture.entropy


def scan(blocks: list[Block], ks: range, seed: int = 0,
         starts: int = SCAN_STARTS) -> pd.DataFrame:
    """DataFrame(k, icl, log_likelihood) for each candidate number of personas."""
    rows = []
    for k in ks:
        mixture = fit(blocks, k, seed, starts)
        rows.append({"k": k, "icl": icl(blocks, mixture),
                     "log_likelihood": mixture.log_likelihood})
    return pd.DataFrame(rows)
