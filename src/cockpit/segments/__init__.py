"""Customer segments: lifecycle tiers, RFM groups, migration, acquisition value, C2M re-buys."""
