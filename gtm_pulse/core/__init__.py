"""The records and the rules: periods, surveys, answers, analysis, commitments, metrics, seals.

Pure: no files, no database, no UI. Everything above builds on these values.
"""
