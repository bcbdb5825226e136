"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013,
"The Gamma-Gamma Model of Monetary Value"): average value per repeat purchase, fitted by
maximum likelihood on customers with at least one repeat purchase. Parameters p, q, gamma."""

from __future__ import annotations

import logging

import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln

log = logging.getLogger(__name__)

PARAMS = ("p", "q", "gamma")


def log_likelihood(params: np.ndarray, x: np.ndarray, zbar: np.ndarray) -> np.ndarray:
    """Per-customer log-likelihood of the mean spend zbar over x purchases (x ≥ 1, zbar > 0)."""
    p, q, gamma = params
    px = p * x
    return (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gamma)
            + (px - 1) * np.log(zbar) + px * np.log(x) - (px + q) * np.log(gamma + x * zbar))


def _gradient(params: np.ndarray, x: np.ndarray, zbar: np.ndarray) -> tuple[float, np.ndarray]:
    """Total log-likelihood and its gradient with respect to log(p, q, gamma)."""
    p, q, gamma = params
    px = p * x
    log_g, log_gz = np.log(gamma), np.log(gamma + x * zbar)
    psi = digamma(px + q)
    d_p = x * (psi - digamma(px) + np.log(zbar) + np.log(x) - log_gz)
    d_q = psi - digamma(q) + log_g - log_gz
    d_gamma = q / gamma - (px + q) / (gamma + x * zbar)
    grad = np.array([d_p.sum(), d_q.sum(), d_gamma.sum()]) * params
    return float(log_likelihood(params, x, zbar).sum()), grad


def fit(x: np.ndarray, zbar: np.ndarray) -> tuple[dict[str, float], float]:
    """Maximum-likelihood (p, q, gamma) and the total log-likelihood, on rows with x ≥ 1 and
    zbar > 0 (others are dropped)."""
    x, zbar = np.asarray(x, dtype=float), np.asarray(zbar, dtype=float)
    keep = (x >= 1) & (zbar > 0)
    x, zbar = x[keep], zbar[keep]
    if len(x) < 2:
        raise ValueError("the Gamma-Gamma fit needs at least two repeat customers")

    def nll(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = _gradient(np.exp(log_params), x, zbar)
        return -ll / len(x), -grad / len(x)

    start = np.log([1.0, 2.0, float(np.mean(zbar))])
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        best = minimize(nll, start, jac=True, method="L-BFGS-B", bounds=[(-15.0, 15.0)] * 3)
    if not np.isfinite(best.fun):
        raise ValueError("the Gamma-Gamma fit did not converge")
    if not best.success:
        log.warning("Gamma-Gamma fit stopped early: %s", best.message)
    params = np.exp(best.x)
    return dict(zip(PARAMS, params.tolist(), strict=True)), -best.fun * len(x)


def expected_average(params: dict[str, float], x, zbar) -> np.ndarray:
    """E[average spend per purchase | x, zbar]: (p·(gamma + x·zbar)) / (p·x + q − 1); the
    population mean p·gamma/(q − 1) for x = 0 (needs q > 1)."""
    p, q, gamma = (params[k] for k in PARAMS)
    x = np.asarray(x, dtype=float)
    zbar = np.where(x > 0, np.asarray(zbar, dtype=float), 0.0)
    return p * (gamma + x * zbar) / (p * x + q - 1)
