"""Pairing English documents with their Korean originals (and, later, aligning them)."""
