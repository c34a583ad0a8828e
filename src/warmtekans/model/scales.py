"""Network scales by woningequivalenten (seed 000) and the Wet collectieve warmte regime by connections."""

from __future__ import annotations

import numpy as np

from warmtekans.config.sections import ClusterSettings

#: Label letters as numbers for averaging (A=1 … G=7).
LABEL_INDEX = {"A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7}


SCALE_MINI = "mini"


SCALE_SMALL = "kleinschalig"


SCALE_LARGE = "grootschalig"


def scale_class(weq: float | np.ndarray, settings: ClusterSettings) -> np.ndarray:
    """Scale class by woningequivalenten: <2 individueel, 2–50 mini, 50–1 500 kleinschalig, >1 500 grootschalig.

    The boundaries 50 and 1 500 belong to the smaller class, as in the seed's '2–50' and
    '50–1 500' (a cluster of exactly 50 WEQ is still mini).
    """
    weq = np.asarray(weq, dtype=float)
    return np.select(
        [weq < settings.mini_min_weq, weq <= settings.mini_max_weq, weq <= settings.small_scale_max_weq],
        ["individueel", SCALE_MINI, SCALE_SMALL],
        default=SCALE_LARGE,
    )


def wcw_regime(connections: float | np.ndarray) -> np.ndarray:
    """Wet collectieve warmte regime by number of connections (seed 000).

    < 10 aansluitingen: beperkt gereguleerd; 10 to < 1 500: klein collectief (ontheffing);
    ≥ 1 500: basisregime.
    """
    n = np.asarray(connections, dtype=float)
    return np.select([n < 10, n < 1500], ["beperkt gereguleerd (< 10)", "klein collectief (< 1 500)"],
                     default="basisregime (≥ 1 500)")
