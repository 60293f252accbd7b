"""Notifications to staff (in-app and e-mail); later, announcements to residents' channels."""
