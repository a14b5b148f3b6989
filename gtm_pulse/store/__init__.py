"""Where records are kept and how they travel: the database file, backups, bundles, keys.

The only layer that touches the disk for records, and the only importer of TinyDB. Callers use
``database.Store``; behind it, ``format`` (the file and its schema), ``snapshot`` (reads),
``transaction`` (the lock), ``repository`` (writes) and ``backups``.
"""
