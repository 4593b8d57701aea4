"""Public discovery pages: home, exchanges directory, territory pages, the map."""
