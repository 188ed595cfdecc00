"""Examples of the chapter docs/{zh,en}/security.md."""
