"""Options several commands share: ``--db``/``--team``, ``--output``, ``--width``, ``--pair``,
and the :data:`PERIOD` type every period option parses with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gtm_pulse.store.paths import DB_ENV, TEAM_ENV

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.core.periods import Period


class AsPath:
    """click's ``path_type``: makes a ``pathlib.Path`` when an option is used.

    A class, because click checks ``isinstance`` against it; building the path here keeps
    ``pathlib`` (~2.4 ms) out of ``gtm-pulse --help``, whose budget is 1.3x ``import click``.
    """

    def __new__(cls, value: str) -> Path:  # type: ignore[misc]
        from pathlib import Path

        return Path(value)


class PeriodType(click.ParamType):
    """A period option (``2026-11``, ``2026-Q4``), parsed once, here: commands get a
    :class:`~gtm_pulse.core.periods.Period`. A malformed one raises the same one-line
    :class:`~gtm_pulse.errors.PeriodError` the command used to, which the group prints."""

    name = "text"  # the metavar --help shows: TEXT, as for any other value

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Period:
        from gtm_pulse.core.periods import parse_period

        return parse_period(value)


#: The type of every option that names a period.
PERIOD = PeriodType()


def remember(ctx: click.Context, param: click.Parameter, value: object) -> None:
    """Keep ``--db`` / ``--team`` for ``open_store``, wherever on the line they were given,
    and for ``--db`` which of ``--db`` and ``$GTM_PULSE_DB`` gave it (for its messages)."""
    if value is None:
        return
    from gtm_pulse.cli.context import invocation  # not on the way to --help (see group.py)

    state = invocation(ctx)
    if param.name == "db":
        state.db = value  # type: ignore[assignment]  # a Path: the option's path_type
        from_env = ctx.get_parameter_source("db") == click.core.ParameterSource.ENVIRONMENT
        state.db_from = f"{DB_ENV}=" if from_env else "--db "
    elif param.name == "team":
        state.team = str(value)


DB_HELP = f"The database file (default: ${DB_ENV}, else the per-user data folder)."
TEAM_HELP = f"The team of a database that holds several (default: ${TEAM_ENV}, else the only)."


def db_option(command: Any) -> Any:
    """``--db PATH`` and ``--team ID`` on a subcommand too, so they can go before or after it."""
    command = click.option(
        "--team", callback=remember, expose_value=False, is_eager=True, help=TEAM_HELP
    )(command)
    return click.option(
        "--db",
        type=click.Path(path_type=AsPath),  # a folder is refused by open_store, naming who set it
        callback=remember,
        expose_value=False,
        is_eager=True,
        help=DB_HELP,
    )(command)


def check_output(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """``--output FILE``, refused (one line, before anything is read or written) when it is
    the database, its lock, drafts or backups, or an existing path that is not a file."""
    if value is not None:
        from gtm_pulse.cli.context import unchecked_store
        from gtm_pulse.store.files import check_target

        unchecked_store(ctx)
        check_target(value)
    return value


def check_export_folder(
    ctx: click.Context, param: click.Parameter, value: Path | None
) -> Path | None:
    """``--export DIR``, refused when it is the database's folder or its backups folder."""
    if value is not None:
        from gtm_pulse.cli.context import unchecked_store
        from gtm_pulse.store.files import check_folder

        unchecked_store(ctx)
        check_folder(value)
    return value


width_option = click.option(
    "--width",
    type=click.IntRange(40, 1000),
    help="Chart width in columns (default: the terminal's, or 80 when not printing to one).",
)


def _parse_pair(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, str]:
    parts = [part.strip().lower() for part in value.split(",")]  # roles are lower-case slugs
    if len(parts) != 2 or not all(parts):
        raise click.BadParameter(f"{value!r}: give two roles, e.g. sales,marketing or cro,cs")
    return parts[0], parts[1]


pair_option = click.option(
    "--pair",
    default="sales,marketing",
    show_default=True,
    callback=_parse_pair,
    help="The two roles to compare (a team with a CRO, CS or RevOps: cro,sales...).",
)
