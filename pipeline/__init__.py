"""mtreview: a review pipeline for Korean-to-English machine translation."""

__version__ = "0.1.0"
