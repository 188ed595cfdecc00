"""Examples of the chapter docs/{zh,en}/process.md."""
