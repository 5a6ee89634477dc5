import secrets  # noqa: F401  (random multipart boundary per request)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.template_result import TemplateResult
from ...models.update_template_input import UpdateTemplateInput
from ...types import UNSET, Response, Unset


def _get_kwargs(
    template_name: str,
    *,
    body: UpdateTemplateInput,
    client_token: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["clientToken"] = client_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/2025-09-10/templates/{template_name}".format(
            template_name=quote(str(template_name), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TemplateResult | None:
    if response.status_code == 200:
        response_200 = TemplateResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | TemplateResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    template_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateTemplateInput,
    client_token: str | Unset = UNSET,
) -> Response[ErrorResponse | TemplateResult]:
    """Update a sandbox template

     Partial update; the server merges the supplied keys. templateName, templateType and diskSize cannot
    be changed. This is the only operation that sends a query parameter (clientToken) together with a
    body.

    Args:
        template_name (str):
        client_token (str | Unset):
        body (UpdateTemplateInput): Body of UpdateTemplate; the server merges the supplied keys.
            Has no templateName, templateType or diskSize. An empty ossConfiguration list (always sent
            by the official SDK) must not clear stored mounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TemplateResult]
    """

    kwargs = _get_kwargs(
        template_name=template_name,
        body=body,
        client_token=client_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateTemplateInput,
    client_token: str | Unset = UNSET,
) -> ErrorResponse | TemplateResult | None:
    """Update a sandbox template

     Partial update; the server merges the supplied keys. templateName, templateType and diskSize cannot
    be changed. This is the only operation that sends a query parameter (clientToken) together with a
    body.

    Args:
        template_name (str):
        client_token (str | Unset):
        body (UpdateTemplateInput): Body of UpdateTemplate; the server merges the supplied keys.
            Has no templateName, templateType or diskSize. An empty ossConfiguration list (always sent
            by the official SDK) must not clear stored mounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TemplateResult
    """

    return sync_detailed(
        template_name=template_name,
        client=client,
        body=body,
        client_token=client_token,
    ).parsed


async def asyncio_detailed(
    template_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateTemplateInput,
    client_token: str | Unset = UNSET,
) -> Response[ErrorResponse | TemplateResult]:
    """Update a sandbox template

     Partial update; the server merges the supplied keys. templateName, templateType and diskSize cannot
    be changed. This is the only operation that sends a query parameter (clientToken) together with a
    body.

    Args:
        template_name (str):
        client_token (str | Unset):
        body (UpdateTemplateInput): Body of UpdateTemplate; the server merges the supplied keys.
            Has no templateName, templateType or diskSize. An empty ossConfiguration list (always sent
            by the official SDK) must not clear stored mounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TemplateResult]
    """

    kwargs = _get_kwargs(
        template_name=template_name,
        body=body,
        client_token=client_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateTemplateInput,
    client_token: str | Unset = UNSET,
) -> ErrorResponse | TemplateResult | None:
    """Update a sandbox template

     Partial update; the server merges the supplied keys. templateName, templateType and diskSize cannot
    be changed. This is the only operation that sends a query parameter (clientToken) together with a
    body.

    Args:
        template_name (str):
        client_token (str | Unset):
        body (UpdateTemplateInput): Body of UpdateTemplate; the server merges the supplied keys.
            Has no templateName, templateType or diskSize. An empty ossConfiguration list (always sent
            by the official SDK) must not clear stored mounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TemplateResult
    """

    return (
        await asyncio_detailed(
            template_name=template_name,
            client=client,
            body=body,
            client_token=client_token,
        )
    ).parsed
