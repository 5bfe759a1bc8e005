"""Cases as people and scripts read them; lawyers; closing."""
