"""Work in progress: filled in by the rule's author (see issue 3)."""
from lint import hookimpl


@hookimpl
def newslint_register_checks():
    return []
