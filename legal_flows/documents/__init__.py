"""Filing documents: typed template contexts, the strict renderer, the template catalog."""
