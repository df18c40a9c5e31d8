"""Built-in readers: files to Documents."""
