"""Examples of the chapter docs/{zh,en}/queues.md."""
