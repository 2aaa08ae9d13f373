"""`nl import`: old issues (Markdown with front matter, plain text) become drafts.

One module per job, each importing only the ones listed before it:

- ``frontmatter``: the front matter block of a Markdown file (YAML, TOML, Pelican headers).
- ``imported``: what one file becomes: the draft, its guesses and doubts (``Imported``).
- ``metadata``: date, number and title from the front matter, the file name or a masthead.
- ``template_tags``: the source site's template variables filled, its template blocks hidden.
- ``markdown_issue``: a Markdown file -> intro and sections, cut where the parser sees headings.
- ``plain_text``: plain text (also a PDF's) -> paragraphs re-joined, headings guessed.
- ``sources``: which files, read how, as Markdown or text; one file -> ``Imported``.
- ``run``: many files in one run, written under names claimed atomically; the summary; the command.
"""
