"""compound: a continuous-learning habit tracker for the terminal."""

__version__ = "0.1.0"
