"""Refused sign-ins go to the audit trail (connected in OrgConfig.ready)."""

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from styrkraft.org import services


@receiver(user_login_failed, dispatch_uid="styrkraft.org.login_failed")
def record_login_failure(sender, credentials, request=None, **kwargs):
    # A refused single sign-on has no user name, only the nonce of its attempt.
    username = str(credentials.get("username") or ("oidc" if "nonce" in credentials else ""))
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    services.login_failure_record(username=username, address=address)
