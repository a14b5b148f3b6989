"""``python -m gtm_pulse``: the same entry point as the ``gtm-pulse`` console script."""

from gtm_pulse.cli import main

if __name__ == "__main__":
    main()
