"""warmtekans: where in a Dutch gemeente does a mini, small-scale or large heat network fit?

All logic of the Snakemake workflow lives in this package, in layers that import only downward
(docs/architecture.md): ``core`` < ``config`` < ``io`` < ``inputs`` < ``model`` < ``decision`` <
``outputs`` < ``sample`` < ``pipeline``. Every stage can be imported and tested without Snakemake.
EPSG:28992 (RD New) is used inside.
"""

__version__ = "0.1.0"
