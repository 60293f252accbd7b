"""Official documents in the Nghị định 30/2020/NĐ-CP format: the engine beneath every app.

`nd30` describes and writes a .docx (header with the motto, number and date lines, title, tables,
charts, "Nơi nhận", signature block), `pdf` renders the same description as PDF, `charts` draws bar
charts, `fonts` finds a serif with every Vietnamese glyph, `xlsx` writes plain spreadsheets, and
`blocks` holds the tables and charts all of them share. It knows nothing of reports, petitions or
plans: those build on it.
"""
