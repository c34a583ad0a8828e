"""Files: what a file is, vector layers in any CRS to RD New, GeoParquet, GeoPackage."""
