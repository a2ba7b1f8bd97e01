"""The update token: who may write, checked exactly, in constant time, and never logged.

Only ``Authorization: Bearer <token>`` with one space is accepted (RFC 6750):
no other scheme, no second header, no extra or missing whitespace. The scheme
name is compared without regard to case, as RFC 9110 says it is.

>>> from pydantic import SecretStr
>>> check_token(SecretStr("s3cret"), ["Bearer s3cret"]) is None
True
>>> check_token(None, ["Bearer s3cret"]).status_code
403
>>> check_token(SecretStr("s3cret"), []).status_code
401
>>> check_token(SecretStr("s3cret"), ["Bearer  s3cret"]).status_code
401
"""

from __future__ import annotations

import hmac

from pydantic import SecretStr
from starlette.responses import PlainTextResponse, Response

_SCHEME = "bearer "


def check_token(token: SecretStr | None, authorization: list[str]) -> Response | None:
    """None when the request may write; otherwise the 401/403 response to send.

    ``authorization``: every ``Authorization`` header of the request.
    """
    if token is None or not token.get_secret_value():
        return PlainTextResponse(
            "updates are disabled on this server: start it with ZONEGRAPH_UPDATE_TOKEN set "
            "and send 'Authorization: Bearer <token>'\n",
            status_code=403,
        )
    expected = token.get_secret_value().encode()
    if len(authorization) != 1:
        return _unauthorized(
            "this request writes to the store: send one header 'Authorization: Bearer <token>'",
            "",
        )
    value = authorization[0]
    scheme, given = value[: len(_SCHEME)], value[len(_SCHEME) :]
    if scheme.lower() != _SCHEME:
        return _unauthorized(
            "this request writes to the store: send 'Authorization: Bearer <token>' "
            "(the scheme Bearer, one space, the token)",
            "",
        )
    # The header's raw bytes (Starlette decodes them as latin-1) against the token's UTF-8,
    # in constant time; a value of another length (an extra space, a tab) does not match.
    if not hmac.compare_digest(given.encode("latin-1"), expected):
        return _unauthorized(
            "the bearer token is not the update token of this server",
            ', error="invalid_token"',
        )
    return None


def _unauthorized(message: str, error: str) -> Response:
    return PlainTextResponse(
        message + "\n",
        status_code=401,
        headers={"WWW-Authenticate": f'Bearer realm="zonegraph"{error}'},
    )
