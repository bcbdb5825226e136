"""Live-commerce replay (直播复盘): session overview, one session's replay, segment effectiveness,
script what-if and private-domain follow-through. Metric formulas live in `metrics`."""
