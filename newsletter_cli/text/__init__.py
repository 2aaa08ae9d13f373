"""What a draft's text is: paragraphs and their kinds, Markdown, dates, links and word lists."""
