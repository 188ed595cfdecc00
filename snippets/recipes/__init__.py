"""Examples of the chapter docs/{zh,en}/recipes.md."""
