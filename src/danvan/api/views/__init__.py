"""Staff REST API (/api/v1/): petitions of a commune (`petitions`), their workflow actions (`actions`),
attachments, duplicates, the commune's hotspots, fields and public tracking (`lookups`); `common` holds
`CommuneScoped` and the error responses.

Every endpoint under /communes/<code>/ starts like the staff pages: `org.access.commune_for` (another
commune is a 404, a role without the permission a 403), then looks objects up inside that commune.
A key limited to one commune sees no other. Writes call the petitions services and nothing else; the
services check the roles again and their `ServiceError` becomes a JSON error (`api.errors`).
"""
