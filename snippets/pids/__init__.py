"""Examples of the chapter docs/{zh,en}/pids.md."""
