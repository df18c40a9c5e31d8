"""The web side of newslint: the HTML report (no extra dependencies) and the
local review page ``newslint serve`` (needs the ``web`` extra)."""
