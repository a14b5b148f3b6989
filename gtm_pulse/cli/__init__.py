"""The ``gtm-pulse`` command line.

Each command imports what it needs inside its body, so ``--help`` and the printing commands stay
fast; textual is imported only by the TUI commands. User mistakes arrive as
:class:`~gtm_pulse.errors.PulseError` and leave as one line per problem and a non-zero exit.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from gtm_pulse import __version__
from gtm_pulse.errors import PulseError
from gtm_pulse.store.paths import DB_ENV, TEAM_ENV

if TYPE_CHECKING:
    from pathlib import Path

    from gtm_pulse.core.models import Team
    from gtm_pulse.core.seal_rule import Opening
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.store.database import Store


class AsPath:
    """click's ``path_type``: makes a ``pathlib.Path`` when an option is used.

    A class, because click checks ``isinstance`` against it; building the path here keeps
    ``pathlib`` (~2.4 ms) out of ``gtm-pulse --help``, whose budget is 1.3x ``import click``.
    """

    def __new__(cls, value: str) -> Path:  # type: ignore[misc]
        from pathlib import Path

        return Path(value)


class PulseGroup(click.Group):
    """A click group that turns user mistakes into one line each and an exit code.

    :class:`PulseError` says what is wrong with the data; click's own usage errors (a bad option
    value, a missing argument) get the same one-line shape instead of click's usage block.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
        except PulseError as error:
            fail(error)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else ctx.command_path
            message = error.format_message().rstrip(".")  # it may quote the value given
            click.echo(error_line(f"{message} (see '{where} --help')"), err=True)
            sys.exit(error.exit_code)
        except (SystemExit, click.exceptions.Exit):  # a command's own exit code (status: 1)
            _warn_if_shared(ctx)
            raise
        _warn_if_shared(ctx)
        return result


def fail(error: PulseError) -> NoReturn:
    """Print ``error`` as one line per problem and exit with its code.

    Messages quote names, companies and values as given, so each line goes through
    :func:`_show`: an escape sequence in a VP's name must not recolour or retitle the terminal.
    """
    for line in error.lines():
        click.echo(error_line(line), err=True)
    # A refused command says only what is wrong: no permissions warning follows it, even when
    # the refusal leaves a nested group ('db check') through the outer group's exit handling.
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().ensure_object(dict).pop("used", None)
    sys.exit(error.exit_code)


def error_line(message: str) -> str:
    """``gtm-pulse: error: <message>``, shown safely (see :func:`_show`) and capped at
    :data:`~gtm_pulse.errors.LINE_MAX` characters: messages quote what they found, whatever
    its size (an unknown key of 10 MB)."""
    from gtm_pulse.errors import capped

    return capped(f"gtm-pulse: error: {_show(message)}")


def _remember(ctx: click.Context, param: click.Parameter, value: object) -> None:
    """Keep ``--db`` / ``--team`` for :func:`open_store`, wherever on the line they were given,
    and for ``--db`` which of ``--db`` and ``$GTM_PULSE_DB`` gave it (for its messages)."""
    if value is not None:
        state = ctx.find_root().ensure_object(dict)
        state[param.name] = value
        if param.name == "db":
            from_env = ctx.get_parameter_source("db") == click.core.ParameterSource.ENVIRONMENT
            state["db_from"] = f"{DB_ENV}=" if from_env else "--db "


_DB_HELP = f"The database file (default: ${DB_ENV}, else the per-user data folder)."
_TEAM_HELP = f"The team of a database that holds several (default: ${TEAM_ENV}, else the only)."


def db_option(command: Any) -> Any:
    """``--db PATH`` and ``--team ID`` on a subcommand too, so they can go before or after it."""
    command = click.option(
        "--team", callback=_remember, expose_value=False, is_eager=True, help=_TEAM_HELP
    )(command)
    return click.option(
        "--db",
        type=click.Path(path_type=AsPath),  # a folder is refused by open_store, naming who set it
        callback=_remember,
        expose_value=False,
        is_eager=True,
        help=_DB_HELP,
    )(command)


def open_store(ctx: click.Context) -> Store:
    """The store for this invocation: ``--db``, then ``$GTM_PULSE_DB``, then the default path.

    Remembered, so that a database other users can read gets a warning once the command is done.
    """
    from gtm_pulse.errors import DatabaseError

    store = _store(ctx)
    state = ctx.find_root().ensure_object(dict)
    if _unreadable(store.path):
        given = state.get("db_from", "the default database ")  # which of them set it
        what = "a folder" if store.path.is_dir() else "a file that cannot be read"
        raise DatabaseError(f"{given}{store.path} is {what}, not a gtm-pulse database file")
    state["used"] = store.path
    return store


def _store(ctx: click.Context) -> Store:
    """The store of :func:`open_store`, unchecked; its files are kept from any output."""
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.files import keep_safe
    from gtm_pulse.store.paths import default_db_path

    state = ctx.find_root().ensure_object(dict)
    store = Store(state.get("db") or default_db_path(), team=state.get("team"))
    keep_safe(*store.kept_files())  # no --output may replace the database or its companions
    return store


def _unreadable(path: Path) -> bool:
    """Whether ``path`` is a folder or an existing file its owner cannot read (by the mode
    bits too: root reads anything, but a file made unreadable is not one to use)."""
    import os
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return False  # none yet (init makes it), or one that reading reports
    if stat.S_ISDIR(mode):
        return True
    return not (mode & stat.S_IRUSR and os.access(path, os.R_OK))


def _check_output(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """``--output FILE``, refused (one line, before anything is read or written) when it is
    the database, its lock, drafts or backups, or an existing path that is not a file."""
    if value is not None:
        from gtm_pulse.store.files import check_target

        _store(ctx)
        check_target(value)
    return value


def _check_export_folder(
    ctx: click.Context, param: click.Parameter, value: Path | None
) -> Path | None:
    """``--export DIR``, refused when it is the database's folder or its backups folder."""
    if value is not None:
        from gtm_pulse.store.files import check_folder

        _store(ctx)
        check_folder(value)
    return value


def _warn_if_shared(ctx: click.Context) -> None:
    """After a command that used the database: warn (once) if other users can read it.

    After, not before: a refused command says only what is wrong, and a file that is not a
    database gets no advice about its permissions.
    """
    state = ctx.find_root().ensure_object(dict)
    path = state.pop("used", None)
    if path is None:
        return
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & 0o077:
        click.echo(
            f"gtm-pulse: warning: {path} can be read by other users (mode {mode & 0o777:o}); "
            f"it holds candid answers: chmod 600 {path}",
            err=True,
        )


def _echo_records(records: object) -> None:
    """Records (a survey, commitments, metrics) as the JSON a ``--format json`` prints."""
    import json

    from gtm_pulse.core.models import to_json

    click.echo(json.dumps(to_json(records), indent=2))


def catalog() -> Catalog:
    """The shipped surveys, read and validated only if the command asks for one."""
    from gtm_pulse.store.survey_files import LazyCatalog

    return LazyCatalog()


@click.group(cls=PulseGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="gtm-pulse")
@click.option(
    "--db",
    type=click.Path(path_type=AsPath),  # a folder is refused by open_store, naming who set it
    envvar=DB_ENV,
    callback=_remember,
    expose_value=False,
    help=_DB_HELP,
)
@click.option("--team", envvar=TEAM_ENV, callback=_remember, expose_value=False, help=_TEAM_HELP)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """gtm-pulse keeps your VP of Sales and VP of Marketing aligned.

    Each month both VPs answer the same short pulse; the CEO compares the answers and sees where
    they diverge. Start with 'gtm-pulse init', then 'gtm-pulse status'.
    """
    ctx.ensure_object(dict)
    if ctx.invoked_subcommand is None:
        require_terminal(
            "gtm-pulse", "'gtm-pulse status' and 'gtm-pulse compare' print without one"
        )
        run_tui(ctx, None)


def require_terminal(what: str, instead: str) -> None:
    """Refuse, as a usage error (one line, exit 2), unless stdin and stdout are a terminal.

    The one check every TUI command makes before it starts textual: without a terminal an app
    never gets a key and draws into whatever stdout is (issue 14: ``take --role sales
    </dev/null`` ran for 7 minutes of CPU, drawing into stderr). ``instead`` says what works.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise click.UsageError(f"{what} needs a terminal; {instead}")


def run_tui(ctx: click.Context, start: Any) -> None:
    """Run the pulse TUI (the only place textual is imported: ~300 ms).

    The CEO's "dashboard" entry at home ends the pulse app with the dashboard's board: the
    dashboard is an app of its own, so it runs here, and quitting it comes back home.
    """
    import gc

    # The collector rests while textual is imported and the first screen is built: collections
    # there mostly scan objects that live as long as the app (~7 ms of the start). PulseApp
    # sets it going again once that screen is drawn; if it never gets there, this does.
    gc.disable()
    try:
        from gtm_pulse.tui.app import PulseApp

        store = open_store(ctx)
        if store.exists():
            store.load()  # a broken database: a one-line error here, not a traceback in the TUI
        app = PulseApp(store, catalog(), start)
        board = app.run()
    finally:
        gc.enable()
    while board is not None:
        run_dashboard(board)
        app = PulseApp(store, catalog())  # back home; the survey asked for was opened already
        board = app.run()
    if app.return_code:
        sys.exit(app.return_code)


@cli.command()
@click.option("--role", required=True, help="Who answers: sales or marketing (or a team role).")
@click.option("--period", help="The period (2026-11 or 2026-Q4); default: the current one.")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@db_option
@click.pass_context
def take(ctx: click.Context, role: str, period: str | None, survey_id: str) -> None:
    """Take a survey in the TUI, straight from the command line.

    Every answer is saved as a draft the moment it is given; run the same command again to
    carry on where you left off. Example:

    \b
      gtm-pulse take --role sales
    """
    from gtm_pulse.services.submission import respondent_role, submission_period

    survey = catalog().get(survey_id)
    chosen = submission_period(survey, period)
    store = open_store(ctx)
    if store.exists():
        respondent_role(store.load().require_team(), role)
    # After the checks above (a bad role or period is said first), before textual is imported.
    require_terminal("the survey", "without one, answer from a file with 'gtm-pulse submit'")
    from gtm_pulse.services.opening import Start

    run_tui(ctx, Start(role=role, survey_id=survey.id, period=str(chosen)))


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


@cli.command()
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
    click.echo(f"Team {_show(team.company)} ({team.id}) saved in {store.path}")
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
    from gtm_pulse.store.database import read_database, team_ids

    ids = team_ids(read_database(store.path))
    return ids[0] if len(ids) == 1 else None


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


@cli.command("teams")
@db_option
@click.pass_context
def teams_command(ctx: click.Context) -> None:
    """List the teams the database holds (choose one with --team ID, or $GTM_PULSE_TEAM)."""
    from gtm_pulse.core.models import Team
    from gtm_pulse.errors import DatabaseError
    from gtm_pulse.store.database import TEAM, read_database, team_of

    store = open_store(ctx)
    tables = read_database(store.path)
    counts: dict[str, int] = {}
    for doc in tables.get("responses", {}).values():
        counts[team_of(doc)] = counts.get(team_of(doc), 0) + 1
    teams: list[Team] = []
    for doc_id, doc in tables.get(TEAM, {}).items():  # all read before any is listed
        try:
            teams.append(Team.from_json(doc))
        except (KeyError, TypeError, ValueError, AttributeError):  # not the shape init wrote
            raise DatabaseError(
                f"the database {store.path} holds a bad team (record #{doc_id}); "
                "'gtm-pulse db check' says what is wrong with it"
            ) from None
    for team in sorted(teams, key=lambda t: t.id):
        responses = counts.get(team.id, 0)
        click.echo(f"{_show(team.id):<24} {responses:>6} response(s)  {_show(team.company)}")


# -- status -------------------------------------------------------------------------------------


@cli.command()
@click.option("--period", help="A month (2026-11) or a quarter (2026-Q4); default: today's.")
@click.option("--survey", "survey_id", help="Only this survey.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--due",
    is_flag=True,
    help="Only what is still missing in the current periods; one line when nothing is.",
)
@db_option
@click.pass_context
def status(
    ctx: click.Context, period: str | None, survey_id: str | None, fmt: str, due: bool
) -> None:
    """Who has submitted the surveys due this period, and who is missing.

    Exits 0 when everyone has submitted and 1 when someone is missing, so a cron job can send
    reminders. A month also covers the quarterly surveys of its quarter. --due lists only who
    still owes what this month and quarter (a reminder); when nothing is due it prints one
    line. Example, weekday mornings, a mail only while someone is missing:

    \b
      0 9 * * 1-5  out=$(gtm-pulse status --due) || echo "$out" | mail -s gtm-pulse ceo@acme.com
    """
    from gtm_pulse.core.periods import not_future, parse_period, today
    from gtm_pulse.services.status import build_status

    if due and period:
        raise click.UsageError("--due is about the current periods: leave out --period")
    snapshot = open_store(ctx).load(one_shot=True)
    team = snapshot.require_team()
    surveys = [catalog().get(survey_id)] if survey_id else catalog().latest()
    asked = not_future(parse_period(period)) if period else None
    report = build_status(team, surveys, snapshot, asked, today())
    if fmt == "json":
        import json

        shown = report.outstanding() if due else report
        click.echo(json.dumps(shown.to_json(), indent=2))
    else:
        click.echo(report.due_text() if due else report.to_text())
    ctx.exit(0 if report.complete else 1)


# -- surveys ------------------------------------------------------------------------------------


@cli.group(cls=PulseGroup)
def surveys() -> None:
    """List, validate and show survey definitions."""


@surveys.command("list")
def surveys_list() -> None:
    """List the available surveys."""
    for survey in catalog().latest():
        minutes = survey.estimated_seconds() / 60
        click.echo(
            f"{survey.id:<22} v{survey.version:<3} {survey.cadence:<10} "
            f"~{minutes:.1f} min  {survey.title}\n  {survey.parts()}"
        )


@surveys.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=AsPath))
def surveys_validate(files: tuple[Path, ...]) -> None:
    """Check survey files (default: every shipped survey); exit 2 if any is broken."""
    from gtm_pulse.errors import SurveyError
    from gtm_pulse.store.survey_files import load_survey_file, shipped_dir

    paths = list(files) or sorted(shipped_dir().glob("*.toml"))
    broken = 0
    for path in paths:
        try:
            survey = load_survey_file(path)
        except SurveyError as error:
            broken += 1
            for line in error.lines():  # a survey file of anyone's: its values are quoted
                click.echo(error_line(line), err=True)
            continue
        click.echo(f"ok: {path} ({survey.id} v{survey.version}, {survey.parts()})")
    if broken:
        sys.exit(2)


@surveys.command("template")
@click.argument("survey_id")
@click.option("--role", default="sales", show_default=True, help="Whose answers: sets the guesses.")
@click.option(
    "--period", help="The period answered (default: the current one): sets the follow-ups."
)
@db_option
@click.pass_context
def surveys_template(ctx: click.Context, survey_id: str, role: str, period: str | None) -> None:
    """Print a skeleton answers file for 'submit': every question, guess and follow-up due.

    Every answer is null and '_allowed' says what it may be; replace the nulls and submit it:

    \b
      gtm-pulse surveys template monthly-pulse --role sales > answers.json
      gtm-pulse submit --role sales --answers answers.json
    """
    import json

    from gtm_pulse.core.commitments import asked_in
    from gtm_pulse.core.template import answers_template
    from gtm_pulse.services.submission import respondent_role, submission_period

    survey = catalog().get(survey_id)
    chosen = str(submission_period(survey, period))
    due = []
    store = open_store(ctx)
    if store.path.exists():  # a team's commitments due; without a database there are none
        snapshot = store.load()
        respondent_role(snapshot.require_team(), role)
        due = asked_in(snapshot.commitments, chosen, snapshot.response(survey.id, chosen, role))
    document = answers_template(survey, role, chosen, due)
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@surveys.command("show")
@click.argument("survey_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def surveys_show(survey_id: str, fmt: str) -> None:
    """Show a survey: every dimension and question (json: all fields, as loaded)."""
    survey = catalog().get(survey_id)
    if fmt == "json":
        _echo_records(survey)
        return
    click.echo(f"{survey.title} ({survey.id} v{survey.version}, {survey.cadence})")
    if survey.description:
        click.echo(survey.description)
    scale = ", ".join(f"{i}={label}" for i, label in enumerate(survey.scale.labels, start=1))
    click.echo(f"Scale: {scale}")
    for dimension in survey.dimensions:
        click.echo(f"\n{dimension.name} [{dimension.id}]")
        for question in survey.questions_in(dimension.id):
            flags: list[str] = [question.kind]
            if question.reverse:
                flags.append("reverse")
            if not question.is_required:
                flags.append("optional")
            if question.predict:
                flags.append("predict the other's answer")
            if question.tension:
                flags.append(f"{question.tension} tension: not flagged, not indexed")
            if question.metric:
                flags.append(f"metric {question.metric}")
            click.echo(f"  {question.id}: {question.text}  ({', '.join(flags)})")
            for option in question.options:
                click.echo(f"      - {option.id}: {option.label}")
            if question.severities:
                click.echo(f"      severities: {', '.join(question.severities)}")
        if dimension.comment:
            click.echo(f"  (comment) {dimension.comment}")
    if survey.mirrors:
        click.echo("\nMirror pairs (the same question about each function)")
        for mirror in survey.mirrors:
            about = ", ".join(f"{role}: {qid}" for role, qid in mirror.about.items())
            click.echo(f"  {mirror.id}: {mirror.name} ({about})")
    minutes = survey.estimated_seconds() / 60
    click.echo(f"\n{survey.parts()}; about {minutes:.1f} minutes to fill.")


# -- submit -------------------------------------------------------------------------------------


@cli.command()
@click.option("--role", required=True, help="Who answers: sales or marketing (or a team role).")
@click.option("--period", help="The period (2026-11 or 2026-Q4); default: the current one.")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option(
    "--answers",
    "answers_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=str),
    help='A JSON object {question id: value} ("-" reads standard input).',
)
@click.option("--amend", is_flag=True, help="Replace an earlier submission (kept in history).")
@db_option
@click.pass_context
def submit(
    ctx: click.Context,
    role: str,
    period: str | None,
    survey_id: str,
    answers_file: str,
    amend: bool,
) -> None:
    """Submit answers without the TUI, for scripts and other tools.

    Values: likert, a number on the scale; single choice, the option id; multi choice, a list of
    option ids or an object {option id: severity}; text, a string. Comments go under
    "_comments": {dimension id: text}. Example:

    \b
      echo '{"respect-seriously": 4, ...}' | gtm-pulse submit --role sales --answers -
    """
    from gtm_pulse.services.submission import build_response, read_answers_file, refuse_second

    store = open_store(ctx)
    snapshot = store.load()
    survey = catalog().get(survey_id)
    if not amend:
        refuse_second(snapshot, survey, role, period)
    source = "<stdin>" if answers_file == "-" else answers_file
    with click.open_file(answers_file, "rb") as handle:
        raw = read_answers_file(handle.read(), source)
    response = build_response(snapshot, survey, role, period, raw, source)
    stored = store.submit(response, survey, amend=amend)
    respondent = _show(stored.respondent)
    action = "Amended" if stored.revision > 1 else "Submitted"
    click.echo(
        f"{action} {survey.id} {stored.period} for {respondent} ({stored.role}), "
        f"revision {stored.revision}."
    )
    if stored.seal is not None:  # a receipt: 'gtm-pulse db check' finds any later change
        click.echo(f"Sealed: sha256 {stored.seal.sha256}")


# -- compare and trend --------------------------------------------------------------------------


def _width(asked: int | None, to_stdout: bool) -> int:
    """Charts fit ``--width``, else the terminal when printing to one, else 80 columns.

    Standard output must itself be a terminal: piped or redirected, the report is 80 columns
    wide whatever ``$COLUMNS`` says, as ``--width``'s help promises.
    """
    import shutil

    from gtm_pulse.report.charts import MAX_WIDTH, MIN_WIDTH

    if asked is not None:
        return asked
    if to_stdout and sys.stdout.isatty():
        return max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns))
    return 80


def _emit(text: str, output: Path | None, what: str = "") -> None:
    """Print ``text``, or write it atomically (mode 0600: it holds candid answers) to ``output``.

    ``what`` says what was written, on the line that names the file.
    """
    if output is None:
        # color=True: never let click strip escape codes; the formats decide what they print.
        click.echo(text, nl=False, color=True)
        return
    from gtm_pulse.errors import OutputError
    from gtm_pulse.store.files import atomic_write

    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(f"Wrote {output}" + (f" ({what})" if what else ""), err=True)


_WIDTH_OPTION = click.option(
    "--width",
    type=click.IntRange(40, 1000),
    help="Chart width in columns (default: the terminal's, or 80 when not printing to one).",
)


def _parse_pair(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, str]:
    parts = [part.strip().lower() for part in value.split(",")]  # roles are lower-case slugs
    if len(parts) != 2 or not all(parts):
        raise click.BadParameter(f"{value!r}: give two roles, e.g. sales,marketing or cro,cs")
    return parts[0], parts[1]


_PAIR_OPTION = click.option(
    "--pair",
    default="sales,marketing",
    show_default=True,
    callback=_parse_pair,
    help="The two roles to compare (a team with a CRO, CS or RevOps: cro,sales...).",
)


@cli.command("compare")
@click.option("--period", help="The period to compare (default: the current one, if complete).")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "markdown"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=AsPath),
    callback=_check_output,
    help="Write the report to FILE (mode 0600) instead of printing it.",
)
@_WIDTH_OPTION
@click.option(
    "--partial",
    is_flag=True,
    help="Before both VPs have submitted: show what the pair submitted (one side alone: no "
    "gap figures); says whose answers it opens early, and records it.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Text: every section (each statement, the trend, guesses, flags, comments), not "
    "the one-screen verdict.",
)
@_PAIR_OPTION
@db_option
@click.pass_context
def compare_command(
    ctx: click.Context,
    period: str | None,
    survey_id: str,
    fmt: str,
    output: Path | None,
    width: int | None,
    partial: bool,
    full: bool,
    pair: tuple[str, str],
) -> None:
    """Where the two VPs diverge: the verdict on one screen; --full for every section.

    The verdict: both indices and the quadrant, each dimension's scores and gap, and at most
    five things to talk about first, each answer quoted as given. Without --period: the
    current period when both VPs have submitted it, else the latest period both have (with a
    note). A period only one VP has submitted exits 1, naming who is missing; no data at all
    exits 1 too. Examples:

    \b
      gtm-pulse compare
      gtm-pulse compare --full
      gtm-pulse compare --period 2026-10 --format markdown --output offsite.md
      gtm-pulse compare --format json | jq .indices
      gtm-pulse compare --pair cro,sales
    """
    from gtm_pulse.core.periods import today
    from gtm_pulse.report import render
    from gtm_pulse.report.charts import use_colour
    from gtm_pulse.services.comparing import build_review

    snapshot = _snapshot_to_compare(ctx)
    review = build_review(
        snapshot, catalog(), survey_id, period, today(), partial=partial, pair=pair
    )
    if review.opening is not None:
        _open_early(ctx, snapshot.require_team(), [review.opening])
    to_terminal = output is None and fmt == "text"
    colour = to_terminal and use_colour()
    _emit(render(review, fmt, _width(width, to_terminal), colour=colour, full=full), output)


@cli.command("trend")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option("--since", help="The first period to show (default: the first one recorded).")
@click.option("--dimension", help="Chart one dimension (its id or name): both sides and the gap.")
@_WIDTH_OPTION
@_PAIR_OPTION
@db_option
@click.pass_context
def trend_command(
    ctx: click.Context,
    survey_id: str,
    since: str | None,
    dimension: str | None,
    width: int | None,
    pair: tuple[str, str],
) -> None:
    """The indices and the gaps over time, as line charts, with each period's figures.

    Only periods both VPs submitted count. Examples:

    \b
      gtm-pulse trend
      gtm-pulse trend --since 2026-01 --dimension "Shared goals"
    """
    from gtm_pulse.core.seal_rule import opened_early_words
    from gtm_pulse.report.charts import Ink, use_colour
    from gtm_pulse.report.trend import render_trend
    from gtm_pulse.services.comparing import build_trend, find_dimension, overrides_of

    snapshot = _snapshot_to_compare(ctx)
    survey, history = build_trend(snapshot, catalog(), survey_id, since, pair=pair)
    chosen = find_dimension(survey, dimension) if dimension is not None else None
    team = snapshot.require_team()
    ink = Ink(use_colour())
    opened = {  # every report of a period an override opened says so: the trend too
        period: words
        for period in history.periods
        if (words := opened_early_words(overrides_of(snapshot, survey.id, period)))
    }
    text = render_trend(
        team.company, survey, pair, history, _width(width, to_stdout=True), ink, chosen, opened
    )
    click.echo(text, nl=False)


def _open_early(ctx: click.Context, team: Team, openings: list[Opening]) -> None:
    """Record each override that opens answers before the seal allowed, then say on stderr
    whose it opens. Recorded first: what cannot be recorded is not shown (the error exits)."""
    store = open_store(ctx)
    for opening in openings:
        store.record_override(opening.override.to_json())  # its own locked write
        click.echo(f"gtm-pulse: note: {_show(opening.note(team))}", err=True)


def _snapshot_to_compare(ctx: click.Context, *, one_shot: bool = True) -> Any:
    """The database, or exit 1 saying there is nothing to compare when there is none yet.

    ``one_shot``: the command exits once it has printed (see ``Store.load``).
    """
    store = open_store(ctx)
    _require_database(store)
    return store.load(one_shot=one_shot)


def _require_database(store: Store) -> None:
    """Exit 1 saying there is nothing to compare when ``store`` has no database file yet."""
    from gtm_pulse.errors import NotReadyError

    if not store.exists():
        raise NotReadyError(
            f"nothing to compare yet: no gtm-pulse database at {store.path}; run "
            "'gtm-pulse init', then each VP takes the pulse"
        )


# -- dashboard ----------------------------------------------------------------------------------


@cli.command("dashboard")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option("--period", help="The period to open on (default: the latest both submitted).")
@click.option(
    "--export",
    "export_dir",
    type=click.Path(file_okay=False, path_type=AsPath),
    callback=_check_export_folder,
    help="Write every view and slide as SVG and the agenda as Markdown into DIR; no terminal.",
)
@_PAIR_OPTION
@db_option
@click.pass_context
def dashboard_command(
    ctx: click.Context,
    survey_id: str,
    period: str | None,
    export_dir: Path | None,
    pair: tuple[str, str],
) -> None:
    """The offsite dashboard: overview, dimensions, items, trend, frictions, comments, agenda,
    perceptions (guesses, blame, metrics) and the team matrix.

    Keys: 1-9 views, [ ] earlier / later period, Enter on a dimension shows its items, p
    presentation mode (slides), a add a commitment, d mark one done, e export, q quit.
    Examples:

    \b
      gtm-pulse dashboard
      gtm-pulse dashboard --period 2026-10 --export board-pack/
      gtm-pulse dashboard --pair cro,marketing
    """
    store = open_store(ctx)
    _require_database(store)  # no database yet: exit 1, saying so (Board reads it, once)
    board = _board(store, survey_id, period, pair)  # a bad period or a missing side: said first
    if export_dir is not None:
        from gtm_pulse.tui.dashboard.app import export_headless

        written = export_headless(board, export_dir)
        click.echo(f"Exported {len(written)} files to {export_dir}:")
        for path in written:
            click.echo(f"  {path.name}")
        return
    require_terminal("the dashboard", "use --export DIR, or 'gtm-pulse compare'")
    run_dashboard(board)


def _board(store: Store, survey_id: str, period: str | None, pair: tuple[str, str]) -> Any:
    """The dashboard's data; refuses (exit 1) a period only one side submitted, like compare."""
    from gtm_pulse.core.periods import today
    from gtm_pulse.services.board import Board

    return Board(store, catalog(), survey_id, today(), period, pair)


def run_dashboard(board: Any) -> None:
    """Run the dashboard TUI on ``board`` (textual is imported here only: ~300 ms)."""
    from gtm_pulse.tui.dashboard.app import DashboardApp

    DashboardApp(board).run()


# -- actions (commitments) ----------------------------------------------------------------------


@cli.group(cls=PulseGroup)
def actions() -> None:
    """Commitments from the offsite: record them, list them, mark them done.

    From its due period on, every pulse asks both VPs whether a commitment happened (yes,
    partly or no); compare shows the follow-through next to the trend.
    """


@actions.command("add")
@click.argument("text")
@click.option("--owner", required=True, help="Who owns it: a role of the team (sales, ceo...).")
@click.option("--due", required=True, help="The first period whose pulse asks about it.")
@click.option("--agreed-in", help="The period whose review led to it (the offsite's).")
@db_option
@click.pass_context
def actions_add(ctx: click.Context, text: str, owner: str, due: str, agreed_in: str | None) -> None:
    """Record a commitment. Example:

    \b
      gtm-pulse actions add "One lead definition" --owner marketing --due 2026-12
    """
    from gtm_pulse.core.commitments import describe
    from gtm_pulse.core.periods import parse_period

    due = str(parse_period(due))
    agreed_in = str(parse_period(agreed_in)) if agreed_in else None
    commitment = open_store(ctx).add_commitment(text, owner, due, agreed_in)
    click.echo(f"Recorded {_show(describe(commitment))}.")


@actions.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only the commitments not done yet.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
@click.pass_context
def actions_list(ctx: click.Context, only_open: bool, fmt: str) -> None:
    """List the commitments, open ones first."""
    from gtm_pulse.core import roles

    commitments = open_store(ctx).load(one_shot=True).commitments
    shown = [c for c in commitments if not (only_open and c.done)]
    shown.sort(key=lambda c: (c.done, c.number))
    if fmt == "json":
        _echo_records(shown)
        return
    if not shown:
        click.echo("No commitments yet." if not commitments else "No open commitments.")
        return
    for c in shown:
        state = f"done {c.done_at:%Y-%m-%d}" if c.done_at else "open"
        owner = roles.function_name(c.owner)
        click.echo(f"#{c.number:<3} {state:<15} {owner:<10} due {c.due:<8} {_show(c.text)}")


@actions.command("done")
@click.argument("number", type=click.IntRange(min=1))
@click.option("--undo", is_flag=True, help="Open it again.")
@db_option
@click.pass_context
def actions_done(ctx: click.Context, number: int, undo: bool) -> None:
    """Mark commitment NUMBER done (pulses stop asking about it), or open it again."""
    from gtm_pulse.core.commitments import describe

    commitment = open_store(ctx).set_commitment_done(number, done=not undo)
    state = "open again" if undo else "done"
    click.echo(f"{_show(describe(commitment))} is {state}.")


# -- metrics: operating numbers beside perceptions -----------------------------------------------


@cli.group(cls=PulseGroup)
def metrics() -> None:
    """The team's monthly numbers (MQL acceptance, follow-up time...), shown beside the
    survey items that cite them: "Sales rates lead quality 2/5 while acceptance fell from 60%
    to 45%".
    """


@metrics.command("define")
@click.argument("metric_id", metavar="ID")
@click.option("--name", help="What the team calls it (default: the usual name of a known ID).")
@click.option("--unit", help='Its unit, shown after values: "%", "h", "k€"...')
@click.option("--better", type=click.Choice(["higher", "lower"]), help="Which direction is good.")
@db_option
@click.pass_context
def metrics_define(
    ctx: click.Context, metric_id: str, name: str | None, unit: str | None, better: str | None
) -> None:
    """Add a metric, or change its name, unit or direction (values are kept).

    The monthly pulse cites mql-acceptance and lead-follow-up-hours; with those IDs (and
    forecast-accuracy, pipeline-created) the name, unit and direction have defaults. Examples:

    \b
      gtm-pulse metrics define mql-acceptance
      gtm-pulse metrics define win-rate --name "Win rate" --unit % --better higher
    """
    from gtm_pulse.core.metrics import checked_metric

    metric = checked_metric(metric_id, name, unit, better)
    saved = open_store(ctx).define_metric(metric)
    click.echo(
        f"Metric {saved.id}: {_show(saved.name)}"
        + (f" ({_show(saved.unit)})" if saved.unit else "")
        + f", {saved.better} is better."
    )


@metrics.command("set")
@click.argument("values", nargs=-1, required=True, metavar="ID=VALUE...")
@click.option("--period", help="The month (2026-11); default: the current one.")
@db_option
@click.pass_context
def metrics_set(ctx: click.Context, values: tuple[str, ...], period: str | None) -> None:
    """Record this period's values of defined metrics; all are written, or none. Example:

    \b
      gtm-pulse metrics set --period 2026-11 mql-acceptance=45 lead-follow-up-hours=36
    """
    from gtm_pulse.core.metrics import parse_assignments
    from gtm_pulse.core.periods import resolve

    parsed = parse_assignments(values)
    chosen = str(resolve(period, "monthly"))  # refuses a future period
    saved = open_store(ctx).set_metric_values(chosen, parsed)
    shown = ", ".join(f"{m.id} {m.shown(parsed[m.id])}" for m in saved)
    click.echo(f"{chosen}: {_show(shown)}")


@metrics.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
@click.pass_context
def metrics_list(ctx: click.Context, fmt: str) -> None:
    """The team's metrics with their latest values."""
    from gtm_pulse.core.metrics import series

    found = list(open_store(ctx).load().metrics.values())
    if fmt == "json":
        _echo_records(found)
        return
    if not found:
        click.echo("No metrics yet: 'gtm-pulse metrics define mql-acceptance' adds one.")
        return
    for metric in found:
        values = series(metric)
        recent = "  ".join(f"{p} {metric.shown(v)}" for p, v in values[-3:]) or "no values yet"
        head = f"{metric.id} ({_show(metric.name)}, {metric.better} is better)"
        click.echo(f"{_show(head)}: {_show(recent)}")


# -- bundles: export and import ------------------------------------------------------------------


@cli.command("export")
@click.option("--survey", "survey_id", default="monthly-pulse", show_default=True)
@click.option("--period", help="Only this period (default: every period).")
@click.option("--role", help="Only this role's responses (default: every role).")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=AsPath),
    callback=_check_output,
    help="The bundle file to write (mode 0600); default: standard output.",
)
@db_option
@click.pass_context
def export_command(
    ctx: click.Context, survey_id: str, period: str | None, role: str | None, output: Path | None
) -> None:
    """Write responses as a bundle another laptop can import (JSON with a SHA-256 checksum).

    Periods only one VP has submitted are sealed: they are left out unless --role names whose
    responses to carry, which says on stderr whose answers it opens early and records it.
    Example, the VP of Sales sending this month's answers to the CEO:

    \b
      gtm-pulse export --period 2026-11 --role sales --output dana-2026-11.json
    """
    from gtm_pulse.core.periods import resolve, today
    from gtm_pulse.services.submission import respondent_role
    from gtm_pulse.store.bundles import make_bundle, openings, sealed_periods

    survey = catalog().get(survey_id)
    chosen = str(resolve(period, survey.cadence)) if period is not None else None
    snapshot = open_store(ctx).load(one_shot=True)
    if role is not None:
        respondent_role(snapshot.require_team(), role)
        early = openings(snapshot, survey, chosen, role, today().isoformat())
        _open_early(ctx, snapshot.require_team(), early)
    bundle = make_bundle(snapshot, survey, chosen, role)
    if role is None:
        for sealed in sealed_periods(snapshot, survey):
            if chosen in (None, sealed):
                click.echo(
                    f"gtm-pulse: note: {survey.id} {sealed} left out: sealed until both VPs have "
                    "submitted (a VP exports their own with --role)",
                    err=True,
                )
    count = len(bundle["payload"]["responses"])
    import json

    text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    _emit(text, output, what=f"{count} response(s) of {survey.id}")


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=AsPath))
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option(
    "--trust-new-keys",
    is_flag=True,
    help="Accept a signing key new to this database for a role that has one (a member who "
    "also answers on another laptop).",
)
@db_option
@click.pass_context
def import_command(
    ctx: click.Context, files: tuple[Path, ...], dry_run: bool, trust_new_keys: bool
) -> None:
    """Import bundles: all checked first, then all added at once, or nothing.

    Importing the same bundle twice changes nothing; a later revision of a stored response (an
    amendment) replaces it. A bundle of another team, whose checksum does not match, whose
    survey version is unknown here, or that holds a response that conflicts with one already
    stored for the same survey, period and role is refused with the reason. Example:

    \b
      gtm-pulse import dana-2026-11.json sam-2026-11.json
    """
    from gtm_pulse.store.bundles import plan_import, read_bundle

    store = open_store(ctx)
    bundles = [read_bundle(path) for path in files]
    plan = plan_import(store.load(), catalog(), bundles, trust_new_keys=trust_new_keys)
    added, amended, same = plan.add, plan.amend, plan.same
    if not dry_run and (plan.add or plan.amend):
        # What the write under the lock wrote, not what the plan (read without it) expected:
        # an import that ran meanwhile may have written some of them already.
        written = store.import_responses([*plan.add, *plan.amend], plan.surveys, plan.keys)
        landed = {response.key for response in written}
        added = [response for response in plan.add if response.key in landed]
        amended = [response for response in plan.amend if response.key in landed]
        same = plan.same + [r for r in (*plan.add, *plan.amend) if r.key not in landed]
    verb = "Would add" if dry_run else "Added"
    for response in added:
        click.echo(f"{verb} {_show(' '.join(response.key))} ({_show(response.respondent)})")
    for response in amended:
        click.echo(
            f"{'Would amend' if dry_run else 'Amended'} {_show(' '.join(response.key))} to "
            f"revision {response.revision} ({_show(response.respondent)})"
        )
    for response in same:
        click.echo(f"Already there: {_show(' '.join(response.key))}")
    changed = f", {len(amended)} {'to amend' if dry_run else 'amended'}" if amended else ""
    if dry_run:
        click.echo(
            f"Dry run: {len(added)} to add{changed}, {len(same)} already there; nothing written."
        )
    else:
        click.echo(f"{len(added)} added{changed}, {len(same)} already there.")


# -- db: check, backup, restore ---------------------------------------------------------------


@cli.group(cls=PulseGroup)
def db() -> None:
    """Keep the database: check it, back it up, restore a backup."""


@db.command("check")
@db_option
@click.pass_context
def db_check(ctx: click.Context) -> None:
    """Check every record: JSON, schema, each response valid against its survey version and
    its seal intact. Exit 0 when all is well, 2 with one line per problem."""
    from gtm_pulse.store.integrity import check_database

    store = open_store(ctx)
    found = check_database(store.path, catalog())
    counts = ", ".join(f"{n} {kind}(s)" for kind, n in found.counts.items())
    if found.ok:
        click.echo(f"ok: {store.path}: {counts}")
        return
    for problem in found.problems:
        click.echo(error_line(problem), err=True)
    click.echo(f"{len(found.problems)} problem(s) in {store.path} ({counts})", err=True)
    sys.exit(2)


@db.command("backup")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=AsPath))
@db_option
@click.pass_context
def db_backup(ctx: click.Context, folder: Path | None) -> None:
    """Copy the database to FOLDER (default: backups/ beside it), timestamped, under the lock."""
    target = open_store(ctx).backup(folder)
    click.echo(f"Backed up to {target}")


@db.command("restore")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=AsPath))
@db_option
@click.pass_context
def db_restore(ctx: click.Context, backup: Path) -> None:
    """Replace the database with BACKUP, after checking it; the current file is kept first."""
    from gtm_pulse.errors import DatabaseError
    from gtm_pulse.store.database import read_database
    from gtm_pulse.store.integrity import check_database

    try:  # first as a file: a message about it must name it, not call it "the database"
        read_database(backup, name=f"the backup {backup}")
    except DatabaseError as error:
        raise DatabaseError(f"{error}; nothing was restored") from None
    found = check_database(backup, catalog())
    if not found.ok:
        raise DatabaseError(
            f"{backup} is not restorable: {found.problems[0]}"
            + (f" (and {len(found.problems) - 1} more; 'gtm-pulse --db {backup} db check')"
               if len(found.problems) > 1 else "")
        )  # fmt: skip
    store = open_store(ctx)
    saved = store.restore(backup)
    if saved is not None:
        click.echo(f"The database as it was is kept in {saved}")
    click.echo(f"Restored {store.path} from {backup}")


# -- demo ---------------------------------------------------------------------------------------


@cli.command()
@click.option(
    "--db",
    "keep",
    type=click.Path(dir_okay=False, path_type=AsPath),
    help="Keep the demo database at this new path (default: a throwaway temp folder).",
)
@click.option("--seed", default=7, show_default=True, help="Seed of the generated answers.")
def demo(keep: Path | None, seed: int) -> None:
    """Twelve months of a demo team, never your real database.

    In a terminal it opens the offsite dashboard; piped (or in CI) it prints compare's report
    and exits 0. The story: alignment slides after a missed quarter, an offsite agrees a lead
    definition and a follow-up SLA, and the pulses that follow show it recover.
    """
    import shutil

    from gtm_pulse.core.periods import today
    from gtm_pulse.core.roles import CORE_PAIR
    from gtm_pulse.services.demo import build_demo, demo_path
    from gtm_pulse.store.database import Store

    path, throwaway = demo_path(keep)
    try:
        # The demo team's signing keys stay with the demo, never among the user's own.
        keys = (throwaway / "keys") if throwaway else path.with_name(path.name + ".keys")
        build_demo(Store(path, keys=keys), catalog(), seed, today())
        if sys.stdin.isatty() and sys.stdout.isatty():
            run_dashboard(_board(Store(path), "monthly-pulse", None, CORE_PAIR))
        else:
            _print_demo(path, throwaway is not None)
    finally:
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)


def _print_demo(path: Path, throwaway: bool) -> None:
    """Without a terminal: say where the demo is, then print compare's report of it."""
    from gtm_pulse.core.periods import today
    from gtm_pulse.report import render
    from gtm_pulse.services.comparing import build_review
    from gtm_pulse.store.database import Store

    review = build_review(Store(path).load(), catalog(), "monthly-pulse", None, today())
    click.echo(f"Demo database: {path}" + (" (throwaway)" if throwaway else ""))
    click.echo("")
    click.echo(render(review, "text", 80).rstrip("\n"))


def _show(text: str) -> str:
    """``text`` (user-typed, or a message quoting it) with control characters made visible."""
    from gtm_pulse.core.safe_text import for_terminal

    return for_terminal(text)


def main() -> None:
    """The console script: ``gtm-pulse``."""
    cli(prog_name="gtm-pulse")
