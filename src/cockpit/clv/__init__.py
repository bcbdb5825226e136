"""Customer lifetime value: BG/NBD purchase counts and P(alive), Gamma-Gamma spend.

`bgnbd` and `gammagamma` are the models (maximum likelihood with scipy), `summary` turns
transactions into the per-customer frequency/recency/T frame, `model` fits and scores that
frame, `warehouse` reads it from the warehouse in SQL and `orders_csv` from an order export.
"""
