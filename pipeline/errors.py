"""Every error publish reports to a user, and the exit status each one leads to.

    PublishError                 anything publish reports in one line, without a traceback
    ├── DocumentError            one document cannot be published: it fails alone with this
    │                            reason, the rest of the run goes on; the run exits 1
    ├── ConfigurationError       the run cannot start as asked; exit 2
    │   ├── OptionError          a command-line value (a format, a PDF variant, a file)
    │   ├── StyleError           a style: missing, unreadable, a key missing, unknown or mistyped
    │   └── RulesError           a cleaning-rules file, or --skip-rule naming no rule
    ├── EnvironmentProblem       the machine or the folders cannot do the run; exit 2
    │   └── LockedError          another run holds the output folder; exit 75
    └── ReportError              the work is done, but the --report file could not be written
                                 (a full disk); the summary is still printed; exit 1

Every message names what to act on (the file, the key, the option) and the reason.

Anything else that escapes is a bug: inside a worker it fails that one document as an
"internal error" (with a traceback under --debug); in the coordinator it ends the run with a
traceback and exit 1. A bug is never reported as a usage error.

The exit status of a whole run is decided in one place, `exit_status`.
"""

from __future__ import annotations

EXIT_OK = 0  # everything published or unchanged
EXIT_FAILED = 1  # some documents failed (each with its reason), or the report was not written
EXIT_USAGE = 2  # configuration or environment error: nothing was published
EXIT_LOCKED = 75  # another run holds the output folder (EX_TEMPFAIL: try again later)
EXIT_INTERRUPTED = 130  # Ctrl-C; the next run finishes what this one did not
EXIT_TERMINATED = 143  # SIGTERM (128 + 15), handled like Ctrl-C


class PublishError(Exception):
    """An error with a reason a user can act on; `exit_code` is what the command exits with."""

    exit_code = EXIT_FAILED


class DocumentError(PublishError):
    """One document cannot be published (bad bytes, nothing left after cleaning, a renderer
    refused it). It fails alone; the run goes on and exits 1."""

    exit_code = EXIT_FAILED


class ConfigurationError(PublishError):
    """What the user asked for cannot be done as asked: fix the option, style or rules."""

    exit_code = EXIT_USAGE


class OptionError(ConfigurationError):
    """A command-line value; `option` names it (e.g. "--formats")."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option


class StyleError(ConfigurationError):
    """A style cannot be used: not found, not valid TOML, a key missing, unknown or mistyped."""


class RulesError(ConfigurationError):
    """A cleaning-rules file cannot be used, or --skip-rule names no rule."""


class EnvironmentProblem(PublishError):
    """The machine or the folders cannot do the run: a font or tool missing, an output folder
    that cannot be written. `publish doctor` says what to install."""

    exit_code = EXIT_USAGE


class LockedError(EnvironmentProblem):
    """Another run holds the output folder: try again later, or pass --wait."""

    exit_code = EXIT_LOCKED


class ReportError(PublishError):
    """The run's documents are published and recorded, but its --report file could not be
    written. `outcomes` are the run's, so the summary can still be given."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, outcomes: list) -> None:
        super().__init__(message)
        self.outcomes = outcomes


def exit_status(statuses: list[str] | set[str] | tuple[str, ...]) -> int:
    """The exit status of a run that got to publish, from its documents' statuses."""
    return EXIT_FAILED if "failed" in set(statuses) else EXIT_OK
