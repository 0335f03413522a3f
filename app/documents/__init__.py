"""Documents — a document model (the official letter 函, tables such as usage lists) and the
writers that render it: DOCX (python-docx), PDF (reportlab) and XLSX (openpyxl)."""
