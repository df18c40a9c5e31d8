"""The standard library's ``argparse`` messages that newslint's ``--help`` and
usage errors show, marked here so that Babel extracts them into newslint's
catalog (``lint.cli`` hands argparse a gettext that reads it). Never imported."""

from .i18n import N_

N_("usage: ")
N_("positional arguments")
N_("options")
N_("show this help message and exit")
N_("argument %(argument_name)s: %(message)s")
N_("unknown parser %(parser_name)r (choices: %(choices)s)")
N_("can't open '%(filename)s': %(error)s")
N_("unrecognized arguments: %s")
N_("not allowed with argument %s")
N_("ignored explicit argument %r")
N_("the following arguments are required: %s")
N_("one of the arguments %s is required")
N_("expected one argument")
N_("expected at most one argument")
N_("expected at least one argument")
N_("ambiguous option: %(option)s could match %(matches)s")
N_("invalid %(type)s value: %(value)r")
N_("invalid choice: %(value)r (choose from %(choices)s)")
N_("%(prog)s: error: %(message)s\n")
