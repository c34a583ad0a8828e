"""What users read: result layers and tables, QGIS styles, PNG maps, raster, web map, provenance."""
