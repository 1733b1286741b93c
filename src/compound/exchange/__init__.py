"""Data in and out: one module per file format, found by name in exchange.registry.

Importers read a file into a domain ImportBatch (the store applies it); exporters
format a domain ExportData. Nothing here opens compound's database or knows the
command line, so reports built later reuse the same pieces (csvfiles.write_table,
markdown.table, output.private_file).
"""
