"""Converters between newsgold annotation JSON and the annotation tools people use."""
