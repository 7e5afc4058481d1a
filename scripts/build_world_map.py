"""Build the world map the Pathfinder Countries page draws on, from Natural Earth via the `world-atlas` npm package.

Usage: npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
       python scripts/build_world_map.py package/countries-110m.json

Writes, in an equirectangular projection on a 360×180 box (x = longitude + 180, y = 90 − latitude):
- alliance87/countries/static/countries/world-110m.svg — every country in grey, the map's background;
- alliance87/countries/data/world-110m-paths.json — each country's SVG path by ISO 3166-1 numeric code, so the
  page can draw the Pathfinder Countries on top.
Natural Earth data is in the public domain; world-atlas is ISC-licensed (Mike Bostock).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Keep a ring continuous across the antimeridian (the map's edge clips what falls outside)."""
    unwrapped: list[tuple[float, float]] = []
    for lon, lat in points:
        if unwrapped:
            previous = unwrapped[-1][0]
            while lon - previous > 180:
                lon -= 360
            while lon - previous < -180:
                lon += 360
        unwrapped.append((lon, lat))
    return unwrapped


def path_for(geometry: dict, arcs: list[list[tuple[float, float]]]) -> str:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = unwrap(ring_points(ring, arcs))
            coords = " ".join(f"{lon + 180:.2f},{90 - lat:.2f}" for lon, lat in points)
            parts.append(f"M{coords}Z")
    return "".join(parts)


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    paths: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or "id" not in geometry:
            continue
        paths[str(geometry["id"])] = path_for(geometry, arcs)
    data_file = ROOT / "alliance87/countries/data/world-110m-paths.json"
    data_file.write_text(json.dumps(paths, separators=(",", ":"), sort_keys=True))
    body = "".join(f'<path d="{d}"/>' for d in paths.values())
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" aria-hidden="true">'
        f'<g fill="#d5dde3" stroke="#ffffff" stroke-width="0.2">{body}</g></svg>'
    )
    (ROOT / "alliance87/countries/static/countries/world-110m.svg").write_text(svg)
    print(f"{len(paths)} countries written")


if __name__ == "__main__":
    main(sys.argv[1])
