# house_rules.py
import re

from lint import Check, hookimpl

class NoCliches(Check):
    """## What it does
    Flags "at the end of the day".
    ## Why is this bad?
    It says nothing.
    ## Example
    At the end of the day, the council voted.
    """
    name = "no-cliches"
    code = "HS001"
    severity = "warning"

    def check(self, doc, ctx):
        for m in re.finditer("at the end of the day", doc.text, re.IGNORECASE):
            ctx.report(m.start(), m.end(), "Cliché")

@hookimpl
def newslint_register_checks():
    return [NoCliches]
