"""timeline: dated, sourced chronologies of diplomatic events from news articles."""

__version__ = "0.1.0"
