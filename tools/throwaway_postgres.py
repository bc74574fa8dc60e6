"""A throwaway PostgreSQL server for the tests and benchmarks of the PostgreSQL store.

The server is the machine's own PostgreSQL (``initdb`` and ``pg_ctl``, found on PATH, through
``pg_config --bindir`` or in ``/usr/lib/postgresql/*/bin``), made in a temporary folder,
listening on a Unix socket in that folder only (no TCP port), and trusting local
connections. Nothing outside the folder is touched.

Run a command with a server, stopped and removed when the command ends::

    python tools/throwaway_postgres.py run -- .venv/bin/python -m pytest

The command finds the server's address in ``JOINUS_TEST_POSTGRES``. For a server that
outlives one command (as ``.ci/run`` uses it)::

    python tools/throwaway_postgres.py start FOLDER   # prints the address
    python tools/throwaway_postgres.py stop FOLDER

PostgreSQL does not run as root: as root, the server runs as the ``postgres`` user (made by
Debian's package) or else ``nobody``.
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

ADDRESS_VARIABLE = "JOINUS_TEST_POSTGRES"
DATABASE = "joinus"


def binaries() -> Path:
    """The folder of the machine's ``initdb`` and ``pg_ctl``."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        folder = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if candidates:
        return Path(candidates[-1]).parent
    sys.exit(
        "no PostgreSQL found (initdb): install the server, e.g. "
        "`apt-get install postgresql` on Debian or Ubuntu"
    )


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _user() -> tuple[int, int] | None:
    """The user and group the server runs as: None for the current user (not root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    sys.exit("running as root, and there is no postgres or nobody user to run the server as")


def _run(argv: list[str], user: tuple[int, int] | None, **kwargs: object) -> None:
    if user is None:
        subprocess.run(argv, check=True, **kwargs)  # type: ignore[call-overload]
    else:
        subprocess.run(argv, check=True, user=user[0], group=user[1], **kwargs)  # type: ignore[call-overload]


def address(folder: Path) -> str:
    """The address of the server in *folder*, for ``psycopg`` and ``joinus --store``."""
    socket = urllib.parse.quote(str(folder / "socket"), safe="")
    return f"postgresql://postgres@/{DATABASE}?host={socket}"


def start(folder: Path) -> str:
    """Make and start a server in *folder* (made if missing); return its address."""
    folder.mkdir(parents=True, exist_ok=True)
    data, socket = folder / "data", folder / "socket"
    socket.mkdir(exist_ok=True)
    user = _user()
    # Only the server's user (and root) may reach the socket: it trusts every login.
    for path in (folder, socket):
        path.chmod(0o700)
        if user is not None:
            os.chown(path, *user)
    bindir = binaries()
    quiet = {"stdout": subprocess.DEVNULL}
    _run(
        [
            str(bindir / "initdb"),
            "--pgdata",
            str(data),
            "--username",
            "postgres",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            "--no-sync",
        ],
        user,
        **quiet,
    )
    options = (
        f"-c listen_addresses='' -k {socket} -c unix_socket_permissions=0700 "
        "-c fsync=on -c max_connections=100 "
        "-c shared_buffers=128MB"
    )
    _run(
        [
            str(bindir / "pg_ctl"),
            "--pgdata",
            str(data),
            "--log",
            str(folder / "server.log"),
            "--options",
            options,
            "--wait",
            "start",
        ],
        user,
        **quiet,
    )
    _run(
        [str(bindir / "createdb"), "--host", str(socket), "--username", "postgres", DATABASE]
        if (bindir / "createdb").exists()
        else [
            str(bindir / "psql"),
            "--host",
            str(socket),
            "--username",
            "postgres",
            "--command",
            f"CREATE DATABASE {DATABASE}",
            "postgres",
        ],
        None,
        **quiet,
    )
    return address(folder)


def stop(folder: Path) -> None:
    """Stop the server in *folder*, if it runs, and remove the folder."""
    data = folder / "data"
    if (data / "postmaster.pid").exists():
        _run(
            [str(binaries() / "pg_ctl"), "--pgdata", str(data), "--mode", "fast", "--wait", "stop"],
            _user(),
            stdout=subprocess.DEVNULL,
        )
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run a command with a server, then remove it")
    run.add_argument("argv", nargs=argparse.REMAINDER, help="the command, after --")
    for name, text in (("start", "make and start a server"), ("stop", "stop and remove it")):
        commands.add_parser(name, help=text).add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "start":
        print(start(args.folder.resolve()))
        return 0
    if args.command == "stop":
        stop(args.folder.resolve())
        return 0
    command = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not command:
        parser.error("give the command to run, after --")
    folder = Path(tempfile.mkdtemp(prefix="joinus-postgres-"))
    try:
        url = start(folder)
        env = {**os.environ, ADDRESS_VARIABLE: url}
        return subprocess.run(command, env=env, check=False).returncode
    finally:
        stop(folder)


if __name__ == "__main__":
    sys.exit(main())
