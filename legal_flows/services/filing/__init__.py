"""The filing package: dossier, generation, the package itself, PDF copies."""
