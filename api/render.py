"""The one renderer: query results as JSON (Chinese unescaped) or CSV (UTF-8 with BOM).

The API, the CLI's --json/--csv and the tests all go through these functions, so a
result looks the same whichever door it leaves by.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response

CSV_MEDIA = "text/csv; charset=utf-8"
# Names may hold 、 and ， themselves (各县（市、区）人民政府), so list cells join on "; ".
LIST_SEP = "; "


def dumps(data: Any, *, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, default=str)


class UTF8JSONResponse(JSONResponse):
    """JSON with Chinese as characters, not \\u escapes."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEP.join(_cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]], *, bom: bool = True) -> str:
    """CSV text; the BOM makes Excel read the Chinese as UTF-8."""
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def wants_csv(request: Request, format: str | None) -> bool:
    if format:
        return format.lower() == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


def csv_response(columns: Sequence[str], rows: Iterable[dict[str, Any]], filename: str) -> Response:
    # RFC 5987 filename*: the name may be Chinese
    from urllib.parse import quote

    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}.csv"}
    return Response(to_csv(columns, rows).encode("utf-8"), media_type=CSV_MEDIA, headers=headers)


def tabular(
    request: Request,
    format: str | None,
    *,
    columns: Sequence[str],
    rows: list[dict[str, Any]],
    body: Any,
    filename: str,
) -> Response:
    """One tabular answer in the format asked for: CSV of `rows`, else JSON of `body`."""
    if wants_csv(request, format):
        return csv_response(columns, rows, filename)
    return UTF8JSONResponse(body)
