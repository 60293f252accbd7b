"""The petitions fixtures (units, officers) for the follow-up tests."""

from tests.petitions.conftest import other_officer, unit  # noqa: F401
