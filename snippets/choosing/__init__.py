"""Examples of the chapter docs/{zh,en}/choosing.md."""
