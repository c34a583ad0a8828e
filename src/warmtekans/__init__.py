"""warmtekans: where in a Dutch gemeente does a mini, small-scale or large heat network fit?

All logic of the Snakemake workflow lives in this package, so every stage can be
imported and tested without Snakemake. EPSG:28992 (RD New) is used inside.
"""

__version__ = "0.1.0"

RD_CRS = "EPSG:28992"
