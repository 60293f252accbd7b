"""Vietnam's working-day calendar and the deadline arithmetic every legal time limit uses."""
