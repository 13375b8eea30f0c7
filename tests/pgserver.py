"""A throwaway PostgreSQL server for the tests: a private cluster on loopback, trust auth.

Started once per test session and dropped at its end. As root, Debian's pg_createcluster
makes it (the server runs as the postgres user); otherwise initdb and pg_ctl from
/usr/lib/postgresql/*/bin, as the user running the tests. ACCORDS_TEST_POSTGRES names a
server of one's own instead (a superuser's URL; its password, if any, goes to PGPASSWORD).
"""

from __future__ import annotations

import fcntl
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

SERVER_VARIABLE = "ACCORDS_TEST_POSTGRES"
PORTS = range(54330, 54340)
# Members of this group must give a password even on loopback (which trusts everyone else):
# how the tests meet a server that asks for one.
PASSWORD_GROUP = "accords_password_test"
HBA_PASSWORD_LINE = f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n"
# Durability is not what these tests check; without it a database is made in a blink.
FAST = {"fsync": "off", "full_page_writes": "off", "synchronous_commit": "off"}


@dataclass
class Server:
    """A running server: its superuser's URL, and how to stop and drop it."""

    url: URL
    stop: list[str] | None = None  # the command that stops (and drops) it; None: not ours
    folder: Path | None = None
    pause: list[str] | None = None  # stops it, for a while
    resume: list[str] | None = None  # starts it again

    def halt(self) -> None:
        """Stop the server, keeping its files (a server going down under a window)."""
        assert self.pause is not None, "not a server of this session's"
        _run(self.pause)

    def restart(self) -> None:
        """Start the server again after ``halt``."""
        assert self.resume is not None
        _run(self.resume)

    def shut(self) -> None:
        """Stop the server and remove its files, if this session started it."""
        if self.stop is not None:
            subprocess.run(self.stop, check=False, capture_output=True, timeout=120)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


class UnavailableError(Exception):
    """Why no PostgreSQL server can be had here."""


def start(*, private: bool = False) -> Server:
    """A server for this session (``private``: never the one ACCORDS_TEST_POSTGRES names);
    UnavailableError says why there is none."""
    given = os.environ.get(SERVER_VARIABLE)
    if given and not private:
        url = make_url(given)
        if url.password:
            os.environ["PGPASSWORD"] = url.password
        return Server(url.set(password=None, drivername="postgresql+psycopg"))
    port = _free_port()
    if os.geteuid() == 0 and shutil.which("pg_createcluster"):
        return _debian_cluster(port)
    return _own_cluster(port)


# Ports this process holds: a lock file per port, held until the process ends.
_HELD: dict[int, int] = {}


def _free_port() -> int:
    """A port no other test session holds or listens on. Probing the port alone let two
    sessions started together pick the same one (the second's cluster then failed to start,
    or dropped the first's as a leftover); the lock makes the pick one session's."""
    for port in PORTS:
        lock = os.open(
            Path(tempfile.gettempdir()) / f"accords-test-pg-{port}.lock", os.O_CREAT | os.O_RDWR
        )
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(lock)
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                os.close(lock)  # closing the file releases its lock
                continue
        _HELD[port] = lock
        return port
    raise UnavailableError(f"no free port among {PORTS.start}-{PORTS.stop - 1} for a test server")


def _versions() -> list[str]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_number)
    if not found:
        raise UnavailableError(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the PostgreSQL "
            "half of the storage tests needs it (Debian: apt-get install postgresql)"
        )
    return found


def _version_number(initdb: str) -> int:
    version = Path(initdb).parent.parent.name
    return int(version) if version.isdigit() else 0


def _debian_cluster(port: int) -> Server:
    version = Path(_versions()[-1]).parent.parent.name
    name = f"accords_test_{port}"
    folder = Path(tempfile.mkdtemp(prefix="accords-pg-"))
    shutil.chown(folder, "postgres", "postgres")
    options = [f"--pgoption={key}={value}" for key, value in FAST.items()]
    create = ["pg_createcluster", version, name, "-p", str(port), "-d", str(folder / "data")]
    create += [
        *options,
        "--pgoption=listen_addresses=localhost",
        "--",
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
    ]
    url = URL.create("postgresql+psycopg", "postgres", None, "127.0.0.1", port, "postgres")
    server = Server(url, ["pg_dropcluster", "--stop", version, name], folder)
    server.pause = ["pg_ctlcluster", version, name, "stop", "-m", "fast"]
    server.resume = ["pg_ctlcluster", version, name, "start"]
    _clear_leftover(version, name)
    try:
        _run(create)
        _ask_password_of_group(Path("/etc/postgresql") / version / name / "pg_hba.conf")
        _run(["pg_ctlcluster", version, name, "start"])
    except UnavailableError:
        server.shut()  # whatever was made of it
        raise
    return server


def _clear_leftover(version: str, name: str) -> None:
    """Drop what an interrupted run left under this name: its port is free, so no server of
    it runs, and pg_createcluster refuses a name whose configuration folder exists."""
    config = Path("/etc/postgresql") / version / name
    if not config.exists():
        return
    subprocess.run(["pg_dropcluster", "--stop", version, name], capture_output=True, check=False)
    shutil.rmtree(config, ignore_errors=True)  # a folder half made, which pg_dropcluster skips


def _own_cluster(port: int) -> Server:
    binaries = Path(_versions()[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="accords-pg-"))
    data = folder / "data"
    settings = " ".join(f"-c {key}={value}" for key, value in FAST.items())
    server_options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 {settings}"
    pg_ctl = str(binaries / "pg_ctl")
    url = URL.create("postgresql+psycopg", "postgres", None, "127.0.0.1", port, "postgres")
    server = Server(url, [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], folder)
    server.pause = [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]
    start_again = [pg_ctl, "-D", str(data), "-o", server_options, "-l", str(folder / "log")]
    server.resume = [*start_again, "-w", "start"]
    try:
        _run(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        _ask_password_of_group(data / "pg_hba.conf")
        _run(
            [
                pg_ctl,
                "-D",
                str(data),
                "-o",
                server_options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        )
    except UnavailableError:
        server.shut()
        raise
    return server


def _ask_password_of_group(hba: Path) -> None:
    hba.write_text(HBA_PASSWORD_LINE + hba.read_text())


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise UnavailableError(f"{command[0]} failed: {(done.stderr or done.stdout).strip()[:300]}")
