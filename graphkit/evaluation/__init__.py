"""Extraction quality: scoring entity sets by the annotation guidelines, and gold-set evaluation."""
