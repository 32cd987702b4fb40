"""The production recipe (deploy/) and the cluster command cannot drift: both come from bot.tools.cluster's
Topology. Parsing only: no Docker engine is needed."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.tools.cluster import DEPLOY, HEALTH_CHECK, SECRETS, Topology, cluster_servers, deploy_files, haproxy_available, haproxy_config

STANDARD = Topology.standard()


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yml").read_text())


@pytest.fixture(scope="module")
def cluster_command(tmp_path_factory):
    """What `python -m bot serve --cluster 2` runs (the servers, not started), by service name."""
    actions, rasa, front = cluster_servers(STANDARD, tmp_path_factory.mktemp("plan"))
    return {server.name: server for server in [*actions, *rasa]}, front


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_the_generated_files_of_deploy_are_up_to_date():
    for name, text in deploy_files(STANDARD).items():
        assert (DEPLOY / name).read_text() == text, f"deploy/{name} is stale: python -m bot.tools.cluster deploy"


def test_compose_has_the_cluster_commands_services_ports_and_variables(compose, cluster_command):
    servers, _ = cluster_command
    services = compose["services"]
    assert set(services) == {s.name for s in STANDARD.services()} | {"postgres", "redis"}
    for name, server in servers.items():
        service = services[name]
        port = option(server.command, "--port")
        assert option(service["command"], "--port") == port and service["expose"] == [port], name
        assert set(service["environment"]) == set(server.env) | (set(SECRETS) if name.startswith("rasa") else set())
        if name.startswith("rasa"):
            assert option(service["command"], "--model") == "models/vae.tar.gz"
            assert service["command"][:3] == ["python", "-m", "bot.adapters.speedups"] == \
                ["python", *server.command[1:3]]
            for variable in ("VAE_WORKERS", "VAE_TF_THREADS", "TICKET_LOCK_LIFETIME", "OMP_NUM_THREADS"):
                assert service["environment"][variable] == server.env[variable], variable
        else:
            assert service["command"][1:] == server.command[1:]
    assert services["haproxy"]["ports"] == [f"{STANDARD.public_port}:{STANDARD.public_port}"]  # the only public one
    assert not any("ports" in services[name] for name in services if name != "haproxy")


def test_compose_balancer_configuration_is_the_clusters_with_the_containers_names(cluster_command):
    _, front = cluster_command
    local = Path(option(front.command, "-f")).read_text()
    deployed = (DEPLOY / "haproxy.cfg").read_text()
    addresses = lambda text: re.findall(r"server (\S+) (\S+):(\d+)", text)  # noqa: E731
    assert [(n, p) for n, _, p in addresses(local)] == [(n, p) for n, _, p in addresses(deployed)]
    assert {h for _, h, _ in addresses(local)} == {"127.0.0.1"}
    assert all(name == host for name, host, _ in addresses(deployed))
    strip = lambda text: re.sub(r"(bind |server \S+ )\S+:", r"\1", text)  # noqa: E731
    assert strip(local) == strip(deployed)  # same checks, balancing and retries


def test_secrets_come_from_the_environment_only(compose):
    text = (DEPLOY / "compose.yml").read_text()
    for secret in ("POSTGRES_PASSWORD", "REDIS_PASSWORD"):
        assert f"${{{secret}:?}}" in text  # required: Compose refuses to start without it
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if "PASSWORD" in key:
                assert re.fullmatch(r"\$\{\w+:\?\}", value), (name, key)
            for password in re.findall(r"://[^:/@]*:([^@]*)@", value):
                assert re.fullmatch(r"\$\{\w+:\?\}", password), (name, key)
    assert "${REDIS_PASSWORD}" in (DEPLOY / "endpoints.yml").read_text()


def test_the_image_is_built_from_the_projects_own_pins():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.10", dockerfile, re.M)
    assert "COPY requirements.lock" in dockerfile and "pip install --no-cache-dir -r requirements.lock" in dockerfile
    assert "python -m bot train" in dockerfile


@pytest.mark.skipif(not haproxy_available(), reason="HAProxy not installed (make haproxy)")
@pytest.mark.parametrize("size", [(1, 1), (2, 2), (4, 3)])
def test_haproxy_accepts_the_generated_configuration(tmp_path, size):
    config = tmp_path / "haproxy.cfg"
    config.write_text(haproxy_config(Topology.standard(*size)))
    result = subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert config.read_text().count(HEALTH_CHECK) == 2 * size[0] + size[1]
