"""Plans compared across years: series, diffs, targets, and issuers across the 2025 reorganisation."""
