"""The publications workspace: table, search and filters, detail form, TOC and issues."""
