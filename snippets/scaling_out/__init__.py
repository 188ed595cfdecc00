"""Examples of the chapter docs/{zh,en}/scaling_out.md."""
