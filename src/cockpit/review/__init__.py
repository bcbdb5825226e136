"""The weekly review: ISO weeks, the week's KPIs against its comparisons and the plan, the GMV
bridge, anomalies, highlight blocks per domain, a rule-based narrative and the deck."""
