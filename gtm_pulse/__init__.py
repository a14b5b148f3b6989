"""gtm-pulse: a monthly pulse that keeps a company's VP of Sales and VP of Marketing aligned.

This module holds the version only: ``gtm-pulse --help`` and ``--version`` must stay fast.
"""

__version__ = "0.1.0"
