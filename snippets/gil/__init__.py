"""Examples of the chapter docs/{zh,en}/gil.md."""
