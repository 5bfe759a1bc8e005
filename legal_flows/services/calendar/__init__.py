"""The official holiday schedules the bank loads, and the calendar the deadlines use."""
