"""The offsite dashboard (``gtm-pulse dashboard``): views, slides, commitments, export."""
