"""The bottom layer: errors, frame schemas, quality bookkeeping, CRS, units, atomic writes. Imports no other layer."""
