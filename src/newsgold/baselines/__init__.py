"""Baseline extractors: transparent systems whose scores anchor the leaderboard."""
