"""What the public may see, as SQL: one query layer that search, feeds, the sitemap and the API
all start from (storyhub/public/queries.py), built on the domains' own visibility rules."""
