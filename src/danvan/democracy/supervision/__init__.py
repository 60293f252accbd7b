"""Supervision by the people (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng): boards, members,
investment projects, recommendations and their answers."""
