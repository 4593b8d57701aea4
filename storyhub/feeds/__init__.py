"""Atom feeds, sitemap.xml and robots.txt: public stories for feed readers and crawlers."""
