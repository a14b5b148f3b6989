"""Setting up: the team (init) and the teams a database holds."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gtm_pulse.cli.context import open_store
from gtm_pulse.cli.options import db_option
from gtm_pulse.cli.output import show

if TYPE_CHECKING:
    from gtm_pulse.core.models import Team
    from gtm_pulse.store.database import Store


# -- init ---------------------------------------------------------------------------------------


def _ask(value: str | None, option: str, prompt: str) -> str:
    """``value`` if given; else a prompt in a terminal, else a usage error naming the option."""
    if value is not None:
        if not value.strip():
            raise click.UsageError(f"{option} must not be blank")
        return value
    if not sys.stdin.isatty():
        raise click.UsageError(f"missing {option} (no terminal to ask for it)")
    return str(click.prompt(prompt))


@click.command()
@click.option("--company", help="The company's name.")
@click.option("--sales", help="The VP of Sales' name.")
@click.option("--marketing", help="The VP of Marketing's name.")
@click.option("--ceo", help="The CEO's name.")
@click.option(
    "--member",
    "members",
    multiple=True,
    metavar="ROLE=NAME",
    help="A further role that answers the pulse (cro, cs, revops, pmm...); repeat for more.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the team of an existing database (--team's, else its only one).",
)
@db_option
@click.pass_context
def init(
    ctx: click.Context,
    company: str | None,
    sales: str | None,
    marketing: str | None,
    ceo: str | None,
    members: tuple[str, ...],
    force: bool,
) -> None:
    """Set up the team: the company and who holds each role.

    Asks for what is missing when run in a terminal. A wider GTM team adds roles with
    --member; each answers the same pulse. A database can hold many teams (a board's
    portfolio): name each with --team. Examples:

    \b
      gtm-pulse init --company "Northwind" --sales "Dana Ortiz" --marketing "Sam Lee" --ceo "Alex"
      gtm-pulse init --force --company "Northwind" --sales "Dana Ortiz" --marketing "Sam Lee" \\
          --ceo "Alex" --member cro="Pat Kim" --member revops="Priya Shah"
    """

    extra = _members(members)
    values = {
        "company": _ask(company, "--company", "Company"),
        "sales": _ask(sales, "--sales", "VP of Sales"),
        "marketing": _ask(marketing, "--marketing", "VP of Marketing"),
        "ceo": _ask(ceo, "--ceo", "CEO"),
        **extra,
    }
    store = open_store(ctx)
    team = _build_team(values, _init_team_id(store))
    store.init(team, replace=force)
    click.echo(f"Team {show(team.company)} ({team.id}) saved in {store.path}")
    click.echo("Next: each VP runs 'gtm-pulse' to take this month's pulse.")


def _members(given: tuple[str, ...]) -> dict[str, str]:
    """``("cro=Pat Kim",)`` -> ``{"cro": "Pat Kim"}``; a usage error naming a bad entry."""
    import re

    from gtm_pulse.core.roles import REQUIRED_ROLES

    found: dict[str, str] = {}
    for entry in given:
        role, sep, name = entry.partition("=")
        role = role.strip()
        if not sep or not name.strip():
            raise click.UsageError(f'--member {entry!r}: expected ROLE=NAME, e.g. cro="Pat Kim"')
        if not re.fullmatch(r"[a-z][a-z0-9-]{0,31}", role):
            raise click.UsageError(
                f"--member {entry!r}: a role is lowercase letters, digits and dashes "
                "(cro, cs, revops, pmm...)"
            )
        if role in REQUIRED_ROLES:
            raise click.UsageError(f"--member {entry!r}: name the {role} with --{role}")
        if role in found:
            raise click.UsageError(f"--member {entry!r}: role {role} is given twice")
        found[role] = name
    return found


def _init_team_id(store: Store) -> str | None:
    """The id ``init`` gives its team: ``--team``, else the database's only team, else None.

    Without ``--team``, every other command works on the only team; so does ``init --force``,
    which would otherwise add a second team (``default``) beside it and leave every later
    command asking which one.
    """
    if store.team is not None or not store.exists():
        return store.team
    return store.only_team_id()


def _build_team(values: dict[str, str], team_id: str | None) -> Team:
    from gtm_pulse.core.models import DEFAULT_TEAM
    from gtm_pulse.core.schema import checked_team
    from gtm_pulse.errors import TeamError

    company = values.pop("company")
    chosen = team_id or DEFAULT_TEAM
    try:
        return checked_team(company, values, chosen)
    except TeamError as error:
        field, _, problem = str(error).partition(": ")
        if field == "id":  # the id comes from --team (or $GTM_PULSE_TEAM)
            raise TeamError(
                f"--team {chosen!r}: a team id is lowercase letters, digits and dashes, "
                "starting with a letter or digit, at most 64 characters (e.g. acme-emea)"
            ) from None
        raise TeamError(f"--{field}: {problem}") from None  # --sales: must not be blank


@click.command("teams")
@db_option
@click.pass_context
def teams_command(ctx: click.Context) -> None:
    """List the teams the database holds (choose one with --team ID, or $GTM_PULSE_TEAM)."""
    for entry in open_store(ctx).teams():  # all read before any is listed
        team, responses = entry.team, entry.responses
        click.echo(f"{show(team.id):<24} {responses:>6} response(s)  {show(team.company)}")
