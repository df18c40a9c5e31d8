"""Running checks: the one lint path (engine: one document; runner: many files,
in parallel, cached, fixed), suppressions, baselines, fixes and the cache."""
