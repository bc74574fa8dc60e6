"""Following each youth: events, their road, their progress, kept in a store."""
