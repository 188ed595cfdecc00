"""Examples of the chapter docs/{zh,en}/errata.md."""
