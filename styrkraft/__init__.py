"""Styrkraft: a Swedish municipality's steering chain in one place."""
