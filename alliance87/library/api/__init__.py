"""The library's part of the API: items, files and collections (items.py), and search (search.py); each router
is mounted by the API root."""
