"""Ruled-table grids read from PDFium path objects, with pdfplumber's "lines" table algorithm.

pdfplumber finds a ruled table's cells from the page's straight edges, but to get those edges it interprets the
whole page with pdfminer, text included: ~0.1 s per page, most of a 300-page audit. PDFium already has the page
loaded, and its path objects carry the same segments. This module takes the axis-aligned segments from PDFium and
runs a port of pdfplumber's default ``find_tables`` steps (snap and join edges within 3 pt, drop edges shorter
than 3 pt, intersect within 3 pt, smallest cells, contiguous cell groups, rows), so the grids are the ones
pdfplumber would find for paths at the top level of the page, at a fraction of the cost and without importing
pdfminer.
"""

from __future__ import annotations

import ctypes
import itertools
import struct
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter, itemgetter
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

SNAP = 3.0  # pdfplumber's snap_tolerance and join_tolerance
JOIN = 3.0
MIN_LENGTH = 3.0  # edge_min_length
PREFILTER = 1.0  # edge_min_length_prefilter
INTERSECT = 3.0  # intersection_tolerance

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom, measured from the page top (pdfplumber's)
Grid = list[list[BBox | None]]


class Edge(NamedTuple):
    """An axis-aligned edge in top-down page coordinates; ``orientation`` is ``h`` or ``v``.

    NOTE: a named tuple, not a frozen dataclass: a designed page holds thousands of edges, and a dataclass's
    ``__init__`` and ``replace`` cost several times a tuple's while snapping and joining them.
    """

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def length(self) -> float:
        """Length along the edge's orientation."""
        return self.x1 - self.x0 if self.orientation == "h" else self.bottom - self.top


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def page_edges(page: pdfium.PdfPage, height: float) -> list[Edge]:
    """Axis-aligned straight edges of the page's path objects, including those inside form XObjects.

    Like pdfminer, a path contributes a straight edge between consecutive end points (a Bézier segment counts
    from its start to its end point) and from the last point back to the start on a close; only horizontal and
    vertical edges can rule a table, so the others are dropped, and so are edges shorter than PREFILTER, the
    first thing ``find_grids`` drops (half the edges of a designed report: the short sides of hairline rectangles).
    """
    edges: list[Edge] = []
    count = pdfium_c.FPDFPage_CountObjects(page)
    _collect(edges, [pdfium_c.FPDFPage_GetObject(page, i) for i in range(count)], _IDENTITY, height, 0, _Scratch())
    return edges


class _Scratch:
    """Per-page state of the edge walk.

    ctypes out-parameters are made once (``byref`` and a float per call cost more than PDFium's work), and
    ``checked`` says whether this page's path records were compared with the segment API yet.
    """

    def __init__(self) -> None:
        self.matrix = pdfium_c.FS_MATRIX()
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.left, self.bottom, self.right, self.top = (ctypes.c_float() for _ in range(4))
        self.matrix_ref = ctypes.byref(self.matrix)
        self.x_ref, self.y_ref = ctypes.byref(self.x), ctypes.byref(self.y)
        self.bounds_refs = tuple(ctypes.byref(v) for v in (self.left, self.bottom, self.right, self.top))
        self.checked = False


def _collect(
    edges: list[Edge], objects: list[object], outer: _Matrix, height: float, depth: int, scratch: _Scratch
) -> None:
    get_type, path, form = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    get_matrix, matrix, matrix_ref = pdfium_c.FPDFPageObj_GetMatrix, scratch.matrix, scratch.matrix_ref
    for obj in objects:
        kind = get_type(obj)
        if kind == path:
            if _tiny(obj, outer, scratch) or not get_matrix(obj, matrix_ref):
                continue
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            _path_edges(edges, path_points(obj, scratch), _multiply(own, outer), height)
        elif kind == form and get_matrix(obj, matrix_ref):
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            if depth < 8:  # NOTE: forms may nest; a bound keeps a self-referencing file from recursing forever
                count = pdfium_c.FPDFFormObj_CountObjects(obj)
                children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)]
                _collect(edges, children, _multiply(own, outer), height, depth + 1, scratch)


def _tiny(obj: object, outer: _Matrix, scratch: _Scratch) -> bool:
    """Whether no edge of this path can be PREFILTER long: its bounds, in page space, are smaller both ways.

    NOTE: most path objects of a designed report are dots, glyph-like icons and hairline fragments; one bounds
    call skips their segments. The bounds hold every point of the path (control points and stroke too), so every
    edge lies inside them; the 0.01 pt margin absorbs float rounding.
    """
    if not pdfium_c.FPDFPageObj_GetBounds(obj, *scratch.bounds_refs):
        return False
    x0, y0, x1, y1 = scratch.left.value, scratch.bottom.value, scratch.right.value, scratch.top.value
    limit = PREFILTER - 0.01
    if outer is _IDENTITY:  # NOTE: a top-level object (most of them): its bounds are in page space already
        return abs(x1 - x0) < limit and abs(y1 - y0) < limit
    a, b, c, d, e, f = outer
    xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
    ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
    return max(xs) - min(xs) < limit and max(ys) - min(ys) < limit


def _multiply(m: _Matrix, n: _Matrix) -> _Matrix:
    """``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


_get_segment = pdfium_c.FPDFPath_GetPathSegment
_get_point = pdfium_c.FPDFPathSegment_GetPoint
_get_type = pdfium_c.FPDFPathSegment_GetType
_get_close = pdfium_c.FPDFPathSegment_GetClose
_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
_BEZIERTO = pdfium_c.FPDF_SEGMENT_BEZIERTO

Point = tuple[float, float, int, int]  # x, y (path space), segment type (FPDF_SEGMENT_*), closes the figure (0/1)

# NOTE: a path segment handle is a pointer to PDFium's point record (CFX_Path::Point: x and y as floats, the type
# as a byte with the FPDF_SEGMENT_* values, the close flag as a byte, two bytes of padding), and a path keeps its
# records in one array. Reading a path's records in one ``string_at`` replaces four ctypes calls per segment (the
# table pass's main cost: ~70,000 segments on a 212-page report). That layout is PDFium's, not its API's, so
# every page's first path of two or more segments is read both ways, and any difference (another PDFium build)
# switches this process to the API for good: a different layout can cost time, never change a table.
_RECORD = struct.Struct("=ffBBxx")
_records_trusted = True


def path_points(obj: object, scratch: _Scratch) -> list[Point] | Iterator[Point]:
    """A path object's points in order, from its records in one read where PDFium's layout was confirmed."""
    count = pdfium_c.FPDFPath_CountSegments(obj)
    global _records_trusted
    if count <= 0 or not _records_trusted:
        return api_points(obj, count, scratch)
    if not scratch.checked and count >= 2:
        scratch.checked = True
        expected = api_points(obj, count, scratch)
        if list(_records(obj, count)) != expected or _stride(obj) != _RECORD.size:
            _records_trusted = False
        return expected
    return _records(obj, count)


def _records(obj: object, count: int) -> Iterator[Point]:
    address = ctypes.c_void_p.from_buffer(_get_segment(obj, 0)).value
    if not address:
        return iter(())
    return _RECORD.iter_unpack(ctypes.string_at(address, count * _RECORD.size))


def _stride(obj: object) -> int:
    first = ctypes.c_void_p.from_buffer(_get_segment(obj, 0)).value or 0
    second = ctypes.c_void_p.from_buffer(_get_segment(obj, 1)).value or 0
    return second - first


def api_points(obj: object, count: int, scratch: _Scratch) -> list[Point]:
    """A path object's points through PDFium's segment API: four calls a segment (the reference reading)."""
    points: list[Point] = []
    x, y, x_ref, y_ref = scratch.x, scratch.y, scratch.x_ref, scratch.y_ref
    for k in range(count):
        segment = _get_segment(obj, k)
        if not _get_point(segment, x_ref, y_ref):
            continue
        points.append((x.value, y.value, _get_type(segment), 1 if _get_close(segment) else 0))
    return points


def _path_edges(edges: list[Edge], points: Iterable[Point], m: _Matrix, height: float) -> None:
    a, b, c, d, e, f = m
    append = edges.append
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    bezier = 0
    for px, py, kind, close in points:
        if kind == _BEZIERTO:
            bezier += 1
            if bezier % 3:  # NOTE: PDFium lists two control points, then the end point
                continue
        x, y = a * px + c * py + e, height - (b * px + d * py + f)
        if kind == _MOVETO:
            start = (x, y)
        elif previous is not None:
            # NOTE: _add_edge inlined: this line runs for every segment of every path
            qx, qy = previous
            if qx == x:
                top, bottom = (qy, y) if qy <= y else (y, qy)
                if bottom - top >= PREFILTER:
                    append(Edge("v", qx, top, qx, bottom))
            elif qy == y:
                x0, x1 = (qx, x) if qx <= x else (x, qx)
                if x1 - x0 >= PREFILTER:
                    append(Edge("h", x0, qy, x1, qy))
        previous = (x, y)
        if close and start is not None:
            _add_edge(edges, previous, start)
            previous = start


def _add_edge(edges: list[Edge], p: tuple[float, float], q: tuple[float, float]) -> None:
    if p[0] == q[0]:
        top, bottom = (p[1], q[1]) if p[1] <= q[1] else (q[1], p[1])
        if bottom - top >= PREFILTER:
            edges.append(Edge("v", p[0], top, p[0], bottom))
    elif p[1] == q[1]:
        x0, x1 = (p[0], q[0]) if p[0] <= q[0] else (q[0], p[0])
        if x1 - x0 >= PREFILTER:
            edges.append(Edge("h", x0, p[1], x1, p[1]))


def find_grids(edges: list[Edge]) -> list[tuple[Grid, BBox]]:
    """Cell boxes (row by row, ``None`` for a missing cell) and bounding box of each table, top to bottom."""
    base = [edge for edge in edges if edge.length >= PREFILTER]
    vertical = sum(1 for edge in base if edge.orientation == "v")
    if vertical < 2 or len(base) - vertical < 2:
        return []  # NOTE: a cell needs two vertical and two horizontal rules; merging never adds any
    merged = [edge for edge in _merge(base) if edge.length >= MIN_LENGTH]
    cells = _cells(_intersections(merged))
    out: list[tuple[Grid, BBox]] = []
    for table in _tables(cells):
        bbox = (
            min(c[0] for c in table),
            min(c[1] for c in table),
            max(c[2] for c in table),
            max(c[3] for c in table),
        )
        out.append((_rows(table), bbox))
    return out


_Raw = tuple[str, float, float, float, float]  # an Edge's fields as a plain tuple: cheaper to make by the thousand


def _snap(edges: list[Edge], field: int) -> list[_Raw]:
    """Move edges whose coordinate ``field`` (1: x0, 2: top) lies within SNAP of another's (chained) to their mean.

    NOTE: pdfplumber sorts the edges by cluster and groups them; filling per-cluster lists in input order gives
    the same groups in the same order (so the same float sums) without the sort and its key calls.
    """
    coordinate: Callable[[Edge], float] = itemgetter(field)
    values = sorted(set(map(coordinate, edges)))
    cluster_of: dict[float, int] = {}
    cluster, last = 0, None
    for value in values:
        if last is not None and value > last + SNAP:
            cluster += 1
        cluster_of[value] = cluster
        last = value
    groups: dict[int, list[Edge]] = {}
    for edge in edges:
        groups.setdefault(cluster_of[coordinate(edge)], []).append(edge)
    out: list[_Raw] = []
    for number in sorted(groups):
        members = groups[number]
        mean = sum(map(coordinate, members)) / len(members)
        for orientation, x0, top, x1, bottom in members:
            if field == 1:
                shift = mean - x0
                out.append((orientation, x0 + shift, top, x1 + shift, bottom))
            else:
                shift = mean - top
                out.append((orientation, x0, top + shift, x1, bottom + shift))
    return out


def _merge(edges: list[Edge]) -> list[Edge]:
    """Snap, then join collinear edges (pdfplumber's ``merge_edges``)."""
    snapped = _snap([e for e in edges if e.orientation == "v"], 1) + _snap(
        [e for e in edges if e.orientation == "h"], 2
    )
    # NOTE: collinear edges, grouped in input order (pdfplumber sorts by the group key, stably: the same members in
    # the same order); the order of the groups does not matter downstream, where every step sorts or uses sets
    groups: dict[tuple[str, float], list[_Raw]] = {}
    for edge in snapped:
        groups.setdefault((edge[0], edge[2] if edge[0] == "h" else edge[1]), []).append(edge)
    out: list[Edge] = []
    for (orientation, _), members in groups.items():
        out.extend(Edge._make(edge) for edge in _join(members, orientation))
    return out


def _join(edges: list[_Raw], orientation: str) -> list[_Raw]:
    """Join collinear edges whose gap is at most JOIN."""
    horizontal = orientation == "h"
    # NOTE: the fields x0, x1 or top, bottom
    lo: Callable[[_Raw], float] = itemgetter(1 if horizontal else 2)
    hi: Callable[[_Raw], float] = itemgetter(3 if horizontal else 4)
    ordered = sorted(edges, key=lo)
    joined = [ordered[0]]
    for edge in ordered[1:]:
        last = joined[-1]
        if lo(edge) <= hi(last) + JOIN:
            if hi(edge) > hi(last):
                o, x0, top, x1, bottom = last
                joined[-1] = (o, x0, top, edge[3], bottom) if horizontal else (o, x0, top, x1, edge[4])
        else:
            joined.append(edge)
    return joined


_Point = tuple[float, float]
_Touching = dict[_Point, tuple[set[BBox], set[BBox]]]  # point -> (vertical, horizontal) edge boxes through it


def _intersections(edges: list[Edge]) -> _Touching:
    found: _Touching = {}
    vertical = sorted((e for e in edges if e.orientation == "v"), key=attrgetter("x0", "top"))
    horizontal = sorted((e for e in edges if e.orientation == "h"), key=attrgetter("top", "x0"))
    for v in vertical:
        for h in horizontal:
            crosses_row = v.top <= h.top + INTERSECT and v.bottom >= h.top - INTERSECT
            if crosses_row and h.x0 - INTERSECT <= v.x0 <= h.x1 + INTERSECT:
                vs, hs = found.setdefault((v.x0, h.top), (set(), set()))
                vs.add((v.x0, v.top, v.x1, v.bottom))
                hs.add((h.x0, h.top, h.x1, h.bottom))
    return found


def _cells(points: _Touching) -> list[BBox]:
    def connects(p: _Point, q: _Point) -> bool:
        # NOTE: "share an edge": isdisjoint answers without building the intersection (~50,000 calls on Moncler)
        if p[0] == q[0] and not points[p][0].isdisjoint(points[q][0]):
            return True
        return p[1] == q[1] and not points[p][1].isdisjoint(points[q][1])

    ordered = sorted(points)
    # NOTE: pdfplumber scans every later point for the ones below and to the right (quadratic in the points of a
    # page); the later points with the same x are those below in order, the later ones with the same y those to
    # the right in order, so per-coordinate lists give the same candidates in the same order.
    same_x: dict[float, list[_Point]] = {}
    same_y: dict[float, list[_Point]] = {}
    for pt in ordered:
        same_x.setdefault(pt[0], []).append(pt)
        same_y.setdefault(pt[1], []).append(pt)
    cells: list[BBox] = []
    for pt in ordered[:-1]:
        column, row = same_x[pt[0]], same_y[pt[1]]
        below = column[bisect_right(column, pt) :]
        right = row[bisect_right(row, pt) :]
        cell = _smallest_cell(pt, below, right, points, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    pt: _Point, below: list[_Point], right: list[_Point], points: _Touching, link: Callable[[_Point, _Point], bool]
) -> BBox | None:
    for below_pt in below:
        if not link(pt, below_pt):
            continue
        for right_pt in right:
            if not link(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in points and link(corner, right_pt) and link(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def _tables(cells: list[BBox]) -> list[list[BBox]]:
    """Group cells that share a corner into tables (pdfplumber's ``cells_to_tables``)."""
    remaining = list(cells)
    corners: set[_Point] = set()
    current: list[BBox] = []
    tables: list[list[BBox]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            cell_corners = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in cell_corners):
                corners.update(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _rows(cells: list[BBox]) -> Grid:
    """Cells row by row, aligned on the table's distinct left edges (pdfplumber's ``Table.rows``)."""
    xs = sorted({cell[0] for cell in cells})
    rows: Grid = []
    for _, row_cells in itertools.groupby(sorted(cells, key=itemgetter(1, 0)), itemgetter(1)):
        by_x = {cell[0]: cell for cell in row_cells}
        rows.append([by_x.get(x) for x in xs])
    return rows
