"""NL001 unused-suppression: a newslint-disable comment that suppresses nothing."""

from __future__ import annotations

from lint import hookimpl
from lint.api import Check, rule_matches
from lint.i18n import N_, _
from lint.model import Fix


class UnusedSuppression(Check):
    """## What it does
    Flags a `<!-- newslint-disable ... -->` comment (any form: `disable`,
    `disable-next-line`, `disable-file`) in Markdown or HTML copy that
    suppresses no finding, or that names a rule that does not exist or is not
    enabled.

    ## Why is this bad?
    A stale suppression hides the next real problem at that spot, and a
    misspelt rule name suppresses nothing while looking as if it does. Like
    ruff's RUF100, this keeps suppressions honest.

    ## Example
    ```markdown
    <!-- newslint-disable-next-line duplicate-paragraf -->
    The council met on Tuesday.
    ```
    The rule name is misspelt and the next line has no finding anyway. The fix
    removes the comment.
    """

    name = "unused-suppression"
    code = "NL001"
    summary = N_("A newslint-disable comment that suppresses nothing, or names no enabled rule.")
    severity = "warning"
    options = {}
    after_suppressions = True

    def check(self, doc, ctx):
        enabled = ctx.enabled_rules
        for d in ctx.directives:
            if d.kind == "enable" or d.used:
                continue
            unknown = [r for r in d.rules if not any(rule_matches(r, n, c) for n, c in enabled.items())]
            if unknown:
                why = _("names no enabled rule: {rules}", rules=", ".join(unknown))
            else:
                why = _("suppresses nothing")
            start, end = d.start, d.end
            # remove the whole line when the comment stands alone on it
            line_no, _col = doc.position(start)
            ln = doc.line(line_no)
            if doc.text[ln.start : ln.end].strip() == doc.text[start:end]:
                start, end = ln.start, min(ln.end + 1, len(doc.text))
            ctx.report(
                d.start,
                d.end,
                _("Unused suppression: newslint-{kind} {why}", kind=d.kind, why=why),
                fix=Fix.delete(start, end, _("Remove the unused suppression")),
            )


@hookimpl
def newslint_register_checks():
    return [UnusedSuppression]
