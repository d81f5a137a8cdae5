"""Samverka: strategic partnerships between universities and their partners."""
