"""Reading the collections system's exports: tables, typed rows, reports."""
