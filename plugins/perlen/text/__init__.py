"""A post's text inside Python-Markdown: emoji, hearts, German typography and
table alignment; never code."""
