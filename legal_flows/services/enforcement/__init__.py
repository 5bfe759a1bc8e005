"""Enforcement: seizures, auctions, proceeds, its documents, the platform feed."""
