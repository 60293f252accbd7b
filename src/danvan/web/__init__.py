"""Templates, static files, the public portal and the staff workspace shell."""
