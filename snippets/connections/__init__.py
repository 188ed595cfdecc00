"""Examples of the chapter docs/{zh,en}/connections.md."""
