"""Examples of the chapter docs/{zh,en}/producer_consumer.md."""
