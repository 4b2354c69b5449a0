"""Copies of a book on a PostgreSQL server through the server's own tools: `pg_dump` in its
custom format, `pg_restore` back (issue 21). And the soundness checks a file book's
`check` runs that mean something on a server: the book's mark and level, references
between rows, the counts.

The tools are found on PATH, else in Debian's /usr/lib/postgresql/<version>/bin (the
newest). The connection goes to them as libpq keywords on `--dbname` without a password:
a password given in the book's URL reaches the child alone, through its PGPASSWORD; else
libpq reads PGPASSFILE (~/.pgpass), the service files and the PG* variables as always.
Whatever a tool says is scrubbed of the password before anyone sees it.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from db.backup import held_new_file, remove_unheld
from db.postgres import scrub

TOOL_FOLDERS = "/usr/lib/postgresql/*/bin"
TIMEOUT_SECONDS = 3600
LOCK_TIMEOUT_SECONDS = 30


class ToolMissing(Exception):
    """pg_dump or pg_restore is nowhere to be found; args[0] is its name."""


class ToolFailed(Exception):
    """The tool ran and failed; str() is what it said (scrubbed of the password)."""


def find_tool(name: str) -> Path | None:
    """The program `name` on PATH, else in the newest of Debian's PostgreSQL folders."""
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)

    def version(path: str) -> int:
        number = Path(path).parent.parent.name
        return int(number) if number.isdigit() else 0

    found = sorted((path for path in glob.glob(f"{TOOL_FOLDERS}/{name}") if os.access(path, os.X_OK)), key=version)
    return Path(found[-1]) if found else None


def _connection(url: str) -> tuple[str, dict[str, str]]:
    """(libpq keywords for --dbname, without any password; the child's environment)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(url.strip())
    password = params.pop("password", None)
    params.setdefault("application_name", "clientbook")
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**{key: str(value) for key, value in params.items()}), env


def _run(tool: str, arguments: list[str], url: str, *, options: str = "") -> str:
    program = find_tool(tool)
    if program is None:
        raise ToolMissing(tool)
    import psycopg

    try:
        conninfo, env = _connection(url)
    except psycopg.Error as error:  # libpq's parser: an address that cannot be read
        raise ToolFailed(scrub(str(error), url)) from None
    if options:
        env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} {options}".strip()
    arguments = [argument.replace("{conninfo}", conninfo) if argument.startswith("--dbname=") else argument
                 for argument in arguments]
    try:
        done = subprocess.run([str(program), *arguments], env=env, capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ToolFailed(scrub(str(error), url)) from None
    if done.returncode != 0:
        said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        raise ToolFailed(scrub(said[0] if said else f"{tool} ended with {done.returncode}", url))
    return done.stdout


def dump(url: str, dest: Path) -> Path:
    """The book at `url` in pg_dump's custom format at `dest` (0600): written as
    <dest>.partial, held while written, read back (`pg_restore --list`), then renamed."""
    partial = dest.with_name(dest.name + ".partial")
    remove_unheld(partial)
    with held_new_file(partial):
        try:
            _run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={partial}",
                             "--dbname={conninfo}"], url)
            contents(partial)
            os.replace(partial, dest)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return dest


def contents(archive: Path) -> list[str]:
    """What a custom-format archive holds, one line an object (`pg_restore --list`)."""
    program = find_tool("pg_restore")
    if program is None:
        raise ToolMissing("pg_restore")
    done = subprocess.run([str(program), "--list", str(archive)], capture_output=True, text=True,
                          timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        raise ToolFailed(said[0] if said else f"pg_restore ended with {done.returncode}")
    return [line for line in done.stdout.splitlines() if line and not line.startswith(";")]


def is_book_archive(archive: Path) -> bool:
    """Whether the archive holds a clientbook book (its table clientbook_schema)."""
    from db.migrations import SCHEMA_TABLE

    table = re.compile(rf"\bTABLE \S+ {SCHEMA_TABLE}\b")
    return any(table.search(line) for line in contents(archive))


def restore(url: str, archive: Path) -> None:
    """The book at `url` replaced by the archive's, in one transaction (all of it or
    nothing): the archive's objects are dropped first where the book has them."""
    _run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                        "--exit-on-error", "--dbname={conninfo}", str(archive)], url,
         options=f"-c lock_timeout={LOCK_TIMEOUT_SECONDS * 1000}")  # a desk in a transaction: refused, not a hang


# -- looking at a server's book (read only) ---------------------------------------------


def broken_references(database, limit: int = 20) -> list[tuple[str, str]]:
    """(table, the table it refers to) for each reference that points at a row not there,
    once a pair: a constraint left unchecked (NOT VALID) or switched off can let one in."""
    found: list[tuple[str, str]] = []
    constraints = database.execute_sql(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, "
        "(SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.place) FROM unnest(c.conkey) "
        "WITH ORDINALITY AS k(attnum, place), pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = k.attnum), "
        "(SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.place) FROM unnest(c.confkey) "
        "WITH ORDINALITY AS k(attnum, place), pg_attribute a WHERE a.attrelid = c.confrelid AND a.attnum = k.attnum) "
        "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY 1, 2").fetchall()
    for table, parent, columns, keys in constraints:
        child_columns, parent_columns = columns.split(","), keys.split(",")
        present = " AND ".join(f"c.{column} IS NOT NULL" for column in child_columns)
        matches = " AND ".join(f"p.{key} = c.{column}" for key, column in zip(parent_columns, child_columns))
        count = database.execute_sql(
            f"SELECT count(*) FROM {table} c WHERE {present} "
            f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {matches})").fetchone()[0]
        if count:
            found.append((table, parent))
    return found[:limit]


def unchecked_constraints(database) -> list[str]:
    """The tables whose references or checks the server has not validated (NOT VALID)."""
    return [row[0] for row in database.execute_sql(
        "SELECT DISTINCT c.conrelid::regclass::text FROM pg_constraint c JOIN pg_namespace n "
        "ON n.oid = c.connamespace WHERE n.nspname = current_schema() AND NOT c.convalidated ORDER BY 1")]


def client_and_visit_counts(database) -> tuple[int, int]:
    """(clients, visits) in the book, archived clients too (as a file book's check counts)."""
    return (database.execute_sql("SELECT count(*) FROM clients").fetchone()[0],
            database.execute_sql("SELECT count(*) FROM visits").fetchone()[0])


def archive_identity(archive: Path):
    """The identity of the book an archive holds (db.identity.Identity: its book_id, studio
    name, clients), read from its settings and clients rows without restoring them."""
    from db.identity import Identity

    program = find_tool("pg_restore")
    if program is None:
        raise ToolMissing("pg_restore")
    done = subprocess.run([str(program), "--data-only", "--table=settings", "--table=clients", "--file=-",
                           str(archive)], capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                          stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        return None
    settings: dict[str, str] = {}
    clients, table = 0, None
    for line in done.stdout.splitlines():
        if table is None:
            if line.startswith("COPY "):
                table = line.split()[1].rsplit(".", 1)[-1].strip('"')
            continue
        if line == "\\.":
            table = None
        elif table == "clients":
            clients += 1
        elif table == "settings":
            key, _tab, value = line.partition("\t")
            settings[_unescaped(key)] = _unescaped(value)
    return Identity(settings.get("book_id") or None, settings.get("studio_name") or "", clients)


def _unescaped(text: str) -> str:
    """A value as COPY's text format writes it."""
    if text == "\\N":
        return ""
    return re.sub(r"\\(.)", lambda found: {"t": "\t", "n": "\n", "r": "\r"}.get(found.group(1), found.group(1)),
                  text)


def server_identity(database):
    """The identity of the server's book (db.identity.Identity)."""
    from db.identity import Identity

    found = dict(database.execute_sql("SELECT key, value FROM settings WHERE key IN ('book_id', 'studio_name')"))
    clients = database.execute_sql("SELECT count(*) FROM clients").fetchone()[0]
    return Identity(found.get("book_id") or None, found.get("studio_name") or "", clients)


def holds_tables(database) -> bool:
    """Whether the server's database has tables of its own (of a book, or another program's)."""
    return database.execute_sql("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0] > 0
