"""Where records are kept and how they travel: the database file, backups, bundles, keys.

The only layer that touches the disk for records, and the only importer of TinyDB.
"""
