"""Sending mail through SMTP from the configuration; in development the mail goes to the log."""

import smtplib
from email.message import EmailMessage

from flask import current_app

from storyhub.core.text import clean_block, clean_line


def send_mail(to: str, subject: str, body: str) -> None:
    """Send a plain-text mail, or log it when no MAIL_SERVER is configured."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    # A name typed by a user may end up in the subject: one line, no control character (in
    # the mail and in the log line below).
    to, subject, body = clean_line(to), clean_line(subject), clean_block(body)
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    outbox = current_app.extensions.setdefault("storyhub_outbox", [])
    outbox.append(message)  # kept in memory: tests and the dev log read it
    if not config["MAIL_SERVER"]:
        current_app.logger.warning("Mail (no MAIL_SERVER set) to %s: %s\n%s", to, subject, body)
        del outbox[:-50]
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
    del outbox[:-50]
