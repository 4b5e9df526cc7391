"""Eval suites: labelled cases scored against the code that runs in production, gated by evals/thresholds.yaml."""
