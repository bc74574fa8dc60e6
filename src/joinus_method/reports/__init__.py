"""Reports from the store as of a date: for a youth, a group, an evening, a worker, a coach, a municipality and the whole programme, as Markdown and as self-contained HTML; xAPI statements."""
