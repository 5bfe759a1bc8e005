"""The demonstration: a synthetic portfolio and simulated court history."""
