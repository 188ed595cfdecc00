"""Examples of the chapter docs/{zh,en}/pool.md."""
