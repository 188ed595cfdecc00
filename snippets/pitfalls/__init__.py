"""Examples of the chapter docs/{zh,en}/pitfalls.md."""
