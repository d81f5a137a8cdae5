"""Backup, restore and move of one institution: ``samverka export-institution`` / ``import-institution``."""
