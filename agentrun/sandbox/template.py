"""Sandbox templates: the image, size, network and lifetime every sandbox created from the template gets."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Unpack

import agentrun_control_api.models as control_models
from agentrun_control_api.api.templates import (
    activate_template_mcp,
    create_template,
    delete_template,
    get_template,
    list_templates,
    stop_template_mcp,
    update_template,
)
from agentrun_control_api.models import Template as TemplateModel

from agentrun._core.bound import BoundResource, WireText, updater
from agentrun._core.http import CallOptions
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI, ListOptions, WireObject, WriteOptions, build_input

if TYPE_CHECKING:
    from agentrun_control_api.fields import CreateTemplateMore, ListTemplatesFilters, UpdateTemplateMore
    from agentrun_control_api.models import (
        NetworkConfiguration,
        TemplateType,
    )

    class TemplateQuery(ListTemplatesFilters, ListOptions):
        """The filters and paging of `templates.list`."""

    class CreateTemplateParams(CreateTemplateMore, WriteOptions):
        """The keyword arguments of `templates.create` besides those it names."""

    class UpdateTemplateParams(UpdateTemplateMore, WriteOptions):
        """The keyword arguments of `templates.update` besides those it names."""


def _sizes(template_type: TemplateType) -> tuple[float, int, int]:
    """The official SDK's (cpu, memory MB, disk size) for a template type."""
    if template_type == control_models.TemplateType.ALLINONE:
        return 4.0, 8192, 10240
    if template_type == control_models.TemplateType.BROWSER:
        return 2.0, 4096, 10240
    return 2.0, 4096, 512


class Templates(ControlAPI):
    """`client.templates`: create, get, update, delete and list sandbox templates."""

    async def create(
        self,
        name: str,
        *,
        template_type: TemplateType | str = control_models.TemplateType.CODEINTERPRETER,
        network: NetworkConfiguration | WireObject | None = None,
        sandbox_idle_timeout_seconds: int | None = None,
        sandbox_ttl_seconds: int | None = None,
        **given: Unpack[CreateTemplateParams],
    ) -> Template:
        """Create a template; `await template.wait_until_ready()` before creating sandboxes from it. Unset sizes
        take the official SDK's defaults: 2 vCPU, 4096 MB and disk 512 (Browser: disk 10240; AllInOne: 4 vCPU,
        8192 MB, disk 10240); idle timeout 1800 s, TTL 21600 s, public network. The other CreateTemplateInput
        fields (cpu, memory, disk_size, environment_variables, description, container_configuration,
        oss_configuration, credential_configuration, ...) are keyword arguments too."""
        kind = control_models.TemplateType(template_type)
        cpu, memory, disk_size = _sizes(kind)
        public = control_models.NetworkConfiguration(network_mode=control_models.NetworkMode.PUBLIC)
        idle = 1800 if sandbox_idle_timeout_seconds is None else sandbox_idle_timeout_seconds
        return await self._write(
            create_template.request, Template, control_models.CreateTemplateInput, given, template_name=name,
            template_type=kind, cpu=cpu, memory=memory, disk_size=disk_size, network_configuration=network or public,
            sandbox_idle_timeout_in_seconds=idle,
            sandbox_ttl_in_seconds=21600 if sandbox_ttl_seconds is None else sandbox_ttl_seconds,
        )  # fmt: skip

    async def get(self, name: str, *, options: CallOptions | None = None) -> Template:
        return await self._load(get_template.request(template_name=name), Template, what="template", options=options)

    async def update(
        self,
        name: str,
        /,
        *,
        network: NetworkConfiguration | WireObject | None = None,
        sandbox_idle_timeout_seconds: int | None = None,
        sandbox_ttl_seconds: int | None = None,
        client_token: str | None = None,
        **given: Unpack[UpdateTemplateParams],
    ) -> Template:
        """Change the given fields (those above, cpu, memory, environment_variables, description and the other
        UpdateTemplateInput fields); only they are sent and the others keep their values (the disk size and type
        cannot change). `client_token` makes a retry idempotent."""
        return await self._write(
            partial(update_template.request, template_name=name, client_token=client_token), Template,
            control_models.UpdateTemplateInput, given, network_configuration=network,
            sandbox_idle_timeout_in_seconds=sandbox_idle_timeout_seconds, sandbox_ttl_in_seconds=sandbox_ttl_seconds,
        )  # fmt: skip

    async def delete(self, name: str, *, options: CallOptions | None = None) -> None:
        await self._send(delete_template.request(template_name=name), TemplateModel, what="template", options=options)

    def list(self, *, name: str | None = None, **query: Unpack[TemplateQuery]) -> AsyncPager[Template]:
        """Every template matching the filters (name, template_type, status, workspace_id, ...); pages under
        `async for`."""
        return self._paged(list_templates.request, Template, "template", template_name=name, **query)

    async def activate_mcp(
        self,
        name: str,
        *,
        enabled_tools: Sequence[str] | None = None,
        transport: str | None = None,
        options: CallOptions | None = None,
    ) -> Template:
        """Serve the template's sandboxes as an MCP server, exposing `enabled_tools` over
        `transport`; the template's `mcp_state` then carries the access endpoint."""
        body = build_input(
            control_models.ActivateTemplateMCPInput,
            "activate template MCP",
            enabled_tools=list(enabled_tools) if enabled_tools is not None else None,
            transport=transport,
        )
        return await self._load(
            activate_template_mcp.request(template_name=name, body=body), Template, what="template", options=options
        )

    async def stop_mcp(self, name: str, *, options: CallOptions | None = None) -> Template:
        """Stop serving the template as an MCP server."""
        return await self._load(
            stop_template_mcp.request(template_name=name), Template, what="template", options=options
        )


class Template(BoundResource[Templates], TemplateModel):
    """A sandbox template as the service returns it, with methods that act on it."""

    _what = "template"

    name = WireText("template_name")

    update = updater(Templates.update)

    activate_mcp = updater(Templates.activate_mcp)
    stop_mcp = updater(Templates.stop_mcp)
