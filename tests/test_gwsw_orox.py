"""GWSW-OroX (Turtle) into the sewer pipe table: a fixture written here, and RIONED's "Juinen" example when given."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from warmtekans.config.areas import LayerInput
from warmtekans.config.sections import SewerSettings
from warmtekans.core.errors import InputError
from warmtekans.core.quality import QualityLog
from warmtekans.inputs.gwsw import read_sewers
from warmtekans.model.sewer import BY_BOB, BY_OUTLET, accumulate_upstream
from warmtekans.pipeline.stages.prepare_inputs import orient_sewers

#: Written by hand from the GWSW ontology's published structure (see the comment at its top); no copied data.
FIXTURE = Path(__file__).parent / "data" / "gwsw_orox_voorbeeld.ttl"


def read(path, quality=None):
    return read_sewers(LayerInput(path=str(path)), SewerSettings(), quality=quality)


def test_fixture_reads_into_the_pipe_table():
    quality = QualityLog()
    pipes = read(FIXTURE, quality).set_index(read(FIXTURE)["leiding_id"])
    assert len(pipes) == 8 and pipes.crs.to_epsg() == 28992
    assert pipes["gwsw_type"].tolist() == ["GemengdRiool"] * 5 + ["Hemelwaterriool", "Drukleiding",
                                                                   "GemengdePerceelaansluitleiding"]
    assert pipes["draagt_dwa"].tolist() == [True] * 5 + [False] * 3  # a house connection is no main
    # diameter: BreedteLeiding, DiameterLeiding (L3), the width of the 600 x 900 egg shape (L5)
    assert pipes["diameter_mm"].tolist() == [400, 300, 500, 500, 600, 400, 160, 125]
    assert pipes["materiaal"].tolist() == ["Beton", "PVC", "Beton", "Beton", "Beton", "Beton", "PE", "PVC"]
    assert pipes["bob_begin"].tolist()[:5] == pytest.approx([1.00, 1.10, float("nan"), 0.90, 0.80], nan_ok=True)
    assert pipes["bob_eind"].tolist()[:5] == pytest.approx([0.90, 1.00, float("nan"), 0.80, 0.70], nan_ok=True)
    # L3 has no line: the straight line between its manholes P3 (140050, 455050) and P2 (140050, 455000)
    assert list(pipes.geometry.iloc[2].coords) == [(140050.0, 455050.0), (140050.0, 455000.0)]
    # L5 ends in a compartment of the pump, L7 (pressure main) starts there
    assert pipes["lozingspunt"].tolist()[4] == "eind" and pipes["lozingspunt_soort"].tolist()[4] == "gemaal"
    assert pipes["lozingspunt"].tolist()[6] == "begin"
    entry = quality.entry("riool")
    assert entry.rows_read == 8 and entry.crs == "EPSG:28992"
    assert any("GWSW-OroX (Turtle), GWSW 1.6: 8 leidingen, 4 met BOB begin, 8 met diameter" in n for n in entry.notes)


def test_fixture_flows_from_bob_and_to_the_pump():
    """The loop P1-P2-P3-P4: BOB orients L1, L2, L4, L5; L3 (no BOB) flows from P3 (100 m from the pump) to P2 (50 m).

    With one unit of own load per pipe: L2 1, L3 1, L1 = 1 + L2 = 2, L4 = 1 + L1 = 3, L5 = 1 + L4 + L3 = 5.
    """
    quality = QualityLog()
    pipes = orient_sewers(read(FIXTURE), quality.entry("riool"))
    dwa = pipes[pipes["draagt_dwa"]]
    assert dwa["richting_bron"].tolist() == [BY_BOB, BY_BOB, BY_OUTLET, BY_BOB, BY_BOB]
    assert dwa["richting"].tolist() == [1, 1, 1, 1, 1]
    load, _ = accumulate_upstream(dwa, pd.Series(1.0, index=dwa.index))
    assert load.tolist() == [2.0, 1.0, 1.0, 3.0, 5.0]
    notes = quality.entry("riool").notes
    assert any("5 van 5 (100,0 %)" in n for n in notes)
    assert any("kringen in het rioolnet: 1 " in n for n in notes)


def test_bad_turtle_is_refused_with_the_file_named(tmp_path):
    path = tmp_path / "stelsel.ttl"
    path.write_text("@prefix gwsw: <http://data.gwsw.nl/1.6/totaal/> .\n:L1 a gwsw:GemengdRiool ;; .\n")
    with pytest.raises(InputError, match=r"stelsel.ttl': cannot be read as GWSW-OroX Turtle"):
        read(path)
    path.write_text("@prefix gwsw: <http://data.gwsw.nl/1.6/totaal/> .\n<urn:x> a gwsw:Inspectieput .\n")
    with pytest.raises(InputError, match=r"holds no GWSW pipe \(no gwsw:Leidingorientatie\)"):
        read(path)


JUINEN = os.environ.get("WARMTEKANS_JUINEN")


@pytest.mark.skipif(not JUINEN, reason="set WARMTEKANS_JUINEN to RIONED's Juinen example (juinen_voorbeeld_v1_6.ttl, "
                                       "GWSW 1.6, in the public repository mcolee/gwsw-orox-helpers, MIT) to run this")
def test_juinen_example_reads_into_pipes_with_diameter_and_bob():
    """RIONED's published example dataset "Juinen" (GWSW 1.6): 19 pipes (11 mixed sewers, 2 pressure mains, 5
    connection pipes, a gutter), 18 with a diameter, 12 with both invert levels (counted in the file by hand)."""
    quality = QualityLog()
    pipes = orient_sewers(read(JUINEN, quality), quality.entry("riool"))
    assert len(pipes) == 19
    assert int(pipes["diameter_mm"].notna().sum()) == 18
    assert int((pipes["bob_begin"].notna() & pipes["bob_eind"].notna()).sum()) == 12
    assert int((pipes["gwsw_type"] == "GemengdRiool").sum()) == 11
    assert isinstance(pipes, gpd.GeoDataFrame) and pipes["richting"][pipes["draagt_dwa"]].notna().all()
