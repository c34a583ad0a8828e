"""Readers of the real national datasets (BAG, EP-online, CBS, zones, GWSW, OSM, heat sources) and downloads."""
