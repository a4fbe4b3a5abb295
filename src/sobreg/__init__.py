"""sobreg: the regional routine for internet-based support and treatment programs, over git."""

__version__ = "0.14.0"
