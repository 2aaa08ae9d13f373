"""`nl lint`: the engine, the rules, the archive index, the cache, the workers and the reports."""
