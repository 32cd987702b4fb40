"""Rasa's standard topology on one machine: N Rasa servers and M action servers behind HAProxy, the tracker
store in PostgreSQL, the locks in Redis (`make cluster`, `python -m bot serve --cluster N`).

One description, `Topology`, gives everything: the servers this module starts, the HAProxy configuration
generated from the cluster's size, and the production recipe in deploy/ (compose.yml, haproxy.cfg,
endpoints.yml), which `python -m bot.tools.cluster deploy` writes and tests/cluster/test_recipe.py compares.

The balancer (HAProxy, Debian's package):
- :5005 REST and socket.io. REST is spread round robin; /socket.io is balanced by the client's address
  (`balance source`): an engine.io session lives in one server's memory, so the long-polling requests of one
  visitor must reach the same server (websocket is a single connection and needs nothing);
- :5055 the action servers, round robin, for the Rasa servers only;
- active health checks on every server (`option httpchk`, every 2 s, out after 3 failures, back after 2);
- passive failover only where it is safe: a request that could not be sent (connection refused or reset
  before it was written) goes once to another server (`retry-on conn-failure`, `option redispatch`). A message
  already sent to a Rasa server that dies is not replayed (it may have been stored): the visitor's client
  retries it, as the widget does. Actions are computations without side effects, so an action call that got no
  answer is also replayed once (`empty-response`).
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import signal
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from bot.adapters.training import ROOT
from bot.tools.processes import ServerProcess
from bot.tools.serve import (DEFAULT_REDIS_URL, NLG_YAML, Performance, Stack, action_server, endpoints_yaml,
                             rasa_server)

HAPROXY = "/usr/sbin/haproxy"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/vae"
DEPLOY = ROOT / "deploy"
# A lock held by a Rasa server that died is released after this many seconds (Rasa's default is 60): the next
# message of that conversation waits at most this long on another server. Far above a message's p99 (< 2 s).
LOCK_LIFETIME_S = 20
# Variables of the Compose file that the cluster command does not set: the secrets (none on this machine).
SECRETS = ("REDIS_PASSWORD",)


@dataclass(frozen=True)
class Service:
    """One server of the topology: its name, its kind (rasa, actions, balancer) and the port it listens on."""

    name: str
    kind: str
    port: int


@dataclass(frozen=True)
class Topology:
    """The cluster's size and addresses. `standard(n, m)` uses the fixed ports; tests pick free ones."""

    rasa_ports: tuple[int, ...] = (5105, 5106)
    actions_ports: tuple[int, ...] = (5155, 5156)
    public_port: int = 5005
    actions_public_port: int = 5055
    stats_port: int = 8404
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str = DEFAULT_REDIS_URL
    threads: int = 1

    @classmethod
    def standard(cls, rasa: int = 2, actions: int = 2, **options) -> "Topology":
        if rasa < 1 or actions < 1:
            raise ValueError("il faut au moins un serveur Rasa et un serveur d'actions")
        return cls(tuple(5105 + i for i in range(rasa)), tuple(5155 + i for i in range(actions)), **options)

    def services(self) -> list[Service]:
        return ([Service(f"rasa-{i + 1}", "rasa", port) for i, port in enumerate(self.rasa_ports)]
                + [Service(f"actions-{i + 1}", "actions", port) for i, port in enumerate(self.actions_ports)]
                + [Service("haproxy", "balancer", self.public_port)])

    def environment(self, kind: str) -> dict[str, str]:
        """The variables a server of this kind runs with (beside the thread pools, Performance.rasa_env)."""
        if kind == "rasa":
            return {"VAE_DATABASE_URL": self.database_url, "VAE_LOCK_STORE": "redis", "VAE_REDIS_URL": self.redis_url,
                    "VAE_WORKERS": "1", "VAE_TF_THREADS": str(self.threads), "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_S)}
        if kind == "actions":
            return {"SANIC_HOST": "127.0.0.1"}
        return {}

    @property
    def performance(self) -> Performance:
        return Performance(workers=1, lock_store="redis", redis_url=self.redis_url, threads=self.threads)


# Every 2 s; out after 3 failures (a dead server refuses at once: out in about 6 s, and meanwhile its requests
# are redispatched), back after 2 successes.
HEALTH_CHECK = "check inter 2s fall 3 rise 2"


def haproxy_config(topology: Topology, hosts: dict[str, str] | None = None, bind: str = "127.0.0.1") -> str:
    """HAProxy's configuration for `topology`; `hosts` maps a service name to its host (default 127.0.0.1)."""
    hosts = hosts or {}

    def servers(kind: str, check: str) -> list[str]:
        return [f"    server {s.name} {hosts.get(s.name, '127.0.0.1')}:{s.port} {check}"
                for s in topology.services() if s.kind == kind]

    rasa_check = HEALTH_CHECK
    return "\n".join([
        "# Generated by bot/tools/cluster.py from the cluster's size; do not edit by hand.",
        "global",
        "    maxconn 4096",
        "",
        "defaults",
        "    mode http",
        "    timeout connect 2s",
        "    timeout client 180s",
        "    timeout server 180s  # a message may wait for its conversation's lock (at most 20 s), then its turn on a",
        "                         # server that took over a dead one's visitors",
        "    timeout tunnel 1h    # websockets (socket.io)",
        "    timeout http-request 10s",
        "    timeout check 15s    # a saturated server answers its health check late, but answers; a dead one",
        "                         # refuses the connection at once",
        "    option redispatch 1  # a retried request goes to another server",
        "    retries 1",
        "",
        "listen stats",
        f"    bind {bind}:{topology.stats_port}",
        "    stats enable",
        "    stats uri /stats",
        "",
        "frontend public",
        f"    bind {bind}:{topology.public_port}",
        "    acl socketio path_beg /socket.io",
        "    use_backend rasa_socketio if socketio",
        "    default_backend rasa",
        "",
        "backend rasa",
        "    balance roundrobin",
        "    option httpchk GET /webhooks/rest/",
        "    retry-on conn-failure   # only requests that never reached a server: a message is never replayed",
        *servers("rasa", rasa_check),
        "",
        "backend rasa_socketio",
        "    balance source         # one visitor's engine.io session stays on one server",
        "    hash-type consistent   # a server going down moves only its own visitors",
        "    option httpchk GET /webhooks/rest/",
        "    retry-on conn-failure",
        *servers("rasa", rasa_check),
        "",
        "frontend actions",
        f"    bind {bind}:{topology.actions_public_port}",
        "    default_backend actions",
        "",
        "backend actions",
        "    balance roundrobin",
        "    option httpchk GET /health",
        "    retry-on conn-failure empty-response   # actions have no side effects: replaying one is safe",
        *servers("actions", rasa_check),
        "",
    ])


def haproxy_available() -> bool:
    return Path(HAPROXY).is_file() or shutil.which("haproxy") is not None


def balancer(topology: Topology, config: Path, log=None) -> ServerProcess:
    """HAProxy in the foreground (-db), stopped with the others."""
    config.write_text(haproxy_config(topology))
    executable = HAPROXY if Path(HAPROXY).is_file() else (shutil.which("haproxy") or "haproxy")
    return ServerProcess(name="haproxy", command=[executable, "-db", "-f", str(config)],
                         ready_url=f"http://127.0.0.1:{topology.stats_port}/stats", log=log)


def pool_status(topology: Topology, backend: str = "rasa") -> dict[str, dict[str, str]]:
    """HAProxy's view of a backend's servers, from its stats page: {name: {status, stot, ...}}."""
    with urllib.request.urlopen(f"http://127.0.0.1:{topology.stats_port}/stats;csv", timeout=5) as reply:
        text = reply.read().decode().lstrip("# ")
    return {row["svname"]: row for row in csv.DictReader(io.StringIO(text))
            if row["pxname"] == backend and row["svname"] not in ("FRONTEND", "BACKEND")}


def wait_for_pool(topology: Topology, up: int | None = None, timeout: float = 60.0) -> None:
    """Wait until HAProxy sees `up` servers UP (default: all) in the rasa and actions backends."""
    deadline = time.monotonic() + timeout
    wanted = {"rasa": up or len(topology.rasa_ports), "actions": len(topology.actions_ports)}
    while True:
        try:
            counts = {b: sum(1 for row in pool_status(topology, b).values() if row["status"] == "UP")
                      for b in wanted}
            if all(counts[b] >= n for b, n in wanted.items()):
                return
        except OSError:
            counts = {}
        if time.monotonic() > deadline:
            raise TimeoutError(f"HAProxy pool not ready: {counts}")
        time.sleep(0.5)


@dataclass
class Cluster:
    topology: Topology
    rasa: list[ServerProcess]
    actions: list[ServerProcess]
    balancer: ServerProcess
    stack: Stack
    work: Path
    logs: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.topology.public_port}"

    @property
    def rest(self) -> str:
        return f"{self.url}/webhooks/rest/webhook"


def cluster_servers(topology: Topology, work: Path, env: dict[str, str] | None = None, model: Path | None = None,
                    log=None) -> tuple[list[ServerProcess], list[ServerProcess], ServerProcess]:
    """The servers of `topology` (not started): action servers, Rasa servers, HAProxy; their endpoints.yml and
    haproxy.cfg are written to `work`. `log(name)` gives each server's log file."""
    work.mkdir(parents=True, exist_ok=True)
    endpoints = work / "endpoints.yml"
    endpoints.write_text(endpoints_yaml(topology.actions_public_port, topology.database_url))
    log = log or (lambda name: None)
    actions = [action_server(s.port, env={**topology.environment("actions"), **(env or {})}, log=log(s.name))
               for s in topology.services() if s.kind == "actions"]
    rasa = [rasa_server(s.port, endpoints=endpoints, env={**topology.environment("rasa"), **(env or {})},
                        log=log(s.name), model=model, performance=topology.performance)
            for s in topology.services() if s.kind == "rasa"]
    for server, service in zip([*rasa, *actions], [s for s in topology.services() if s.kind != "balancer"]):
        server.name = service.name
    return actions, rasa, balancer(topology, work / "haproxy.cfg", log=log("haproxy"))


@contextmanager
def running_cluster(topology: Topology, work: Path, env: dict[str, str] | None = None, model: Path | None = None,
                    progress: bool = False) -> Iterator[Cluster]:
    """Start the action servers, the Rasa servers and HAProxy; yield once HAProxy sees every server UP."""
    if not haproxy_available():
        raise RuntimeError("HAProxy est introuvable : installez-le avec `make haproxy` (paquet Debian haproxy).")
    topology.performance.check_redis()
    work.mkdir(parents=True, exist_ok=True)
    logs = []

    def log(name: str):
        logs.append(open(work / f"{name}.log", "ab"))
        return logs[-1]

    actions, rasa, front = cluster_servers(topology, work, env, model, log)
    stack = Stack([*actions, *rasa, front])
    try:
        stack.start(progress=progress)
        wait_for_pool(topology)
        yield Cluster(topology, rasa, actions, front, stack, work, logs)
    finally:
        stack.stop()
        for file in logs:
            file.close()


def serve_cluster(rasa: int = 2, actions: int = 2) -> int:
    """`make cluster`: the standard topology on the fixed ports, until Ctrl-C."""
    topology = Topology.standard(rasa, actions, database_url=os.environ.get("VAE_DATABASE_URL") or DEFAULT_DATABASE_URL,
                                 redis_url=os.environ.get("VAE_REDIS_URL") or DEFAULT_REDIS_URL)
    print(f"==> démarrage de {rasa} serveur(s) Rasa, {actions} serveur(s) d'actions et HAProxy "
          "(le chargement du modèle prend un moment)", flush=True)
    stopping = False

    def on_signal(*_: object) -> None:
        nonlocal stopping
        stopping = True

    with running_cluster(topology, ROOT / "var" / "cluster", progress=True) as cluster:
        print(
            "\nLe cluster est servi :\n"
            f"  REST      POST http://localhost:{topology.public_port}/webhooks/rest/webhook\n"
            f"  socket.io http://localhost:{topology.public_port}/socket.io\n"
            f"  actions   http://localhost:{topology.actions_public_port}/webhook  (HAProxy -> "
            + ", ".join(f":{p}" for p in topology.actions_ports) + ")\n"
            "  Rasa      " + ", ".join(f":{p}" for p in topology.rasa_ports) + "\n"
            f"  HAProxy   http://localhost:{topology.stats_port}/stats\n"
            f"  store     {topology.database_url.split('@')[-1]} (PostgreSQL), verrous Redis {topology.redis_url.split('@')[-1]}\n"
            "  journaux  var/cluster/*.log\n"
            "Ctrl-C pour tout arrêter.", flush=True)
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        while not stopping:
            dead = [s for s in cluster.stack.servers if s.process.poll() is not None]
            if dead:
                print(f"erreur : le serveur {dead[0].name} s'est arrêté", file=sys.stderr)
                return 1
            time.sleep(0.5)
        print("\n==> arrêt des serveurs", flush=True)
    return 0


# --- the production recipe (deploy/) ------------------------------------------------------------------------
COMPOSE_MODEL = "models/vae.tar.gz"


def compose(topology: Topology) -> dict:
    """The Compose file of the same topology: one container per server, secrets from the environment."""
    def image() -> dict:
        return {"build": {"context": "..", "dockerfile": "deploy/Dockerfile"}, "image": "vae-bot:latest"}
    # The same variables as the cluster command's Rasa servers (the thread pools included), with the containers'
    # addresses and the secrets taken from the environment; REDIS_PASSWORD is read by deploy/endpoints.yml.
    rasa_env = {
        **topology.performance.rasa_env(),
        **topology.environment("rasa"),
        "VAE_DATABASE_URL": "postgresql://vae:${POSTGRES_PASSWORD:?}@postgres:5432/vae",
        "VAE_REDIS_URL": "redis://:${REDIS_PASSWORD:?}@redis:6379/1",
        "REDIS_PASSWORD": "${REDIS_PASSWORD:?}",
    }
    services: dict[str, dict] = {}
    for service in topology.services():
        if service.kind == "rasa":
            services[service.name] = {
                **image(), "restart": "unless-stopped",
                "command": ["python", "-m", "bot.adapters.speedups", "run", "--model", COMPOSE_MODEL,
                            "--port", str(service.port), "--interface", "0.0.0.0", "--credentials",
                            "credentials.yml", "--endpoints", "deploy/endpoints.yml", "--cors",
                            "${VAE_CORS_ORIGINS:?}"],
                "environment": dict(rasa_env), "expose": [str(service.port)],
                "depends_on": ["postgres", "redis"],
            }
        elif service.kind == "actions":
            services[service.name] = {
                **image(), "restart": "unless-stopped",
                "command": ["python", "-m", "rasa_sdk", "--actions", "actions", "--port", str(service.port)],
                "environment": {"SANIC_HOST": "0.0.0.0"}, "expose": [str(service.port)],
            }
    services["haproxy"] = {
        "image": "haproxy:2.6", "restart": "unless-stopped",
        "volumes": ["./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro"],
        "ports": [f"{topology.public_port}:{topology.public_port}"],
        "expose": [str(topology.actions_public_port), str(topology.stats_port)],
        "depends_on": [s.name for s in topology.services() if s.kind in ("rasa", "actions")],
    }
    services["postgres"] = {
        "image": "postgres:15", "restart": "unless-stopped",
        "environment": {"POSTGRES_USER": "vae", "POSTGRES_DB": "vae", "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD:?}"},
        "volumes": ["postgres:/var/lib/postgresql/data"],
    }
    services["redis"] = {
        "image": "redis:7", "restart": "unless-stopped",
        "command": ["redis-server", "--requirepass", "${REDIS_PASSWORD:?}"],
    }
    return {"name": "vae-bot", "services": services, "volumes": {"postgres": {}}}


def deploy_endpoints(topology: Topology) -> str:
    """deploy/endpoints.yml: actions behind HAProxy, the store from VAE_DATABASE_URL, locks from the environment."""
    return (
        "# Generated by bot/tools/cluster.py (python -m bot.tools.cluster deploy); do not edit by hand.\n"
        f'action_endpoint:\n  url: "http://haproxy:{topology.actions_public_port}/webhook"\n'
        "  enable_selective_domain: true\n"
        "# The store's URL, password included, comes from VAE_DATABASE_URL.\n"
        "tracker_store:\n  type: bot.adapters.store.RedactingTrackerStore\n"
        "lock_store:\n  type: bot.adapters.locks.AtomicRedisLockStore\n  url: redis\n  port: 6379\n  db: 1\n  key_prefix: vae\n"
        "  password: ${REDIS_PASSWORD}\n" + NLG_YAML
    )


def deploy_files(topology: Topology | None = None) -> dict[str, str]:
    """The generated files of deploy/ (the Dockerfile is written by hand)."""
    import yaml

    topology = topology or Topology.standard()
    hosts = {s.name: s.name for s in topology.services()}
    header = "# Generated by bot/tools/cluster.py (python -m bot.tools.cluster deploy); do not edit by hand.\n"
    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):  # noqa: ARG002 - every service spelled out, no YAML anchors
            return True

    return {
        "compose.yml": header + yaml.dump(compose(topology), Dumper=Dumper, sort_keys=False, allow_unicode=True),
        "haproxy.cfg": haproxy_config(topology, hosts=hosts, bind="*"),
        "endpoints.yml": deploy_endpoints(topology),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.cluster", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="servir le cluster (Ctrl-C pour arrêter)")
    serve.add_argument("--rasa", type=int, default=2)
    serve.add_argument("--actions", type=int, default=2)
    commands.add_parser("config", help="afficher la configuration HAProxy du cluster standard")
    commands.add_parser("deploy", help="réécrire deploy/compose.yml, haproxy.cfg et endpoints.yml")
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve_cluster(args.rasa, args.actions)
    if args.command == "config":
        print(haproxy_config(Topology.standard()))
        return 0
    DEPLOY.mkdir(exist_ok=True)
    for name, text in deploy_files().items():
        (DEPLOY / name).write_text(text)
        print(f"deploy/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
