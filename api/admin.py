"""The only routes that change data: upload a plan, reopen the store after a load.

They are off (404, with the reason) unless PLANKG_ADMIN_TOKEN is set, and then need
`Authorization: Bearer <token>` (403 otherwise). An upload larger than
Settings.max_upload_bytes is refused with 413 before it is parsed. A plan loads in
one transaction through Store.load_records, so a failed upload leaves the store as
it was.
"""

from __future__ import annotations

import hmac
import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Header, Request, UploadFile
from pydantic import BaseModel

from plankg.api.deps import SettingsDep, StoreDep
from plankg.api.render import UTF8JSONResponse
from plankg.errors import ParseError

router = APIRouter(prefix="/api", tags=["admin"])
_SAFE_NAME = re.compile(r"[^\w.\-]+")


class AdminError(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message
        super().__init__(message)


def require_admin(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> None:
    token = settings.admin_token
    if not token:
        raise AdminError(404, "write endpoints are off: set PLANKG_ADMIN_TOKEN on the server to turn them on")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise AdminError(403, "this endpoint changes data: send Authorization: Bearer <PLANKG_ADMIN_TOKEN>")


Admin = Depends(require_admin)


class UploadResult(BaseModel):
    plan_id: str
    title: str
    path: str
    nodes: dict[str, int]
    rels: dict[str, int]
    warnings: list[str]


class ReloadResult(BaseModel):
    status: str
    plans: int


async def _read_capped(upload: UploadFile, cap: int) -> bytes:
    data = await upload.read(cap + 1)
    if len(data) > cap:
        raise AdminError(413, f"the upload is larger than {cap} bytes (PLANKG_MAX_UPLOAD_BYTES)")
    return data


@router.post("/plans", response_model=UploadResult, status_code=201, dependencies=[Admin],
             responses={400: {}, 403: {}, 404: {}, 413: {}})
async def upload_plan(
    request: Request,
    handle: StoreDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="a plan as .txt, .docx, .html or .pdf")],
):
    """Parse an uploaded plan and load it (a new version replaces the plan's old facts)."""
    from plankg.loaders import parse_file

    data = await _read_capped(file, settings.max_upload_bytes)
    name = _SAFE_NAME.sub("_", Path(file.filename or "upload.txt").name)[-120:] or "upload.txt"
    with tempfile.TemporaryDirectory(prefix="plankg-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            record = parse_file(path)
        except ParseError as exc:
            raise AdminError(400, f"{name}: {exc.message}" + (f" (line {exc.line})" if exc.line else "")) from None
    record.source.path = name  # not the temporary folder
    with handle.writable() as store:
        summary = store.load_records([record])
    if not summary.ok:
        raise AdminError(400, f"{name}: the plan did not load, the store is unchanged: {summary.failures[0].message}")
    load = summary.loaded[0]
    return UploadResult(plan_id=load.plan_id, title=load.title, path=name, nodes=load.nodes, rels=load.rels,
                        warnings=record.warnings)


@router.post("/reload", response_model=ReloadResult, dependencies=[Admin], responses={403: {}, 404: {}})
def reload_store(handle: StoreDep):
    """Reopen the store, to serve what a `plankg load` in another process wrote."""
    handle.reopen()
    return ReloadResult(status="ok", plans=len(handle.query("plans", {}).rows))


def install(app) -> None:
    """Register the router and its error answer on the app."""

    @app.exception_handler(AdminError)
    async def _admin_error(request: Request, exc: AdminError):
        return UTF8JSONResponse({"error": exc.message, "param": None}, status_code=exc.status)

    @app.middleware("http")
    async def _before_the_body(request: Request, call_next):
        # FastAPI reads a multipart body before any dependency runs: refuse an upload
        # that is off or too large by its headers, before it is spooled to disk.
        if request.method == "POST" and request.url.path in ("/api/plans", "/api/plans/"):
            settings = request.app.state.settings
            try:
                if not settings.admin_token:
                    require_admin(settings, None)
                length = int(request.headers.get("content-length") or 0)
                if length > settings.max_upload_bytes + 64 * 1024:  # room for the multipart envelope
                    raise AdminError(413, f"the upload is larger than {settings.max_upload_bytes} bytes "
                                          "(PLANKG_MAX_UPLOAD_BYTES)")
            except AdminError as exc:
                return UTF8JSONResponse({"error": exc.message, "param": None}, status_code=exc.status)
            except ValueError:
                return UTF8JSONResponse({"error": "a bad Content-Length header", "param": None}, status_code=400)
        return await call_next(request)

    app.include_router(router)

