"""Business operations on the directory: finding likely duplicates and merging them."""
