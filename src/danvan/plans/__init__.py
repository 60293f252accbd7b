"""Plans: commune plans (Kế hoạch), their tasks and the units that carry them out."""
