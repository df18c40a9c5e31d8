"""The document model: what a reader makes of a file and every check reads.

- :mod:`lint.doc.kinds`: block kinds and paragraph conventions (enums; imports nothing);
- :mod:`lint.doc.document`: :class:`Document`, :class:`Block`, :class:`Line`, the
  offset <-> line/column map and the shared per-document analysis;
- :mod:`lint.doc.mapped`: documents read from markup (HTML, XML, DOCX, Markdown),
  whose copy text maps back to the source (:class:`CopyBuilder`);
- :mod:`lint.doc.classify`: block kinds and language, a separate step the engine runs;
- :mod:`lint.doc.sentences`, :mod:`lint.doc.decode`: sentence spans; bytes to text.

Plugins may use everything this package exports.
"""
