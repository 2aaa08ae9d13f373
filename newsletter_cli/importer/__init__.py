"""`nl import`: old issues (Markdown with front matter, plain text) become drafts."""
