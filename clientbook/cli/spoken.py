"""Click in the interface's language: the commands' help, click's own words, and codes said in Russian.

The commands are made at import, before anyone says which language they want, so their
texts are kept as written (the catalog's msgids: `help=N_("…")`) and translated when
shown: the `Command`, `Group`, `Option` and `Argument` here read `help`, `metavar` and
the usage line's placeholders through the catalog. Every command is made with
`command`, `group`, `option` and `argument` from this module, never click's own.

Click's own sentences ("Usage:", "Error: …", "Missing argument", "No such command…") are
marked for stdlib gettext in click's modules; `speak_through_our_catalog` makes those
modules' `_` and `ngettext` ours, and the Russian catalog holds click's msgids.

The language is known before click parses anything: `--lang` is read from the command
line first (`language_on_line`), so `clientbook calls --help --lang ru` is Russian too.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

import click

from clientbook.domain.speech import quoted
from clientbook.i18n import LANGUAGES, N_, _, language, ngettext

# Click's modules that mark their sentences with `_` (and `ngettext`).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
                 "_termui_impl", "shell_completion")


def speak_through_our_catalog() -> None:
    """Click's own sentences in the interface's language, from our catalog."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


def language_on_line(args: Iterable[str]) -> str | None:
    """The language `--lang` asks for anywhere on the line (the last one wins, as click's does)."""
    found, args = None, list(args)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            args[index + 1] if arg == "--lang" and index + 1 < len(args) else None)
        if value in LANGUAGES:
            found = value
    return found


class Said:
    """An attribute kept as written, the catalog's msgid, and read in the interface's language."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__.get(self.name)
        return _(value) if isinstance(value, str) and value else value

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.name] = value


class Help(Said):
    """An option's help: its msgid, then those of `more` (the forms a date takes…), each said."""

    def __get__(self, instance, owner=None):
        said = super().__get__(instance, owner)
        if instance is None:
            return said
        more = [_(msgid) for msgid in instance.__dict__.get("more", ())]
        return " ".join(part for part in (said, *more) if part) or said


def _show_help(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class Command(click.Command):
    """A command whose help, and its usage line's "[OPTIONS]", are said in the interface's language."""

    help = Said()
    short_help = Said()
    epilog = Said()
    options_metavar = Said()

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """click's --help, with its help said when shown (click's own is said once, when made)."""
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._help_option is None:
            self._help_option = Option(names, is_flag=True, expose_value=False, is_eager=True,
                                       callback=_show_help, help=N_("Show this message and exit."))
        return self._help_option


# Words click writes without marking them for translation: said through `Said` and the catalog.
CLICK_WORDS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("[COMMAND] [ARGS]..."), N_("required"))


class Group(Command, click.Group):
    """A group of commands: "COMMAND [ARGS]..." said too; its commands are made of this module's classes."""

    subcommand_metavar = Said()
    command_class = Command
    group_class = type  # a subgroup is a Group like this one


# What an option takes, when it names no placeholder of its own.
TYPE_METAVARS = {"text": N_("TEXT"), "integer": N_("NUMBER"), "integer range": N_("NUMBER"),
                 "path": N_("PATH"), "file": N_("FILE"), "directory": N_("FOLDER")}


class Option(click.Option):
    """An option whose help, placeholder, default and range are said in the interface's language;
    `more`: msgids said after the help (the forms a date may take)."""

    help = Help()
    metavar = Said()

    def __init__(self, *args, more: Iterable[str] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.more = tuple(more)

    def make_metavar(self, ctx: click.Context) -> str:
        if self.metavar is None and self.type.get_metavar(param=self, ctx=ctx) is None:
            return _(TYPE_METAVARS.get(self.type.name, "TEXT")) + ("..." if self.nargs != 1 else "")
        return super().make_metavar(ctx)

    def get_help_extra(self, ctx: click.Context):
        extra = super().get_help_extra(ctx)
        if "default" in extra and isinstance(self.type, Words):
            extra["default"] = self.type.label(self.get_default(ctx))
        return extra

    def get_error_hint(self, ctx: click.Context | None) -> str:
        if language() != "ru":  # click's own: '--limit'
            return super().get_error_hint(ctx)
        return " / ".join(quoted(name) for name in self.opts)


class Argument(click.Argument):
    """An argument whose placeholder (CLIENT, FILE…) and help are said in the interface's language."""

    help = Said()
    metavar = Said()

    def get_error_hint(self, ctx: click.Context | None) -> str:
        if language() != "ru":  # click's own: 'CLIENT'
            return super().get_error_hint(ctx)
        return quoted(self.make_metavar(ctx) if ctx is not None else self.human_readable_name)


def command(name: str | None = None, **attrs):
    return click.command(name, cls=Command, **attrs)


def group(name: str | None = None, **attrs):
    return click.group(name, cls=Group, **attrs)


def option(*decls: str, **attrs):
    attrs.setdefault("cls", Option)
    return click.option(*decls, **attrs)


def argument(*decls: str, **attrs):
    attrs.setdefault("cls", Argument)
    return click.argument(*decls, **attrs)


def version_option(command):
    """--version: "clientbook, version 1.2" in the interface's language."""
    def show(ctx: click.Context, _param, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            from importlib.metadata import version  # 13 ms: only when asked

            click.echo(_("{program}, version {version}").format(program=ctx.find_root().info_name,
                                                                  version=version("clientbook")))
            ctx.exit()

    return option("--version", is_flag=True, expose_value=False, is_eager=True, callback=show,
                  help=N_("Show the version and exit."))(command)


class Range(click.IntRange):
    """A whole number in a range, the range said in the interface's language: "from 0 to 100000"."""

    def _describe_range(self) -> str:
        if self.max is None:
            return _("{low} or more").format(low=self.min)
        return _("from {low} to {high}").format(low=self.min, high=self.max)


class Words(click.ParamType):
    """A code typed as the code or as a word people say for it (`--outcome Недозвон`).

    `read` gives the code of a text or None; `label` says a code in the interface's
    language; `refusal` says what was typed is none of them. The placeholder is said too.
    """

    name = "word"

    def __init__(self, codes: Iterable[str], read: Callable[[str], str | None], label: Callable[[str], str],
                 refusal: Callable[[str], str], metavar: str) -> None:
        self.codes = tuple(codes)
        self.read = read
        self.label = label
        self.refusal = refusal
        self.metavar = metavar

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return _(self.metavar)

    def convert(self, value, param, ctx):
        if value in self.codes:
            return value
        code = self.read(value)
        if code is None:
            self.fail(self.refusal(value), param, ctx)
        return code

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(code) for code in self.codes if code.startswith(incomplete)]


def said_as(codes, metavar: str) -> Words:
    """A services.words.Codes as an option's or argument's type, with its placeholder (a msgid)."""
    return Words(codes.codes, codes.read, codes.label, codes.refused, metavar)


def confirm(question: str, *, default: bool = False, abort: bool = False) -> bool:
    """click.confirm in the interface's language: [д/Н] in Russian, yes or no in either."""
    from clientbook.services.words import read_yes_no

    hint = _("[y/N]") if not default else _("[Y/n]")
    while True:
        answer = click.prompt(f"{question} {hint}", default="", show_default=False, prompt_suffix=" ")
        said = default if not answer.strip() else read_yes_no(answer)
        if said is not None:
            break
        click.echo(_("Please answer yes or no."), err=True)
    if abort and not said:
        raise click.Abort()
    return said


speak_through_our_catalog()
