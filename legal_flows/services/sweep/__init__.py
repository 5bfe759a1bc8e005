"""The daily sweep: deadlines and alerts, their delivery, the recovery report."""
