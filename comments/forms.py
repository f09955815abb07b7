"""The public comment form and the moderators' small forms."""

import time
import unicodedata

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from django_comments_xtd.forms import XtdCommentForm

from .models import ArticleComment

# Characters that show nothing on their own: spaces, controls, format characters such as
# zero-width spaces and joiners, lone combining marks, and the "filler" letters.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cn", "Co", "Cs"}
INVISIBLE_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800")
# Characters that break a name onto several lines (or carry terminal controls).
LINE_BREAKING_CATEGORIES = {"Cc", "Zl", "Zp"}


def has_visible_text(text: str) -> bool:
    return any(
        unicodedata.category(ch) not in INVISIBLE_CATEGORIES and ch not in INVISIBLE_LETTERS
        for ch in text
    )


def max_length_of(field_name: str) -> int:
    return ArticleComment._meta.get_field(field_name).max_length


class EchoLimit:
    """Sends back at most `maxlength` characters of what was typed, however much arrived."""

    def format_value(self, value):
        value = super().format_value(value)
        limit = self.attrs.get("maxlength")
        return value[:limit] if value and limit else value


class LimitedTextInput(EchoLimit, forms.TextInput):
    pass


class LimitedEmailInput(EchoLimit, forms.EmailInput):
    pass


class LimitedURLInput(EchoLimit, forms.URLInput):
    pass


class LimitedTextarea(EchoLimit, forms.Textarea):
    pass


# What a too-long name, email or website is told; whole sentences, so each translates well.
TOO_LONG = {
    "name": gettext_lazy(
        "Your name can be at most %(limit_value)d characters long; this one has %(show_value)d."
    ),
    "email": gettext_lazy(
        "Your email address can be at most %(limit_value)d characters long; "
        "this one has %(show_value)d."
    ),
    "url": gettext_lazy(
        "Your website address can be at most %(limit_value)d characters long; "
        "this one has %(show_value)d."
    ),
}


class ArticleCommentForm(XtdCommentForm):
    """django-comments-xtd's form with our labels, autocomplete hints, limits and messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        # Built per form, so every label and message is in the language of the request.
        fields["name"].label = _("Name")
        fields["name"].widget = LimitedTextInput(attrs={"autocomplete": "name"})
        fields["name"].error_messages["required"] = _("Enter your name.")
        fields["email"].label = _("Email")
        fields["email"].help_text = _("Your email address will not be published.")
        fields["email"].widget = LimitedEmailInput(attrs={"autocomplete": "email"})
        fields["email"].error_messages.update(
            required=_("Enter your email address."),
            invalid=_("Enter an email address like name@example.org."),
        )
        fields["url"].label = _("Website")
        fields["url"].widget = LimitedURLInput(attrs={"autocomplete": "url"})
        fields["url"].error_messages["invalid"] = _("Enter a web address starting with https://.")
        # The database's limits, checked here so that a long value is an error by the field
        # rather than a failed insert (SQLite does not enforce them; PostgreSQL does).
        for name, column, message in (
            ("name", "user_name", TOO_LONG["name"]),
            ("email", "user_email", TOO_LONG["email"]),
            ("url", "user_url", TOO_LONG["url"]),
        ):
            self._limit(fields[name], max_length_of(column), str(message))
        comment = fields["comment"]
        comment.label = _("Comment")
        comment.widget = LimitedTextarea(attrs={"rows": 8, "maxlength": comment.max_length})
        comment.error_messages.update(
            required=_("Write your comment."),
            max_length=_(
                "Your comment is %(show_value)d characters long; the limit is "
                "%(limit_value)d. Please shorten it: only its first %(limit_value)d characters "
                "are kept below."
            ),
        )
        fields["followup"].label = _("Email me when someone replies to my comment")
        fields["followup"].widget = forms.CheckboxInput()
        fields["honeypot"].label = _("Leave this field empty")
        fields["honeypot"].widget = forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
        for name in ("name", "email", "comment"):
            fields[name].widget.attrs["required"] = True
        self._describe()

    def _describe(self):
        """Point each input at its help and error text, and flag the invalid ones."""
        for name, field in self.fields.items():
            if field.widget.is_hidden:
                continue
            auto_id = self[name].auto_id
            described = []
            if field.help_text:
                described.append(f"{auto_id}-help")
            if self._errors and name in self._errors:
                described.append(f"{auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def add_error(self, field, error):
        super().add_error(field, error)
        self._describe()

    @staticmethod
    def _limit(field, limit, message):
        field.max_length = limit
        field.widget.attrs["maxlength"] = limit
        field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        field.validators.append(MaxLengthValidator(limit))
        field.error_messages["max_length"] = message

    def clean_name(self):
        name = self.cleaned_data["name"]
        if any(unicodedata.category(ch) in LINE_BREAKING_CATEGORIES for ch in name):
            raise forms.ValidationError(
                _("Your name must be on one line, without line breaks or control characters."),
                code="invalid",
            )
        if not has_visible_text(name):
            raise forms.ValidationError(_("Enter your name."), code="required")
        return name

    def clean_comment(self):
        text = super().clean_comment()
        if not has_visible_text(text):
            raise forms.ValidationError(_("Write your comment."), code="required")
        return text

    def clean_timestamp(self):
        # Anonymous readers get the page from a shared cache, whose copy (and the form's
        # signed timestamp) may be many hours old: such a form still posts, and the policy
        # holds its comment for a moderator (see is_from_an_old_page and docs/caching.md).
        return self.cleaned_data["timestamp"]

    @property
    def is_from_an_old_page(self) -> bool:
        """Whether the (signed) timestamp is older than COMMENTS_TIMEOUT."""
        sent = self.cleaned_data.get("timestamp")
        return sent is not None and time.time() - sent > settings.COMMENTS_TIMEOUT

    def refreshed(self):
        """A copy of this form with what the visitor typed and fresh security data."""
        data = self.data.copy()
        data.update(self.generate_security_data())
        data.pop("honeypot", None)
        return type(self)(self.target_object, data=data)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        required=False, max_length=500, help_text="Optional; kept in the history."
    )


class StaffReplyForm(forms.Form):
    comment = forms.CharField(
        label="Reply as staff",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text="Published at once with a “Staff” badge.",
    )


class PrivacyForm(forms.Form):
    email = forms.EmailField(label="Commenter's email address")
