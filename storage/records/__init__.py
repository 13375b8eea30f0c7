"""Records: filters, sort orders, rows, search index, value checks, data objects; imports schema."""
