"""Reading one post: German metadata, dates, slugs, local links and its word count."""
