"""Eligibility review: automatic decisions in chunks, a named reviewer's decisions."""
