"""BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): repeat purchases
and P(alive) from frequency x, recency t_x and age T (time in weeks), fitted by maximum
likelihood. Parameters: r, alpha (purchase rate, gamma-distributed), a, b (dropout, beta)."""

from __future__ import annotations

import logging

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

log = logging.getLogger(__name__)

PARAMS = ("r", "alpha", "a", "b")


def _parts(params, x, t_x, T):  # noqa: N803
    """The terms of the log-likelihood (FHL 2005, eq. 6): head + logaddexp(alive, dead)."""
    r, alpha, a, b = params
    head = (gammaln(r + x) - gammaln(r) + r * np.log(alpha)
            + betaln(a, b + x) - betaln(a, b))
    alive = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        dead = np.where(x > 0, np.log(a) - np.log(b + x - 1) - (r + x) * np.log(alpha + t_x),
                        -np.inf)
    return head, alive, dead


def log_likelihood(params: np.ndarray, x: np.ndarray, t_x: np.ndarray,
                   T: np.ndarray) -> np.ndarray:  # noqa: N803 - T as in the paper
    """Per-customer log-likelihood (FHL 2005, eq. 6)."""
    head, alive, dead = _parts(params, x, t_x, T)
    return head + np.logaddexp(alive, dead)


def _gradient(params: np.ndarray, x, t_x, T, w, ux, ix) -> tuple[float, np.ndarray]:  # noqa: N803
    """Weighted total log-likelihood and its gradient with respect to log(r, alpha, a, b).
    Terms that depend on x alone are computed once per distinct x (`ux`, `x == ux[ix]`)."""
    r, alpha, a, b = params
    head = (gammaln(r + ux) - gammaln(r) + r * np.log(alpha)
            + betaln(a, b + ux) - betaln(a, b))[ix]
    log_at, log_atx = np.log(alpha + T), np.log(alpha + t_x)
    alive = -(r + x) * log_at
    repeat = x > 0
    inv_b = (np.where(ux > 0, 1.0 / np.maximum(b + ux - 1, 1e-300), 0.0))[ix]
    with np.errstate(divide="ignore"):
        dead = np.where(repeat, np.log(a) + np.log(np.where(repeat, inv_b, 1.0))
                        - (r + x) * log_atx, -np.inf)
    total = np.logaddexp(alive, dead)
    w_alive, w_dead = np.exp(alive - total), np.exp(dead - total)
    psi_ab = digamma(a + b)
    d_r = ((digamma(r + ux) - digamma(r))[ix] + np.log(alpha)
           - w_alive * log_at - w_dead * log_atx)
    d_alpha = r / alpha - (r + x) * (w_alive / (alpha + T) + w_dead / (alpha + t_x))
    psi_abx = digamma(a + b + ux)[ix]
    d_a = psi_ab - psi_abx + w_dead / a
    d_b = (digamma(b + ux) - digamma(b))[ix] + psi_ab - psi_abx - w_dead * inv_b
    grad = np.array([w @ d_r, w @ d_alpha, w @ d_a, w @ d_b]) * params
    return float(w @ (head + total)), grad


def fit(x: np.ndarray, t_x: np.ndarray, T: np.ndarray,  # noqa: N803
        weights: np.ndarray | None = None) -> tuple[dict[str, float], float]:
    """Maximum-likelihood (r, alpha, a, b) and the total log-likelihood; `weights` counts
    customers sharing one (x, t_x, T) row."""
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))  # noqa: N806
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    scale = w.sum()
    ux, ix = np.unique(x, return_inverse=True)

    def nll(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = _gradient(np.exp(log_params), x, t_x, T, w, ux, ix)
        return -ll / scale, -grad / scale

    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        best = minimize(nll, np.zeros(4), jac=True, method="L-BFGS-B",
                        bounds=[(-15.0, 15.0)] * 4)
    if not np.isfinite(best.fun):
        raise ValueError("the BG/NBD fit did not converge")
    if not best.success:
        log.warning("BG/NBD fit stopped early: %s", best.message)
    params = np.exp(best.x)
    return dict(zip(PARAMS, params.tolist(), strict=True)), -best.fun * scale


def _log_alive_odds(params: dict[str, float], x, t_x, T):  # noqa: N803
    """log of a/(b+x−1)·((alpha+T)/(alpha+t_x))^(r+x) for x > 0; −inf for x = 0."""
    r, alpha, a, b = (params[k] for k in PARAMS)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = (np.log(a) - np.log(b + x - 1)
                + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x)))
    return np.where(x > 0, odds, -np.inf)


def p_alive(params: dict[str, float], x, t_x, T) -> np.ndarray:  # noqa: N803
    """P(alive | x, t_x, T) (FHL 2005, eq. 11 via Fader, Hardie & Lee 2008 note)."""
    return expit(-_log_alive_odds(params, x, t_x, T))


def expected_purchases(params: dict[str, float], t: float, x, t_x, T) -> np.ndarray:  # noqa: N803
    """Expected repeat purchases in (T, T + t] given x, t_x, T (FHL 2005, eq. 10)."""
    r, alpha, a, b = (params[k] for k in PARAMS)
    x = np.asarray(x, dtype=float)
    T = np.asarray(T, dtype=float)  # noqa: N806
    z = t / (alpha + T + t)
    grow = 1.0 - np.exp((r + x) * np.log((alpha + T) / (alpha + T + t))) * hyp2f1(
        r + x, b + x, a + b + x - 1, z)
    out = (a + b + x - 1) / (a - 1) * grow * p_alive(params, x, t_x, T)
    return np.clip(np.nan_to_num(out, nan=0.0), 0.0, None)
