"""The network pages under /viz/: an index and one page per view; filters are query params."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plankg.api.deps import StoreDep
from plankg.errors import QueryError
from plankg.viz.render import render_index, render_page
from plankg.viz.views import VIEWS, build_page

router = APIRouter(prefix="/viz", tags=["viz"])


def _links() -> list[tuple[str, str]]:
    return [("/viz/", "全部视图")] + [(f"/viz/{v.name}", v.title) for v in VIEWS.values()]


@router.get("/", response_class=HTMLResponse, summary="Index of the network views")
def index() -> HTMLResponse:
    views = [{"href": f"/viz/{v.name}", "title": v.title, "description": v.description} for v in VIEWS.values()]
    return HTMLResponse(render_index(views))


@router.get("/{name}", response_class=HTMLResponse, summary="One network view as a self-contained page",
            responses={400: {"description": "a bad filter (an HTML page naming it)"}})
def view(name: str, request: Request, handle: StoreDep) -> HTMLResponse:
    """Filters as query params: plan, jurisdiction, kind, min_shared, agency, tier,
    min_jurisdictions, color (which apply depends on the view)."""
    params = dict(request.query_params)
    try:
        page = build_page(name, lambda q, p: handle.query(q, p).rows, params)
    except QueryError as exc:
        status = 404 if exc.param == "name" else 400
        body = (f'<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>参数有误</title>'
                f"<body><h1>参数有误</h1><p>{escape(str(exc))}</p><p><a href=\"/viz/\">返回全部视图</a></p></body></html>")
        return HTMLResponse(body, status_code=status)
    return HTMLResponse(render_page(page, form_action=f"/viz/{name}", links=_links()))
