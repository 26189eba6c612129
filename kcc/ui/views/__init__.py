"""Sections the pages render, one module per page (the pages only read widgets and call these)."""
