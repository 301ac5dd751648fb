"""The logistic regression both learned signals are trained with (scripts/train_line_model.py,
scripts/train_head_model.py), and the arithmetic their run-time scorers repeat.

Features are standardised ((x - mean) / scale, a constant feature's scale taken as 1) and
weighted; weights are rounded to `decimals` so that the committed file is the same on every
machine. Deterministic: a fixed solver, no sampling. scikit-learn is needed here only (the
test extra), never at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence


def fit(
    rows: list[list[float]], labels: list[int], names: Sequence[str], c: float, decimals: int
) -> dict:
    """The intercept and each feature's weight, mean and scale (named in order)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(rows)
    scale = [float(s) if s > 0 else 1.0 for s in scaler.scale_]
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    model.fit(
        [[(x - m) / s for x, m, s in zip(r, scaler.mean_, scale, strict=True)] for r in rows],
        labels,
    )
    return {
        "intercept": round(float(model.intercept_[0]), decimals),
        "features": [
            {
                "feature": name,
                "weight": round(float(w), decimals),
                "mean": round(float(m), decimals),
                "scale": round(float(s), decimals),
            }
            for name, w, m, s in zip(names, model.coef_[0], scaler.mean_, scale, strict=True)
        ],
    }


def probability(data: dict, row: list[float]) -> float:
    """The row's score by weights as fit() gives them (the run-time scorers' arithmetic)."""
    z = data["intercept"] + sum(
        f["weight"] * (x - f["mean"]) / f["scale"]
        for x, f in zip(row, data["features"], strict=True)
    )
    return 1 / (1 + math.exp(-min(30.0, max(-30.0, z))))


def weights_text(data: dict, one_line: Sequence[str] = ()) -> str:
    """The weights file: its fields indented, the keys of one_line each on one line, then one
    feature a line (a retraining's diff reads feature by feature)."""
    data = dict(data)
    features = ",\n".join(
        "  " + json.dumps(item, ensure_ascii=False) for item in data.pop("features")
    )
    chosen = {key: data.pop(key) for key in one_line if key in data}
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]  # less its closing "\n}"
    for key, value in chosen.items():
        head += f',\n "{key}": {json.dumps(value)}'
    return f'{head},\n "features": [\n{features}\n ]\n}}\n'
