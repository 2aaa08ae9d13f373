"""Rendering and the output formats: the theme, PDF, web page, email, text, eml, the site."""
