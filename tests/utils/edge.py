"""Real servers on loopback for the edge tests: gunicorn app servers with Varnish in front.

Every process writes its output to a log file that a failure prints, every wait has a
deadline, and `stop()` ends the process it started, and nothing else.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SITE_VCL = ROOT / "deploy" / "varnish" / "site.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
START_SECONDS = 60
REQUEST_SECONDS = 30


def unavailable(reason: str):
    """Fail in CI, where these tests must run (.ci/run installs Varnish); skip elsewhere."""
    if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def varnishd_available() -> bool:
    return Path(VARNISHD).is_file() and os.access(VARNISHD, os.X_OK)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session() -> requests.Session:
    """A browser of its own (cookie jar) that ignores any proxy set in the environment."""
    browser = requests.Session()
    browser.trust_env = False
    return browser


def database_url(settings_dict) -> str:
    """The URL of the database this test process uses, for the servers it starts."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


class Server:
    """One subprocess with its log; `url` answers once `start()` has returned."""

    def __init__(self, name: str, command: list[str], env: dict, port: int, log_dir: Path):
        self.name, self.command, self.env, self.port = name, command, env, port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_dir / f"{name}.log"
        self.process = None
        self.home = None  # a folder of its own, removed by stop()

    def start(self, ready_path: str = "/healthz"):
        with open(self.log_path, "wb") as log:
            # A session of its own, so that stop() can end the server's workers with it.
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}:\n{self.log()}"
                )
            try:
                requests.get(self.url + ready_path, timeout=2, allow_redirects=False)
                return self
            except requests.RequestException:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer in {START_SECONDS}s:\n{self.log()}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""

    def stop(self):
        try:
            self._end()
        finally:
            if self.home:
                shutil.rmtree(self.home, ignore_errors=True)

    def _end(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def app_server(name: str, env: dict, log_dir: Path) -> Server:
    """gunicorn as `make serve` runs it (ogp_site/gunicorn.conf.py): one worker, four threads."""
    port = free_port()
    env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "GUNICORN_WORKERS": "1"}
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "ogp_site.wsgi:application",
        "-c",
        "ogp_site/gunicorn.conf.py",
    ]
    return Server(name, command, env, port, log_dir)


def director_vcl(backend_ports: list[int], site_vcl: Path) -> str:
    """A top VCL: a round-robin director over the app servers, then the site's own rules."""
    backends = "".join(
        f'backend app{n} {{ .host = "127.0.0.1"; .port = "{port}"; }}\n'
        for n, port in enumerate(backend_ports)
    )
    adds = "".join(f"    apps.add_backend(app{n});\n" for n in range(len(backend_ports)))
    return (
        "vcl 4.1;\n"
        "import directors;\n"
        f"{backends}"
        "sub vcl_init {\n    new apps = directors.round_robin();\n"
        f"{adds}"
        "}\n"
        "sub vcl_recv {\n    set req.backend_hint = apps.backend();\n}\n"
        f'include "{site_vcl}";\n'
    )


def run(name: str, command: list[str], env: dict, log_dir: Path):
    """Run a command to its end (collectstatic, say); its output goes in the log on failure."""
    log_path = log_dir / f"{name}.log"
    with open(log_path, "wb") as log:
        done = subprocess.run(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=START_SECONDS
        )
    if done.returncode:
        raise RuntimeError(f"{name} exited with {done.returncode}:\n{log_path.read_text()[-6000:]}")


def varnish(port: int, backend_ports: list[int], log_dir: Path) -> tuple[Server, int]:
    """Varnish on a free port, and a second port that speaks the PROXY protocol.

    A TLS terminator in front tells Varnish each reader's address over the PROXY protocol;
    the second port lets a test come in "from" any address that way. Varnish drops to its
    own users when started as root, so its files are copied where they can read them, as
    `make serve-edge` does.
    """
    home = Path("/tmp") / f"ogp-edge-{uuid.uuid4().hex[:12]}"
    home.mkdir(mode=0o755)
    site_vcl, top = home / "site.vcl", home / "edge.vcl"
    try:
        shutil.copyfile(SITE_VCL, site_vcl)
        top.write_text(director_vcl(backend_ports, site_vcl))
        for path in (site_vcl, top):
            path.chmod(0o644)
    except OSError:
        shutil.rmtree(home, ignore_errors=True)
        raise
    proxy_port = free_port()
    command = [
        VARNISHD,
        "-F",
        "-n",
        str(home / "work"),
        "-a",
        f"127.0.0.1:{port}",
        "-a",
        f"127.0.0.1:{proxy_port},PROXY",
        "-f",
        str(top),
        "-s",
        "malloc,64m",
        "-T",
        "none",
    ]
    server = Server("varnish", command, dict(os.environ), port, log_dir)
    server.home = home
    return server, proxy_port


def send_from(port: int, address: str, request: bytes) -> bytes:
    """Send one raw HTTP request to a PROXY-protocol port as if it came from `address`."""
    with socket.create_connection(("127.0.0.1", port), timeout=REQUEST_SECONDS) as connection:
        connection.sendall(f"PROXY TCP4 {address} 127.0.0.1 40000 80\r\n".encode() + request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer
