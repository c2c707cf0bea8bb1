"""click's and typer's own words (Usage:, Options, Show this message and exit., No such option,
Missing argument, Error:, Try … for help) in the user's language, and `-h`/`-V` everywhere.

typer (0.2x) carries its own copy of click whose messages are plain English f-strings, not
gettext calls: the words it writes itself are replaced where our command classes write them
(the usage line and its placeholders, headings, the help option), and a usage error is shown
here, its English message matched against the templates below and said again from the catalog.
typer.core's own words (Arguments, Options, Commands, required, default) go through gettext's
module-level `_`: pointed at ours.
"""
from __future__ import annotations

import re
import sys

import typer
from typer._click import decorators
from typer._click.core import Context
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .helpwrap import CellFormatter
from .i18n import N_, _, language, template_of
from .wording import quoted

# click's messages as it writes them: {name} matches any text; {message} is translated in turn.
MESSAGES = (
    N_("No such option: {name} (Possible options: {options})"), N_("No such option: {name}"),
    N_("Missing argument {name}."), N_("Missing option {name}."), N_("Missing parameter: {name}"),
    N_("Got unexpected extra argument(s) ({args})"), N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("Invalid value for {name}: {message}"), N_("Invalid value: {message}"),
    N_("Option {name} requires an argument."), N_("Option {name} requires {n} arguments."),
    N_("Option {name} does not take a value."), N_("{value} is not a valid integer."),
    N_("{value} is not a valid int range."),
    N_("{value} is not a valid float."), N_("{value} is not in the range {range}."),
    N_("{value} is not a valid boolean. Recognized values: {states}"),
    N_("No such command {name}."), N_("Missing command."),
)
# typer's shell completion options, by parameter name: their help in our words
COMPLETION = {"install_completion": N_("Install completion for the current shell."),
              "show_completion": N_("Show completion for the current shell, to copy it or customize the "
                                    "installation.")}
# typer.core's gettext words, for the catalog (typer looks them up itself once `_` is ours)
TYPER_WORDS = (N_("Arguments"), N_("Options"), N_("Commands"), N_("required"), N_("default: {default}"),
               N_("env var: {var}"), N_("(dynamic)"), N_("Aborted!"))


def translated(message: str) -> str:
    """click's English `message` in the user's language (as it is when no template matches)."""
    if language() == "en":
        return message
    found = template_of(message, MESSAGES)
    if found is None:
        return message
    template, fields = found
    for name, value in fields.items():  # click quotes what the user wrote 'thus': “thus” in Chinese
        fields[name] = translated(value) if name == "message" else re.sub(
            r"'([^']*)'", lambda m: quoted(m.group(1)), value)
    return _(template).format(**fields)


def install() -> None:
    """typer.core's `_` becomes ours (once, at import of cli; English keeps gettext's)."""
    import typer.core

    if language() != "en" and hasattr(typer.core, "_"):
        typer.core._ = _


def show(e: ClickException) -> None:
    """A usage error as click shows it (usage line, how to get help, `Error: …`), in our words."""
    if isinstance(e, NoArgsIsHelpError):  # the help itself: already in our words
        e.show()
        return
    ctx = getattr(e, "ctx", None) if isinstance(e, UsageError) else None
    if ctx is not None:
        lines = [ctx.get_usage()]
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[-1]))
        typer.echo("\n".join(lines) + "\n", err=True)
    typer.echo(_("Error: {message}").format(message=translated(e.format_message())), err=True)


def _show_version(ctx, param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        typer.echo(_("bulletin {version}").format(version=__version__))
        ctx.exit()


# the usage line's placeholders click writes
USAGE = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}


class _Formatter(CellFormatter):
    """Lines measured in cells (Chinese help breaking between characters), and headings as the
    language writes them: Options:, 选项："""

    @property
    def chinese(self) -> bool:
        return language() == "zh"

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}" + _("{heading}:").format(heading=heading) + "\n")


class _Context(Context):
    formatter_class = _Formatter


class Worded:
    """What our command and group classes share: the usage line's prefix and the help option's
    help in the user's language, and -V/--version beside -h/--help on every command."""

    context_class = _Context

    def format_usage(self, ctx, formatter) -> None:
        pieces = [_(USAGE[p]) if p in USAGE else p for p in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), _("Usage: "))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if param.name in COMPLETION:
                param.help = _(COMPLETION[param.name])
        if getattr(self, "_version_option", None) is None:
            decorators.option(["-V", "--version"], is_flag=True, expose_value=False, is_eager=True,
                              help=_("Print the version and exit."), callback=_show_version)(self)
            self._version_option = self.params.pop()
        help_option = self.get_help_option(ctx)
        if help_option is not None and params and params[-1] is help_option:
            return [*params[:-1], self._version_option, help_option]
        return [*params, self._version_option]


class Group(Worded, TyperGroup):
    """The app: runs a command and shows a usage error itself, so that it is said in our words."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except ClickException as e:
            show(e)
            sys.exit(e.exit_code)
        except typer.Abort:  # typer.exceptions.Abort from 0.27, typer._click's before: this name is both
            typer.echo(_("Aborted!"), err=True)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)


class Command(Worded, TyperCommand):
    """A command of the app (cli._Command adds its own usage pieces and option suggestions)."""
