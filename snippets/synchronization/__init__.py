"""Examples of the chapter docs/{zh,en}/synchronization.md."""
