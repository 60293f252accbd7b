"""Units, memberships and roles: who may do what, in which commune."""
