"""Media as shown in stories: the whole media rule, the `media` blueprint (upload, pages, files served), portals and exchange covers."""
