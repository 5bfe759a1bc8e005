"""Intake: escalated accounts, their collection history, the creditors."""
