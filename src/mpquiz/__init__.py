"""mpquiz: learn Python multiprocessing with spaced repetition and real demos."""

__version__ = "0.1.0"
