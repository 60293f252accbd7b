"""Staff log-in and log-out, with Vietnamese messages; lock-out is django-axes'."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.services.sessions import sessions_end_others
from danvan.core.audit import audit_record
from danvan.web.forms import LoginForm
from danvan.web.views.account import login_next_step


class PasswordChangeView(auth_views.PasswordChangeView):
    """Self-service password change (đổi mật khẩu): the old password, then the new one twice, checked by
    the Vietnamese rules in core/passwords.py; the session stays signed in, other sessions end."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:workspace")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            audit_record(actor=self.request.user, action="web.password_change", obj=self.request.user)
            # The old password may be known to someone else: every other browser is signed out.
            ended = sessions_end_others(
                self.request.user, current_key=self.request.session.session_key, reason="password_change"
            )
        messages.success(
            self.request, "Đã đổi mật khẩu." + (f" Đã đăng xuất {ended} phiên khác." if ended else "")
        )
        return response


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self):
        # The password was right: the code comes next (or enrolment, for a role that must have it).
        return login_next_step(self.request, super().get_success_url())


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "Bạn đã đăng xuất.")
    return redirect("web:home")


def duration_vi(delta) -> str:
    """A lock-out time as people say it: "30 phút", "1 giờ 30 phút" (axes' own is ISO 8601, "PT30M")."""
    minutes = max(1, round(delta.total_seconds() / 60))
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} giờ"] if hours else []) + ([f"{rest} phút"] if rest else [])
    return " ".join(parts)


def locked_out(request, response=None, credentials=None):
    """django-axes' lock-out page (AXES_LOCKOUT_CALLABLE), with the wait written in Vietnamese."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff": duration_vi(settings.AXES_COOLOFF_TIME),
    }
    return render(request, "web/locked_out.html", context, status=429)
