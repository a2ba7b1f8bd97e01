"""The update token: who may write, checked in constant time and never logged.

>>> from pydantic import SecretStr
>>> check_token(SecretStr("s3cret"), "Bearer s3cret") is None
True
>>> check_token(None, "Bearer s3cret").status_code
403
>>> check_token(SecretStr("s3cret"), None).status_code
401
"""

from __future__ import annotations

import hmac

from pydantic import SecretStr
from starlette.responses import PlainTextResponse, Response


def check_token(token: SecretStr | None, authorization: str | None) -> Response | None:
    """None when the request may write; otherwise the 401/403 response to send."""
    if token is None or not token.get_secret_value():
        return PlainTextResponse(
            "updates are disabled on this server: start it with ZONEGRAPH_UPDATE_TOKEN set "
            "and send 'Authorization: Bearer <token>'\n",
            status_code=403,
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return PlainTextResponse(
            "this request writes to the store: send 'Authorization: Bearer <token>'\n",
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="zonegraph"'},
        )
    expected = token.get_secret_value().encode()
    if not hmac.compare_digest(given.strip().encode(), expected):
        return PlainTextResponse(
            "the bearer token is not the update token of this server\n",
            status_code=403,
        )
    return None
