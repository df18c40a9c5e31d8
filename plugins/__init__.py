"""newslint's built-in plugins: checks, output formats and readers.

Each module is registered under the ``newslint`` entry-point group in
pyproject.toml, exactly as a third-party package would register its own.
"""
