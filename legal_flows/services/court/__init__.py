"""Court tracking: events, their deadlines, the court platform's feed."""
