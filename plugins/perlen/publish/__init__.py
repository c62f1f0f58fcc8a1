"""Steps on the written site before it goes live: verification, `_headers`,
content-hashed assets, the search index and sitemap fixes."""
