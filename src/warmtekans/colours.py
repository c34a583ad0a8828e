"""Colours per recommended configuration, shared by the PNG maps, the QGIS styles and the web map."""

COLOURS = {
    "gedeelde bodemlus": "#1b9e77",
    "bodemlussen op ringnet": "#66a61e",
    "collectieve luchtwarmtepomp": "#a6d854",
    "kleinschalig warmtenet (riothermie met WKO)": "#7570b3",
    "kleinschalig warmtenet (collectieve warmtepomp)": "#beaed4",
    "grootschalig warmtenet": "#d95f02",
    "individueel": "#bdbdbd",
}
