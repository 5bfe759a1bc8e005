"""Request bodies over the configured size are refused (413) before they are read.

A 400 MB body to the sign-in route took the portal to 1.4 GB: FastAPI reads a JSON or form body
whole before validating it. This middleware answers from the `Content-Length` header when there
is one, and counts the bytes of a chunked body as they arrive, stopping at the limit; the proxy
in deploy/ refuses the same sizes before they reach us.
"""

import re

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from legal_flows.i18n import pick, translator

TOO_LARGE = "the request body is too large"


class BodyTooLarge(HTTPException):
    """A chunked body passed the limit while it was read (an HTTPException, so FastAPI's
    body parsing passes it on as the 413 it is rather than a 400)."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail=TOO_LARGE)


# The routes that take a file (the court's papers) have their own, larger limit.
UPLOADS = re.compile(r"^(/api)?/cases/\d+/papers$")


class BodyLimit:
    def __init__(self, app: ASGIApp, *, limit: int, upload_limit: int) -> None:
        self.app, self.plain_limit, self.upload_limit = app, limit, upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if UPLOADS.match(scope["path"]) else self.plain_limit
        declared = Request(scope).headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await _refuse(scope, receive, send)


async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
    response: Response
    if scope["path"].startswith("/api"):
        response = JSONResponse({"detail": TOO_LARGE}, status_code=413)
    else:
        said = translator(pick(None, Request(scope).headers.get("accept-language")))(TOO_LARGE)
        response = Response(said, status_code=413, media_type="text/plain; charset=utf-8")
    # The client may still be sending: close the connection rather than read the rest.
    response.headers["Connection"] = "close"
    await response(scope, receive, send)
