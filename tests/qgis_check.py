"""Open a result GeoPackage (and its QGIS project) in real QGIS and render every layer.

Run with Debian's ``/usr/bin/python3`` (which has ``qgis.core`` from the ``python3-qgis``
package), not the project's venv, and ``QT_QPA_PLATFORM=offscreen``:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_check.py results/GM9999/warmtekans.gpkg out/

Prints one JSON object: per layer whether it is valid, its geometry type, whether its default
style loaded from the GeoPackage, the renderer and labelling found, and how many pixels of a
800 x 800 rendering differ from the white background; and for ``warmtekans.qgs`` beside the
GeoPackage the layers in drawing order with their visibility. The PNGs go to the output folder.
Exits 3 when ``qgis.core`` cannot be imported.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

try:
    from qgis.core import (
        QgsApplication,
        QgsMapRendererCustomPainterJob,
        QgsMapSettings,
        QgsProject,
        QgsProviderRegistry,
        QgsRectangle,
        QgsVectorLayer,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor, QImage, QPainter
except ImportError as exc:  # pragma: no cover - depends on the machine
    print(json.dumps({"error": f"cannot import qgis.core: {exc}"}))
    sys.exit(3)

SIZE = 800


def render(layers: list, extent, path: Path) -> int:
    """Render ``layers`` at ``extent`` on white; save to ``path``; return the number of non-white pixels."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setOutputSize(QSize(SIZE, SIZE))
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setExtent(extent)
    image = QImage(QSize(SIZE, SIZE), QImage.Format_ARGB32_Premultiplied)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.start()
    job.waitForFinished()
    painter.end()
    image.save(str(path))
    white = QColor(255, 255, 255).rgb()
    return sum(1 for y in range(0, SIZE, 2) for x in range(0, SIZE, 2) if image.pixel(x, y) != white) * 4


def pixel(path: Path, x: int, y: int) -> list[int]:
    colour = QColor(QImage(str(path)).pixel(x, y))
    return [colour.red(), colour.green(), colour.blue()]


def check_layer(gpkg: Path, name: str, extent, out: Path) -> dict:
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    result: dict = {"valid": layer.isValid()}
    if not layer.isValid():
        return result
    message, loaded = layer.loadDefaultStyle()
    result.update(style_loaded=bool(loaded), style_message=message, features=layer.featureCount(),
                  geometry=QgsWkbTypes.displayString(layer.wkbType()), spatial=layer.isSpatial())
    if not layer.isSpatial():
        return result
    renderer = layer.renderer()
    result["renderer"] = renderer.type() if renderer else None
    result["symbol_levels"] = bool(renderer.usingSymbolLevels()) if renderer else False
    result["symbol_types"] = sorted({symbol.type() for symbol in renderer.symbols(QgsRenderContextHolder.get())})
    if renderer is not None and renderer.type() == "RuleRenderer":
        result["rules"] = rule_report(layer, renderer)
    result["labels"] = bool(layer.labelsEnabled())
    if layer.labelsEnabled() and layer.labeling() is not None:
        labeling = layer.labeling()
        settings = labeling.settings()
        text_format = settings.format()
        result["label_field"] = settings.fieldName
        result["label_halo"] = bool(text_format.buffer().enabled())
    png = out / f"{name}.png"
    result["png"] = str(png)
    result["painted_pixels"] = render([layer], extent, png) if layer.featureCount() else 0
    return result


def rule_report(layer, renderer) -> list[dict]:
    """Per rule of a rule-based renderer: label, filter, marker shape and colour of its first symbol layer, and
    how many features it draws (an ELSE rule: those no other rule draws)."""
    from qgis.core import QgsFeatureRequest

    rules, matched = [], set()
    for rule in renderer.rootRule().children():
        symbol_layer = rule.symbol().symbolLayer(0)
        entry = {"label": rule.label(), "filter": rule.filterExpression(), "is_else": rule.isElse(),
                 "shape": symbol_layer.properties().get("name"), "colour": symbol_layer.color().name(),
                 "size_expression": symbol_layer.dataDefinedProperties().property(
                     symbol_layer.PropertySize).expressionString()}
        if not rule.isElse():
            ids = {f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterExpression(rule.filterExpression()))}
            matched |= ids
            entry["features"] = len(ids)
        rules.append(entry)
    for entry in rules:
        if entry["is_else"]:
            entry["features"] = layer.featureCount() - len(matched)
    return rules


class QgsRenderContextHolder:
    """One render context for asking renderers for their symbols."""

    _context = None

    @classmethod
    def get(cls):
        from qgis.core import QgsRenderContext

        if cls._context is None:
            cls._context = QgsRenderContext()
        return cls._context


def check_project(project_path: Path, out: Path) -> dict:
    project = QgsProject.instance()
    ok = project.read(str(project_path))
    root = project.layerTreeRoot()
    order = []
    for node in root.findLayers():
        layer = node.layer()
        order.append({"id": node.layerId(), "name": node.name(), "visible": node.isVisible(),
                      "valid": bool(layer and layer.isValid()),
                      "features": layer.featureCount() if layer is not None and layer.isValid() else None,
                      "abstract": layer.metadata().abstract() if layer is not None else ""})
    visible = [node.layer() for node in root.findLayers() if node.isVisible() and node.layer() is not None]
    painted = 0
    if visible:
        extent = project.viewSettings().defaultViewExtent()
        if extent.isEmpty():
            extent = visible[-1].extent()
        painted = render(visible, extent, out / "project.png")
    return {"read": bool(ok), "title": project.title(), "crs": project.crs().authid(), "layers": order,
            "painted_pixels": painted, "project_abstract": project.metadata().abstract()}


def main() -> None:
    gpkg, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    sublayers = QgsProviderRegistry.instance().providerMetadata("ogr").querySublayers(str(gpkg))
    names = [sub.name() for sub in sublayers]
    extent = QgsRectangle()
    for name in names:
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        if layer.isValid() and layer.isSpatial() and layer.featureCount():
            extent.combineExtentWith(layer.extent())
    extent.scale(1.05)
    report = {"qgis": QgsApplication.instance().applicationVersion() if hasattr(QgsApplication, "applicationVersion")
              else "", "layers": {name: check_layer(gpkg, name, extent, out) for name in names}}
    from qgis.core import Qgis

    report["qgis"] = Qgis.QGIS_VERSION
    project = gpkg.with_suffix(".qgs")
    if project.exists():
        report["project"] = check_project(project, out)
    print(json.dumps(report), flush=True)
    sys.stderr.flush()
    os._exit(0)  # QGIS 3.22 may crash while tearing down Python-owned layers; the report is out


if __name__ == "__main__":
    main()
