"""Examples of the chapter docs/{zh,en}/start_methods.md."""
