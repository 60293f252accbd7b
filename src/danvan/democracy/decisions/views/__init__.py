"""Pages for village decisions, one module per part: `households` (the register), `decisions` (staff pages
of a decision, its meeting, ballots and document), `public` (results and online voting on the portal);
`common` holds the look-ups they share."""
