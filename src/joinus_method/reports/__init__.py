"""Reports from the store as of a date, for each kind of reader, written as Markdown and as
self-contained HTML; and xAPI statements of a youth's road."""
