"""A session is listed from the moment its owner signs in, and forgotten when they sign out."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from danvan.accounts.services.sessions import session_forget, session_record


@receiver(user_logged_in, dispatch_uid="accounts.session_record")
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        if not request.session.session_key:
            request.session.save()  # a key now, so the row can point at it
        session_record(request, user, at_login=True)


@receiver(user_logged_out, dispatch_uid="accounts.session_forget")
def _signed_out(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_forget(request.session.session_key)
