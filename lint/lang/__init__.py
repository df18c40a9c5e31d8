"""Language knowledge, one home each, shared by the classifier and the rules:

- :mod:`lint.lang.text`: scripts and display width, punctuation sets, bracket
  pairs, sentence ends, function-word lists, lazily compiled patterns;
- :mod:`lint.lang.patterns`: newsroom patterns (datelines, bylines, credits,
  captions, sign-offs, list items, lead-ins, read-more teasers);
- :mod:`lint.lang.words`: word frequencies and Chinese segmentation (lazy).

Plugins may use everything here; a rule that needs a deliberate variant of a
shared pattern names it as a variant of the shared one.
"""
